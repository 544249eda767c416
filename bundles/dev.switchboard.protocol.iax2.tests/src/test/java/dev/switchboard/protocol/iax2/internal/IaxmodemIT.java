package dev.switchboard.protocol.iax2.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.call.CallState;
import dev.switchboard.core.call.EndReason;
import dev.switchboard.core.spi.CallLeg;
import dev.switchboard.testing.peers.Iaxmodem;

/** Our IAX2 stack against iaxmodem (libiax2), the IAX2 peer Debian packages. */
class IaxmodemIT {

    private static Iax2Session session(Map<String, String> settings, Recorders.Session listener,
            BlockingQueue<ToneCallMedia> media) {
        return session(settings, "alice123", listener, media);
    }

    private static Iax2Session session(Map<String, String> settings, String password, Recorders.Session listener,
            BlockingQueue<ToneCallMedia> media) {
        Map<String, String> all = new java.util.HashMap<>(Map.of("user", "alice", "port", "0", "bind", "127.0.0.1"));
        all.putAll(settings);
        return new Iax2Session(new Account("live", "iax2", all), password.toCharArray(), listener,
                ToneCallMedia.factory(media));
    }

    /** The received µ-law frames as 16-bit samples. */
    private static short[] pcm(List<byte[]> frames) {
        int total = frames.stream().mapToInt(frame -> frame.length).sum();
        short[] samples = new short[total];
        int at = 0;
        for (byte[] frame : frames) {
            for (byte code : frame) {
                samples[at++] = (short) MuLaw.decode(code);
            }
        }
        return samples;
    }

    private static List<byte[]> take(BlockingQueue<byte[]> frames, int count) throws InterruptedException {
        List<byte[]> taken = new ArrayList<>();
        while (taken.size() < count) {
            byte[] frame = frames.poll(10, TimeUnit.SECONDS);
            if (frame == null) {
                throw new AssertionError("only " + taken.size() + " voice frames arrived, " + count + " awaited");
            }
            taken.add(frame);
        }
        return taken;
    }

    @Test
    void weCallIaxmodemAndItAnswersWithMuLawVoice() throws Exception {
        Recorders.Session listener = new Recorders.Session();
        Recorders.Call call = new Recorders.Call();
        BlockingQueue<ToneCallMedia> media = new LinkedBlockingQueue<>();
        try (Iaxmodem modem = Iaxmodem.builder().start();
                Iax2Session session = session(Map.of(), listener, media)) {
            // as a fax (class 1) the modem greets an answered call with CED, 2100 Hz, from 0.2 s on
            assertEquals("OK", modem.command("AT+FCLASS=1"));
            assertEquals("OK", modem.command("ATS0=1"));
            CallLeg leg = session.dial("127.0.0.1:" + modem.port() + "/5550100", call);
            List<Object> states = call.until(CallState.CONNECTED);
            assertEquals(CallState.CONNECTED, states.getLast(), "states " + states);
            assertEquals("PCMU/8000", leg.codec().orElseThrow());
            ToneCallMedia audio = media.poll(5, TimeUnit.SECONDS);
            // look for a 200 ms stretch of the tone in the first 2 s
            short[] samples = pcm(take(audio.received, 100));
            double best = 0;
            for (int start = 0; start + 1600 <= samples.length; start += 800) {
                best = Math.max(best, MuLaw.share(java.util.Arrays.copyOfRange(samples, start, start + 1600), 1600,
                        2100, 8000));
            }
            assertTrue(best > 0.5, "the fax CED tone (2100 Hz) dominates a stretch of what we received: " + best);
            leg.hangup();
            assertEquals(EndReason.Kind.LOCAL_HANGUP, ((EndReason) call.until(EndReason.class).getLast()).kind());
        }
    }

    @Test
    void iaxmodemRegistersAndCallsUsAnswersOurChallengeAndWeAnswer() throws Exception {
        Recorders.Session listener = new Recorders.Session();
        BlockingQueue<ToneCallMedia> media = new LinkedBlockingQueue<>();
        // iaxmodem dials us directly (we are its "server"), so it must answer our MD5 challenge with its secret
        try (Iax2Session session = session(Map.of(), "iaxpass", listener, media)) {
            try (Iaxmodem modem = Iaxmodem.builder().account("iaxmodem", "iaxpass").server(session.localAddress())
                    .start()) {
                modem.dial("5551234");
                CallLeg leg = listener.incoming.poll(15, TimeUnit.SECONDS);
                assertTrue(leg != null, "iaxmodem's call arrived");
                assertEquals("5550100", leg.remote().address().replaceAll("iax2:(\\d+)@.*", "$1"));
                leg.answer();
                assertEquals(CallState.CONNECTED, listener.incomingListener.until(CallState.CONNECTED).getLast());
                take(media.poll(5, TimeUnit.SECONDS).received, 25);
                leg.hangup();
                assertEquals(EndReason.Kind.LOCAL_HANGUP,
                        ((EndReason) listener.incomingListener.until(EndReason.class).getLast()).kind());
                String log = Files.readString(modem.logFile());
                assertTrue(!log.contains("Segmentation"), log);
            }
        }
    }
}

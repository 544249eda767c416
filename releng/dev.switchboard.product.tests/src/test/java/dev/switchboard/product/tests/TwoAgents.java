package dev.switchboard.product.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.switchboard.testing.await.Poll;

/**
 * The steps the two-agent product tests (one agent product calling another over SIP, H.323 or IAX2, driven through
 * the agent contract of docs/agent.md) share: reading call events and digits off an agent's event stream, and the
 * start, hold/resume, hang-up and quit sequences every protocol goes through the same way.
 */
final class TwoAgents {
    private static final Pattern CALL_ID = Pattern.compile("\"call\":\"([^\"]+)\"");
    private static final Pattern DIGIT = Pattern.compile("\"digit\":\"(.)\"");

    private TwoAgents() {
    }

    /** Both agents have started and said they are ready. */
    static void awaitReady(AgentProcess alice, AgentProcess bob) throws InterruptedException {
        alice.await("ready", AgentProcess.START_TIMEOUT);
        bob.await("ready", AgentProcess.START_TIMEOUT);
    }

    /** The next call event in {@code state}, skipping the others. */
    static String callEvent(AgentProcess agent, String state) throws InterruptedException {
        while (true) {
            String event = agent.await("call");
            if (event.contains("\"state\":\"" + state + "\"")) {
                return event;
            }
        }
    }

    /** The next event of call {@code call} in {@code state}, skipping the others. */
    static String callEvent(AgentProcess agent, String call, String state) throws InterruptedException {
        while (true) {
            String event = agent.await("call");
            if (event.contains("\"call\":\"" + call + "\"") && event.contains("\"state\":\"" + state + "\"")) {
                return event;
            }
        }
    }

    static String callId(String event) {
        Matcher matcher = CALL_ID.matcher(event);
        assertTrue(matcher.find(), event);
        return matcher.group(1);
    }

    /** The next {@code count} DTMF events of {@code call} at {@code agent}, as the keys they carry. */
    static String digits(AgentProcess agent, String call, int count) throws InterruptedException {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < count; i++) {
            String dtmf = agent.await("dtmf");
            assertTrue(dtmf.contains("\"call\":\"" + call + "\""), dtmf);
            Matcher digit = DIGIT.matcher(dtmf);
            assertTrue(digit.find(), dtmf);
            digits.append(digit.group(1));
        }
        return digits.toString();
    }

    /** Alice holds her call (bob sees REMOTE_HOLD) and resumes it: both back CONNECTED. */
    static void holdAndResume(AgentProcess alice, String aliceCall, AgentProcess bob) throws IOException, InterruptedException {
        alice.send("hold " + aliceCall);
        callEvent(alice, "ON_HOLD");
        callEvent(bob, "REMOTE_HOLD");
        alice.send("resume " + aliceCall);
        callEvent(alice, "CONNECTED");
        callEvent(bob, "CONNECTED");
    }

    /** {@code hangingUp} ends its call {@code call}: it sees LOCAL_HANGUP, the other side REMOTE_HANGUP. */
    static void hangUp(AgentProcess hangingUp, String call, AgentProcess other) throws IOException, InterruptedException {
        hangingUp.send("hangup " + call);
        assertTrue(callEvent(hangingUp, "ENDED").contains("\"reason\":\"LOCAL_HANGUP\""));
        assertTrue(callEvent(other, "ENDED").contains("\"reason\":\"REMOTE_HANGUP\""));
    }

    /** Both agents quit on the command and exit with 0. */
    static void quit(AgentProcess alice, AgentProcess bob) throws IOException, InterruptedException {
        alice.send("quit");
        bob.send("quit");
        assertEquals(0, alice.exitCode(Duration.ofSeconds(30)));
        assertEquals(0, bob.exitCode(Duration.ofSeconds(30)));
    }

    /** Waits until {@code file} holds {@code bytes}: the recording has taken that much audio. */
    static void awaitSize(Path file, long bytes, Duration timeout) throws Exception {
        Poll.until(() -> file.toFile().length() >= bytes, timeout, file + " reaches " + bytes + " bytes");
    }

    /**
     * What bob recorded ({@code recorded}) carries alice's {@code speech} at G.711 µ-law's quality: the median
     * segmental SNR over the voiced half-second blocks is at least 33 dB (µ-law on speech-level audio is about 37 dB).
     */
    static void assertMuLawSpeech(String label, short[] speech, short[] recorded, int rate) {
        List<AudioTestCallIT.Block> blocks = AudioTestCallIT.voicedBlocks(speech, recorded, rate / 2);
        assertTrue(blocks.size() > 50, "voiced blocks compared: " + blocks.size());
        double median = blocks.stream().mapToDouble(AudioTestCallIT.Block::snrDecibels).sorted().toArray()[blocks.size() / 2];
        System.out.println(label + ", µ-law speech: median block SNR " + median + " dB over " + blocks.size() + " blocks");
        assertTrue(median >= 33, "median block SNR " + median + " dB");
    }
}

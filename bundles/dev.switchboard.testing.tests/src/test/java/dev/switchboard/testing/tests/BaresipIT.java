package dev.switchboard.testing.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.switchboard.testing.peers.Baresip;
import dev.switchboard.testing.peers.Kamailio;
import dev.switchboard.testing.peers.PeerExtension;

/** baresip registers to Kamailio, Kamailio routes requests for the user to it, and two baresips can talk. */
class BaresipIT {
    /** 8 kHz, 16-bit mono. */
    private static final long SECOND_OF_AUDIO_BYTES = 16_000;
    private static final long WAV_HEADER_BYTES = 44;

    @RegisterExtension
    static final PeerExtension<Kamailio> KAMAILIO = PeerExtension
            .of(() -> Kamailio.builder().user("alice", "alice123").user("bob", "bob123").start());

    @Test
    void registersAndIsReachableThroughKamailio() throws IOException {
        Kamailio kamailio = KAMAILIO.get();
        try (Baresip bob = Baresip.builder().account("bob", "bob123", kamailio).start()) {
            List<String> contacts = kamailio.awaitContacts("bob", Duration.ofSeconds(10));
            assertTrue(contacts.stream().anyMatch(contact -> contact.contains("@127.0.0.1:" + bob.sipPort())),
                    "bob's contact should point at baresip's port " + bob.sipPort() + ": " + contacts);

            String response = optionsThroughProxy(kamailio, "bob");
            assertTrue(response.startsWith("SIP/2.0 200"), response);
            assertTrue(response.contains("baresip"), "the 200 should come from baresip itself: " + response);
        }
    }

    @Test
    void callThroughKamailioCarriesAlicesToneIntoBobsRecording() throws Exception {
        Kamailio kamailio = KAMAILIO.get();
        try (Baresip bob = Baresip.builder().account("bob", "bob123", kamailio).recordCalls().start();
                Baresip alice = Baresip.builder().account("alice", "alice123", kamailio).start()) {
            kamailio.awaitContacts("bob", Duration.ofSeconds(10));
            kamailio.awaitContacts("alice", Duration.ofSeconds(10));

            // the INVITE is challenged (407) by Kamailio; baresip answers with alice's credentials
            alice.command("/dial sip:bob@" + kamailio.domain());
            awaitRecording(bob.recordings(), WAV_HEADER_BYTES + SECOND_OF_AUDIO_BYTES, false, Duration.ofSeconds(15));
            alice.command("/hangup");
            Path received = awaitRecording(bob.recordings(), WAV_HEADER_BYTES + SECOND_OF_AUDIO_BYTES, true,
                    Duration.ofSeconds(10));

            short[] samples = readMono16(received);
            // the first packets can be silence from the jitter buffer; judge the last second
            short[] lastSecond = Arrays.copyOfRange(samples, samples.length - 8000, samples.length);
            assertTrue(rms(lastSecond) > 1000, "bob received near silence, rms " + rms(lastSecond));
            assertEquals(440, zeroCrossings(lastSecond) / 2.0, 30, "bob should hear alice's 440 Hz tone");
        }
    }

    @Test
    void unregisteredUserIsNotFound() throws IOException {
        String response = optionsThroughProxy(KAMAILIO.get(), "alice");
        assertEquals("SIP/2.0 404", response.substring(0, 11), response);
    }

    /**
     * Waits for bob's recording of received audio ({@code *-dec.wav}) to reach {@code minimumBytes} and, if
     * {@code finished}, for its RIFF header to carry the final size, which the recorder writes when the call ends.
     */
    private static Path awaitRecording(Path directory, long minimumBytes, boolean finished, Duration timeout)
            throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.filter(file -> file.getFileName().toString().endsWith("-dec.wav")).toList()) {
                    long size = Files.size(file);
                    if (size >= minimumBytes && (!finished || riffSize(file) == size - 8)) {
                        return file;
                    }
                }
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("no " + (finished ? "finished " : "") + "recording *-dec.wav of " + minimumBytes
                        + " bytes in " + directory);
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    private static long riffSize(Path wav) throws IOException {
        try (InputStream in = Files.newInputStream(wav)) {
            byte[] header = in.readNBytes(8);
            return header.length < 8 ? -1 : Integer.toUnsignedLong(ByteBuffer.wrap(header, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
        }
    }

    private static short[] readMono16(Path wav) throws Exception {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            AudioFormat format = in.getFormat();
            assertEquals(1, format.getChannels(), format.toString());
            assertEquals(16, format.getSampleSizeInBits(), format.toString());
            byte[] bytes = in.readAllBytes();
            short[] samples = new short[bytes.length / 2];
            ByteBuffer.wrap(bytes).order(format.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN)
                    .asShortBuffer().get(samples);
            return samples;
        }
    }

    private static double rms(short[] samples) {
        double sum = 0;
        for (short sample : samples) {
            sum += (double) sample * sample;
        }
        return Math.sqrt(sum / samples.length);
    }

    private static int zeroCrossings(short[] samples) {
        int crossings = 0;
        for (int i = 1; i < samples.length; i++) {
            if ((samples[i - 1] < 0) != (samples[i] < 0)) {
                crossings++;
            }
        }
        return crossings;
    }

    /**
     * OPTIONS for {@code user} sent to Kamailio from a foreign domain (so without a proxy challenge): Kamailio
     * looks the user up and relays it to the registered contact.
     */
    private static String optionsThroughProxy(Kamailio kamailio, String user) throws IOException {
        return RawSip.request(kamailio.address(), "OPTIONS", "sip:" + user + "@" + kamailio.domain() + ":" + kamailio.port(),
                "sip:tester@outside.invalid");
    }
}

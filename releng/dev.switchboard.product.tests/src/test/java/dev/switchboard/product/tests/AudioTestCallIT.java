package dev.switchboard.product.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's {@code audiotest}: a speech-like file goes through the whole call path (encoder, RTP on
 * loopback, jitter buffer, decoder) and comes out at the codec's quality level.
 */
class AudioTestCallIT {

    private static final int RATE = 8000;

    @TempDir
    Path temp;

    @Test
    void aG711TestCallGivesTheInputBackAtG711Quality() throws Exception {
        short[] input = speechLike(RATE * 3);
        Path in = writeWav(temp.resolve("in.wav"), input);
        Path out = temp.resolve("out.wav");
        try (AgentProcess agent = AgentProcess.start(temp.resolve("p"), "--audio-in", in.toString(), "--audio-out",
                out.toString())) {
            agent.await("ready", AgentProcess.START_TIMEOUT);
            agent.send("audiotest PCMU 3");
            String result = agent.await("audiotest", Duration.ofSeconds(30));
            assertTrue(result.contains("\"codec\":\"PCMU/8000\",\"framesSent\":150"), result);
            assertTrue(result.contains("\"packetsLost\":0"), result);
            agent.send("quit");
            assertEquals(0, agent.exitCode(Duration.ofSeconds(30)));
        }
        short[] output = readWav(out);
        int lag = bestLag(input, output, RATE / 2);
        double snr = snrDecibels(input, output, lag);
        // G.711 µ-law on speech-level audio is about 37 dB; the path must not lose more than a few
        assertTrue(snr >= 33, "SNR " + snr + " dB at a lag of " + lag + " samples");
        assertTrue(lag < RATE / 5, "the path added " + lag * 1000 / RATE + " ms");
    }

    /** Voiced syllables: a wandering 120 Hz pitch with harmonics under a 2.5 Hz envelope. */
    private static short[] speechLike(int samples) {
        short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++) {
            double t = (double) i / RATE;
            double pitch = 120 + 30 * Math.sin(2 * Math.PI * 0.7 * t);
            double envelope = Math.sqrt(Math.max(0, Math.sin(2 * Math.PI * 2.5 * t)));
            double voice = 0;
            for (int harmonic = 1; harmonic < 12; harmonic++) {
                voice += Math.sin(2 * Math.PI * pitch * harmonic * t) / harmonic;
            }
            pcm[i] = (short) Math.max(-32767, Math.min(32767, Math.round(6000 * envelope * voice)));
        }
        return pcm;
    }

    private static int bestLag(short[] input, short[] output, int maxLag) {
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int lag = 0; lag < maxLag; lag++) {
            double score = 0;
            for (int i = RATE / 2; i < RATE * 3 / 2 && i + lag < output.length; i++) {
                score += (double) input[i] * output[i + lag];
            }
            if (score > bestScore) {
                bestScore = score;
                best = lag;
            }
        }
        return best;
    }

    private static double snrDecibels(short[] input, short[] output, int lag) {
        double signal = 0;
        double noise = 0;
        for (int i = RATE / 4; i < input.length - RATE / 4 && i + lag < output.length; i++) {
            double difference = input[i] - output[i + lag];
            signal += (double) input[i] * input[i];
            noise += difference * difference;
        }
        return 10 * Math.log10(signal / noise);
    }

    private static Path writeWav(Path file, short[] samples) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(44 + samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        bytes.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples.length * 2)
                .put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(RATE).putInt(RATE * 2).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples.length * 2);
        bytes.asShortBuffer().put(samples);
        return Files.write(file, bytes.array());
    }

    private static short[] readWav(Path file) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(RATE, bytes.getInt(24), "sample rate of " + file);
        short[] samples = new short[(bytes.limit() - 44) / 2];
        bytes.position(44);
        bytes.asShortBuffer().get(samples);
        return samples;
    }
}

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
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's {@code audiotest}: a speech-like file goes through the whole call path (encoder, RTP on
 * loopback, jitter buffer, decoder) and comes out at the codec's quality level.
 */
class AudioTestCallIT {

    /** The sample rate of the helpers below, which Iax2AgentsIT uses too. */
    static final int RATE = 8000;

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
        // The jitter buffer may stretch or shrink a frame when the machine is busy, which moves the
        // alignment mid-call; so each voiced 20 ms block is compared at its own best lag.
        List<Block> blocks = voicedBlocks(input, output, RATE / 2);
        assertTrue(blocks.size() > 50, "voiced blocks compared: " + blocks.size());
        double[] snrs = blocks.stream().mapToDouble(Block::snrDecibels).sorted().toArray();
        double median = snrs[snrs.length / 2];
        long poor = blocks.stream().filter(block -> block.snrDecibels() < 25).count();
        int medianLag = blocks.stream().mapToInt(Block::lag).sorted().toArray()[blocks.size() / 2];
        String measured = "median block SNR " + median + " dB, " + poor + " of " + blocks.size()
                + " voiced blocks under 25 dB, median lag " + medianLag + " samples";
        // G.711 µ-law on speech-level audio is about 37 dB; the path must not lose more than a few
        assertTrue(median >= 33, measured);
        assertTrue(poor * 4 <= blocks.size(), measured);
        assertTrue(medianLag < RATE / 5, "the path added " + medianLag * 1000 / RATE + " ms; " + measured);
    }

    record Block(int lag, double snrDecibels) {
    }

    /** Every 20 ms input block loud enough to be speech, with the lag at which the output matches it best. */
    static List<Block> voicedBlocks(short[] input, short[] output, int maxLag) {
        int length = RATE / 50;
        List<Block> blocks = new ArrayList<>();
        for (int start = RATE / 4; start + length <= input.length - RATE / 4; start += length) {
            double signal = 0;
            for (int i = start; i < start + length; i++) {
                signal += (double) input[i] * input[i];
            }
            if (signal / length < 500.0 * 500.0) {
                continue;
            }
            int bestLag = 0;
            double leastNoise = Double.POSITIVE_INFINITY;
            for (int lag = 0; lag < maxLag && start + lag + length <= output.length; lag++) {
                double noise = 0;
                for (int i = start; i < start + length && noise < leastNoise; i++) {
                    double difference = input[i] - output[i + lag];
                    noise += difference * difference;
                }
                if (noise < leastNoise) {
                    leastNoise = noise;
                    bestLag = lag;
                }
            }
            blocks.add(new Block(bestLag, 10 * Math.log10(signal / Math.max(leastNoise, 1))));
        }
        return blocks;
    }

    /** Voiced syllables: a wandering 120 Hz pitch with harmonics under a 2.5 Hz envelope. */
    static short[] speechLike(int samples) {
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

    static Path writeWav(Path file, short[] samples) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(44 + samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        bytes.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples.length * 2)
                .put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(RATE).putInt(RATE * 2).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples.length * 2);
        bytes.asShortBuffer().put(samples);
        return Files.write(file, bytes.array());
    }

    static short[] readWav(Path file) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(RATE, bytes.getInt(24), "sample rate of " + file);
        short[] samples = new short[(bytes.limit() - 44) / 2];
        bytes.position(44);
        bytes.asShortBuffer().get(samples);
        return samples;
    }
}

package dev.switchboard.codec.g729.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.switchboard.media.codec.Decoder;
import dev.switchboard.media.codec.Encoder;

/**
 * Our G.729 plug-in against libbcg729 driven from C (bit for bit: this checks our FFM binding, the
 * framing and the state handling) and against ffmpeg's independent G.729 decoder.
 */
class G729ConformanceTest {

    private static final int FRAME = 160; // 20 ms, as RTP carries it

    @TempDir
    static Path work;
    private static Path reference;
    private static Path ffmpeg;
    private static G729Codec codec;
    private static short[] speech;

    @BeforeAll
    static void buildReference() throws Exception {
        Path gcc = installed("gcc", "gcc");
        ffmpeg = installed("ffmpeg", "ffmpeg");
        reference = work.resolve("bcg729_reference");
        run(gcc, "-O2", "-o", reference, Path.of("src/test/c/bcg729_reference.c").toAbsolutePath(), "-lbcg729");
        StringBuilder whyNot = new StringBuilder();
        codec = new G729Codec(Bcg729.load(Bcg729.DEFAULT_LIBRARY, whyNot).orElseGet(() -> fail(whyNot + ": install libbcg729-0")));
        speech = speechLike(8000, 3);
    }

    @Test
    void encoderMatchesBcg729() throws Exception {
        Path in = Files.write(work.resolve("speech.raw"), toBytes(speech));
        Path out = work.resolve("reference.g729");
        run(reference, "encode", in, out);
        assertArrayEquals(Files.readAllBytes(out), encode(codec.newEncoder(), speech));
    }

    @Test
    void decoderMatchesBcg729OnSpeechAndOnRandomFrames() throws Exception {
        byte[] speechStream = encode(codec.newEncoder(), speech);
        byte[] randomStream = new byte[speechStream.length];
        new Random(729).nextBytes(randomStream);
        for (byte[] stream : List.of(speechStream, randomStream)) {
            Path in = Files.write(work.resolve("stream.g729"), stream);
            Path out = work.resolve("reference.raw");
            run(reference, "decode", in, out);
            assertArrayEquals(toSamples(Files.readAllBytes(out)), decode(codec.newDecoder(), stream));
        }
    }

    @Test
    void ffmpegsDecoderAgrees() throws Exception {
        byte[] stream = encode(codec.newEncoder(), speech);
        Path in = Files.write(work.resolve("ffmpeg.g729"), stream);
        Path out = work.resolve("ffmpeg.raw");
        run(ffmpeg, "-nostdin", "-loglevel", "error", "-y", "-f", "g729", "-i", in, "-f", "s16le", "-ar", 8000, "-ac", 1, out);
        short[] byFfmpeg = toSamples(Files.readAllBytes(out));
        short[] ours = decode(codec.newDecoder(), stream);
        assertEquals(ours.length, byFfmpeg.length);
        // two independent Annex A decoders differ in post-filter details: about 21 dB apart
        double snr = snr(ours, byFfmpeg, 8);
        assertTrue(snr > 15, "ffmpeg's G.729 decoding of our stream is " + snr + " dB from ours");
        double roundTrip = snr(speech, ours, 160);
        assertTrue(roundTrip > 3, "and the speech survives the round trip: " + roundTrip + " dB");
    }

    @Test
    void annexBSilenceBecomesSidFramesThatDecodeToComfortNoise() {
        Encoder withVad = new G729Encoder(new G729Codec().library(), true);
        short[] silenceThenSpeech = new short[8000 + speech.length];
        System.arraycopy(speech, 0, silenceThenSpeech, 8000, speech.length);
        Decoder decoder = codec.newDecoder();
        byte[] payload = new byte[40];
        short[] pcm = new short[FRAME];
        int shortPayloads = 0;
        for (int i = 0; i + FRAME <= 8000; i += FRAME) {
            int bytes = withVad.encode(silenceThenSpeech, i, FRAME, payload, 0);
            assertTrue(bytes <= 20, "a silent 20 ms payload is at most two frames: " + bytes);
            if (bytes < 20) {
                shortPayloads++;
            }
            if (bytes > 0) {
                assertEquals(bytes / 10 * 80 + (bytes % 10 == 2 ? 80 : 0), decoder.decode(payload, 0, bytes, pcm, 0));
            }
        }
        assertTrue(shortPayloads > 30, "silence is suppressed in " + shortPayloads + " of 50 payloads");
    }

    @Test
    void concealmentAndBadPayloads() {
        Decoder decoder = codec.newDecoder();
        byte[] stream = encode(codec.newEncoder(), speech);
        short[] pcm = new short[FRAME];
        decoder.decode(stream, 0, 20, pcm, 0);
        assertEquals(FRAME, decoder.conceal(pcm, 0, FRAME));
        assertThrows(IllegalArgumentException.class, () -> decoder.decode(stream, 0, 7, pcm, 0));
        assertThrows(IllegalArgumentException.class, () -> decoder.decode(stream, 0, 0, pcm, 0));
        assertThrows(IllegalArgumentException.class, () -> codec.newEncoder().encode(speech, 0, 100, new byte[20], 0));
    }

    private static byte[] encode(Encoder encoder, short[] pcm) {
        byte[] out = new byte[pcm.length / 8];
        int length = 0;
        for (int i = 0; i + FRAME <= pcm.length; i += FRAME) {
            length += encoder.encode(pcm, i, FRAME, out, length);
        }
        return Arrays.copyOf(out, length);
    }

    private static short[] decode(Decoder decoder, byte[] stream) {
        short[] pcm = new short[stream.length * 8];
        int length = 0;
        for (int i = 0; i < stream.length; i += 20) {
            length += decoder.decode(stream, i, Math.min(20, stream.length - i), pcm, length);
        }
        return Arrays.copyOf(pcm, length);
    }

    /** SNR at the best alignment within {@code maxLag} samples. */
    private static double snr(short[] reference, short[] test, int maxLag) {
        double best = Double.NEGATIVE_INFINITY;
        for (int lag = -maxLag; lag <= maxLag; lag++) {
            double signal = 0;
            double noise = 0;
            for (int i = Math.max(0, -lag); i < reference.length && i + lag < test.length; i++) {
                double error = reference[i] - test[i + lag];
                signal += (double) reference[i] * reference[i];
                noise += error * error;
            }
            best = Math.max(best, 10 * Math.log10(signal / Math.max(noise, 1e-9)));
        }
        return best;
    }

    /** Voiced syllables with formants, fricative noise and pauses, 8 kHz. */
    static short[] speechLike(int rate, int seconds) {
        Random random = new Random(729);
        double[] formantsHz = { 700, 1220, 2600 };
        short[] pcm = new short[rate * seconds];
        int syllable = rate / 4;
        double phase = 0;
        for (int i = 0; i < pcm.length; i++) {
            int position = i % syllable;
            double sample = 0;
            if (position < syllable * 6 / 10) {
                double pitchHz = 120 + 15 * Math.sin(2 * Math.PI * 5 * i / rate);
                phase += 2 * Math.PI * pitchHz / rate;
                for (int harmonic = 1; harmonic * pitchHz < rate / 2.0; harmonic++) {
                    double nearest = Double.MAX_VALUE;
                    for (double formant : formantsHz) {
                        nearest = Math.min(nearest, Math.abs(harmonic * pitchHz - formant));
                    }
                    sample += Math.sin(harmonic * phase) / (1 + nearest / 150);
                }
                sample *= 5000 * Math.sin(Math.PI * position / (syllable * 0.6));
            } else if (position < syllable * 8 / 10) {
                sample = 1500 * random.nextGaussian();
            }
            pcm[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(sample)));
        }
        return pcm;
    }

    private static Path installed(String program, String debianPackage) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(directory, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return fail(program + " is not installed (Debian package " + debianPackage + "); ./switchboard test as root installs it");
    }

    private static void run(Object... command) throws IOException, InterruptedException {
        List<String> words = new ArrayList<>();
        for (Object word : command) {
            words.add(word.toString());
        }
        Path stderr = Files.createTempFile(work, "stderr", ".txt");
        Process process = new ProcessBuilder(words).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(stderr.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(words + " did not finish within 60 s");
        }
        if (process.exitValue() != 0) {
            String error = Files.readString(stderr);
            fail(words + " exited with " + process.exitValue() + ":\n" + error
                    + (error.contains("bcg729") ? "\ninstall libbcg729-dev (./switchboard test as root does)" : ""));
        }
    }

    private static byte[] toBytes(short[] pcm) {
        ByteBuffer buffer = ByteBuffer.allocate(pcm.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asShortBuffer().put(pcm);
        return buffer.array();
    }

    private static short[] toSamples(byte[] bytes) {
        short[] pcm = new short[bytes.length / 2];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(pcm);
        return pcm;
    }
}

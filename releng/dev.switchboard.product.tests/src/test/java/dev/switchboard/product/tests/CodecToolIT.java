package dev.switchboard.product.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./switchboard codec} against ffmpeg, on files, as anyone checking our codecs would run it. */
class CodecToolIT {

    private static final int RATE = 8000;

    @TempDir
    Path temp;

    record Outcome(int exitCode, String output) {
    }

    @Test
    void pcmuAndPcmaFilesMatchFfmpegBothWays() throws Exception {
        Path input = writeWav(temp.resolve("sweep.wav"), sweep(RATE * 2));
        for (String[] codec : new String[][] { { "PCMU", "pcm_mulaw", "mulaw" }, { "PCMA", "pcm_alaw", "alaw" } }) {
            Path ours = temp.resolve("ours." + codec[2]);
            Path theirs = temp.resolve("theirs." + codec[2]);
            assertEquals(0, switchboard("codec", "encode", "--codec", codec[0], input.toString(), ours.toString()).exitCode());
            ffmpeg("-i", input.toString(), "-c:a", codec[1], "-f", codec[2], theirs.toString());
            assertArrayEquals(Files.readAllBytes(theirs), Files.readAllBytes(ours), codec[0] + " encoding differs from ffmpeg");

            Path ourPcm = temp.resolve("ours-" + codec[0] + ".wav");
            Path theirPcm = temp.resolve("theirs-" + codec[0] + ".raw");
            assertEquals(0, switchboard("codec", "decode", "--codec", codec[0], theirs.toString(), ourPcm.toString()).exitCode());
            ffmpeg("-f", codec[2], "-ar", "8000", "-ac", "1", "-i", theirs.toString(), "-f", "s16le", theirPcm.toString());
            byte[] ourWav = Files.readAllBytes(ourPcm);
            assertArrayEquals(Files.readAllBytes(theirPcm), Arrays.copyOfRange(ourWav, 44, ourWav.length),
                    codec[0] + " decoding differs from ffmpeg");
        }
    }

    @Test
    void g722FilesMatchFfmpegBothWays() throws Exception {
        short[] wideband = new short[16000 * 2];
        short[] narrow = sweep(wideband.length);
        // the sweep made for 8 kHz covers 100 Hz to 3.9 kHz; at 16 kHz it spans 200 Hz to 7.8 kHz
        System.arraycopy(narrow, 0, wideband, 0, wideband.length);
        Path input = writeWav(temp.resolve("wide.wav"), wideband, 16000);
        Path ours = temp.resolve("ours.g722");
        Path theirs = temp.resolve("theirs.g722");
        assertEquals(0, switchboard("codec", "encode", "--codec", "G722", input.toString(), ours.toString()).exitCode());
        ffmpeg("-i", input.toString(), "-c:a", "g722", "-f", "g722", theirs.toString());
        assertArrayEquals(Files.readAllBytes(theirs), Files.readAllBytes(ours), "G.722 encoding differs from ffmpeg");

        Path ourPcm = temp.resolve("ours-g722.wav");
        Path theirPcm = temp.resolve("theirs-g722.raw");
        assertEquals(0, switchboard("codec", "decode", "--codec", "G722", theirs.toString(), ourPcm.toString()).exitCode());
        ffmpeg("-f", "g722", "-i", theirs.toString(), "-f", "s16le", "-ar", "16000", "-ac", "1", theirPcm.toString());
        byte[] ourWav = Files.readAllBytes(ourPcm);
        assertArrayEquals(Files.readAllBytes(theirPcm), Arrays.copyOfRange(ourWav, 44, ourWav.length),
                "G.722 decoding differs from ffmpeg");
    }

    /**
     * iLBC files (RFC 3952's storage format) from our encoder play in ffmpeg, and our decoding of them
     * follows ffmpeg's. ffmpeg's decoder is fixed-point and ours the RFC's floating-point algorithm, so
     * they agree to about 40 dB rather than bit for bit; ffmpeg's first two frames are its start-up
     * transient and are left out.
     */
    @Test
    void ilbcFilesPlayInFfmpegAndOurDecodingFollowsFfmpegs() throws Exception {
        short[] source = sweep(RATE * 2);
        Path input = writeWav(temp.resolve("sweep-ilbc.wav"), source);
        for (int millis : new int[] { 20, 30 }) {
            Path ours = temp.resolve("ours-" + millis + ".lbc");
            assertEquals(0, switchboard("codec", "encode", "--codec", "iLBC" + millis, input.toString(), ours.toString())
                    .exitCode());
            byte[] file = Files.readAllBytes(ours);
            String magic = "#!iLBC" + millis + "\n";
            assertEquals(magic, new String(file, 0, magic.length(), StandardCharsets.US_ASCII));
            int frameSamples = millis * 8;
            int frames = (source.length + frameSamples - 1) / frameSamples;
            assertEquals(magic.length() + frames * (millis == 30 ? 50 : 38), file.length);

            Path theirPcm = temp.resolve("theirs-" + millis + ".raw");
            ffmpeg("-f", "ilbc", "-i", ours.toString(), "-f", "s16le", "-ar", "8000", "-ac", "1", theirPcm.toString());
            Path ourPcm = temp.resolve("ours-" + millis + ".wav");
            assertEquals(0, switchboard("codec", "decode", "--codec", "iLBC", ours.toString(), ourPcm.toString()).exitCode());
            short[] theirs = samples(Files.readAllBytes(theirPcm), 0);
            short[] decoded = samples(Files.readAllBytes(ourPcm), 44);
            assertEquals(frames * frameSamples, theirs.length);
            assertEquals(theirs.length, decoded.length);
            double signal = 0;
            double error = 0;
            for (int i = 2 * frameSamples; i < theirs.length; i++) {
                signal += (double) theirs[i] * theirs[i];
                error += (double) (theirs[i] - decoded[i]) * (theirs[i] - decoded[i]);
            }
            double snr = 10 * Math.log10(signal / error);
            assertTrue(snr > 30, millis + " ms: our decoding is " + snr + " dB from ffmpeg's");
        }
    }

    private static short[] samples(byte[] s16le, int from) {
        short[] pcm = new short[(s16le.length - from) / 2];
        ByteBuffer.wrap(s16le, from, s16le.length - from).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(pcm);
        return pcm;
    }

    @Test
    void mistakesGetAClearMessageAndAnExitCode() throws Exception {
        Path wideband = writeWav(temp.resolve("16k.wav"), sweep(1600), 16000);
        Outcome wrongRate = switchboard("codec", "encode", "--codec", "PCMU", wideband.toString(), temp.resolve("x").toString());
        assertEquals(1, wrongRate.exitCode());
        assertTrue(wrongRate.output().contains("is 16000 Hz") && wrongRate.output().contains("ffmpeg -i IN -ar 8000"),
                wrongRate.output());
        Outcome unknown = switchboard("codec", "encode", "--codec", "nonsense", wideband.toString(), temp.resolve("y").toString());
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.output().contains("no codec nonsense; installed: opus, G722, PCMU, PCMA, G729"), unknown.output());
        Outcome notAudio = switchboard("codec", "encode", "--codec", "PCMU",
                Files.writeString(temp.resolve("text.wav"), "not audio").toString(), temp.resolve("z").toString());
        assertEquals(1, notAudio.exitCode());
        assertTrue(notAudio.output().contains("not a RIFF/WAVE file"), notAudio.output());
    }

    /** Ogg Opus: ours plays in opusdec and ffmpeg at the input's length, opusenc's decodes in ours as in opusdec. */
    @Test
    void opusFilesPlayInOpusToolsAndFfmpegBothWays() throws Exception {
        int rate = 48_000;
        short[] tone = new short[rate * 2 - 100];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (short) Math.round(8000 * Math.sin(2 * Math.PI * 440 * i / rate) * Math.sin(Math.PI * i / tone.length));
        }
        Path input = writeWav(temp.resolve("tone48k.wav"), tone, rate);
        Path ours = temp.resolve("ours.opus");
        Outcome encoded = switchboard("codec", "encode", "--codec", "opus", input.toString(), ours.toString());
        assertEquals(0, encoded.exitCode(), encoded.output());
        Path byOpusdec = temp.resolve("ours-opusdec.raw");
        tool("opusdec", "opus-tools", "--quiet", "--no-dither", "--rate", "48000", ours.toString(), byOpusdec.toString());
        assertEquals(tone.length * 2L, Files.size(byOpusdec), "opusdec plays exactly the input's length");
        Path byFfmpeg = temp.resolve("ours-ffmpeg.raw");
        ffmpeg("-i", ours.toString(), "-f", "s16le", "-ar", "48000", "-ac", "1", byFfmpeg.toString());
        assertEquals(tone.length * 2L, Files.size(byFfmpeg), "ffmpeg plays exactly the input's length");
        assertTrue(snr(tone, readRaw(byFfmpeg)) > 15, "ffmpeg hears the tone: " + snr(tone, readRaw(byFfmpeg)) + " dB");

        Path theirs = temp.resolve("theirs.opus");
        tool("opusenc", "opus-tools", "--quiet", input.toString(), theirs.toString());
        Path ourPcm = temp.resolve("theirs-ours.wav");
        Outcome decoded = switchboard("codec", "decode", "--codec", "opus", theirs.toString(), ourPcm.toString());
        assertEquals(0, decoded.exitCode(), decoded.output());
        Path theirPcm = temp.resolve("theirs-opusdec.raw");
        tool("opusdec", "opus-tools", "--quiet", "--no-dither", "--rate", "48000", theirs.toString(), theirPcm.toString());
        byte[] ourWav = Files.readAllBytes(ourPcm);
        short[] oursDecoded = toSamples(Arrays.copyOfRange(ourWav, 44, ourWav.length));
        short[] opusdecDecoded = readRaw(theirPcm);
        assertEquals(opusdecDecoded.length, oursDecoded.length, "sample count against opusdec");
        assertTrue(snr(opusdecDecoded, oursDecoded) > 40, "we decode opusenc's file as opusdec does: "
                + snr(opusdecDecoded, oursDecoded) + " dB");
    }

    /** Raw G.729 (10 bytes per 10 ms) from ours decodes in ffmpeg's independent decoder close to ours. */
    @Test
    void g729RawFilesDecodeInFfmpeg() throws Exception {
        Path input = writeWav(temp.resolve("sweep-g729.wav"), sweep(RATE * 2));
        Path ours = temp.resolve("ours.g729");
        Outcome encoded = switchboard("codec", "encode", "--codec", "G729", input.toString(), ours.toString());
        assertEquals(0, encoded.exitCode(), encoded.output());
        assertEquals(RATE * 2 / 8, Files.size(ours), "8 kbit/s");
        Path ourPcm = temp.resolve("ours-g729.wav");
        assertEquals(0, switchboard("codec", "decode", "--codec", "G729", ours.toString(), ourPcm.toString()).exitCode());
        Path theirPcm = temp.resolve("ffmpeg-g729.raw");
        ffmpeg("-f", "g729", "-i", ours.toString(), "-f", "s16le", "-ar", "8000", "-ac", "1", theirPcm.toString());
        byte[] ourWav = Files.readAllBytes(ourPcm);
        short[] oursDecoded = toSamples(Arrays.copyOfRange(ourWav, 44, ourWav.length));
        double snr = snr(oursDecoded, readRaw(theirPcm));
        assertTrue(snr > 15, "ffmpeg's G.729 decoder is " + snr + " dB from ours (bcg729's); about 21 dB is usual");
    }

    private void tool(String program, String debianPackage, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(program));
        command.addAll(List.of(arguments));
        Outcome outcome;
        try {
            outcome = run(new ProcessBuilder(command).redirectErrorStream(true), program);
        } catch (IOException e) {
            fail(program + " is not installed: run ./switchboard test as root, or apt-get install " + debianPackage);
            return;
        }
        assertEquals(0, outcome.exitCode(), program + " failed: " + outcome.output());
    }

    private static short[] readRaw(Path file) throws IOException {
        return toSamples(Files.readAllBytes(file));
    }

    private static short[] toSamples(byte[] s16le) {
        short[] pcm = new short[s16le.length / 2];
        ByteBuffer.wrap(s16le).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(pcm);
        return pcm;
    }

    /** SNR in dB of {@code test} against {@code reference} at the best alignment within 2 ms at 48 kHz. */
    private static double snr(short[] reference, short[] test) {
        double best = Double.NEGATIVE_INFINITY;
        for (int lag = -96; lag <= 96; lag++) {
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

    /** A 100 Hz to 3.9 kHz sweep over the whole 16-bit range, so every G.711 segment is crossed. */
    private static short[] sweep(int samples) {
        short[] pcm = new short[samples];
        double phase = 0;
        for (int i = 0; i < samples; i++) {
            double frequency = 100 + 3800.0 * i / samples;
            phase += 2 * Math.PI * frequency / RATE;
            double envelope = (double) i / samples;
            pcm[i] = (short) Math.round(32767 * envelope * Math.sin(phase));
        }
        return pcm;
    }

    private static Path writeWav(Path file, short[] samples) throws IOException {
        return writeWav(file, samples, RATE);
    }

    private static Path writeWav(Path file, short[] samples, int rate) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(44 + samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        bytes.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples.length * 2)
                .put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(rate).putInt(rate * 2).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples.length * 2);
        bytes.asShortBuffer().put(samples);
        return Files.write(file, bytes.array());
    }

    private Outcome switchboard(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(AgentProcess.root().resolve("switchboard").toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("SWITCHBOARD_NO_BUILD", "1");
        return run(builder, "switchboard codec");
    }

    private Outcome ffmpeg(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y"));
        command.addAll(List.of(arguments));
        Outcome outcome;
        try {
            outcome = run(new ProcessBuilder(command).redirectErrorStream(true), "ffmpeg");
        } catch (IOException e) {
            return fail("ffmpeg is not installed: run ./switchboard test as root, or apt-get install ffmpeg");
        }
        assertEquals(0, outcome.exitCode(), "ffmpeg failed: " + outcome.output());
        return outcome;
    }

    private static Outcome run(ProcessBuilder builder, String what) throws IOException, InterruptedException {
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(what + " did not finish within 60 s");
        }
        return new Outcome(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}

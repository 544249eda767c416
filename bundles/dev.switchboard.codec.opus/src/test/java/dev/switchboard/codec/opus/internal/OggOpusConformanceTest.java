package dev.switchboard.codec.opus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.switchboard.codec.opus.OggOpusFiles.DecodedAudio;

/**
 * Ogg Opus files (RFC 7845) against opus-tools and ffmpeg: ours play in opusdec and ffmpeg with the
 * exact length of the input, theirs decode in ours like in opusdec. Each back end is checked.
 */
class OggOpusConformanceTest {

    private static final int RATE = 48_000;
    /** Not a whole number of 20 ms frames, so the last packet is padded and the end trimmed. */
    private static final short[] SPEECH = Arrays.copyOf(Signals.speechLike(RATE, 2), 2 * RATE - 333);
    private static final int ALIGNMENT = 5;

    @TempDir
    static Path work;
    private static Path opusenc;
    private static Path opusdec;
    private static Path ffmpeg;

    @BeforeAll
    static void findTools() {
        opusenc = Tools.installed("opusenc", "opus-tools");
        opusdec = Tools.installed("opusdec", "opus-tools");
        ffmpeg = Tools.installed("ffmpeg", "ffmpeg");
    }

    @ParameterizedTest
    @EnumSource(Backends.class)
    void ourFilePlaysInOpusdecAndFfmpeg(Backends which) throws Exception {
        OpusCodec codec = new OpusCodec(which.create());
        Path file = work.resolve("ours-" + which + ".opus");
        codec.write(file, RATE, 1, SPEECH);

        short[] byOpusdec = opusdec(file);
        assertEquals(SPEECH.length, byOpusdec.length, which + ": opusdec's length (pre-skip and end trimming)");
        // pre-skip removes the encoder's delay up to its resampler's few samples
        assertTrue(Signals.snr(SPEECH, byOpusdec, ALIGNMENT) > 7, which + ": opusdec's audio, aligned within 0.1 ms");

        Path raw = work.resolve("ours-" + which + "-ffmpeg.raw");
        Tools.run(work, ffmpeg, "-nostdin", "-loglevel", "error", "-y", "-i", file, "-f", "s16le", "-ar", RATE, "-ac", 1, raw);
        short[] byFfmpeg = Tools.readRaw(raw);
        assertEquals(SPEECH.length, byFfmpeg.length, which + ": ffmpeg's length");
        assertTrue(Signals.snr(SPEECH, byFfmpeg, ALIGNMENT) > 7, which + ": ffmpeg's audio, aligned within 0.1 ms");

        DecodedAudio byUs = codec.read(file);
        assertEquals(1, byUs.channels());
        assertEquals(SPEECH.length, byUs.pcm().length, which + ": our length");
        assertTrue(Signals.snr(byOpusdec, byUs.pcm(), 0) > 20, which + ": we decode our file as opusdec does");
    }

    @ParameterizedTest
    @EnumSource(Backends.class)
    void opusencFileDecodesInOursAsInOpusdec(Backends which) throws Exception {
        Path raw = Files.write(work.resolve("speech-" + which + ".raw"), Tools.toBytes(SPEECH));
        Path file = work.resolve("opusenc-" + which + ".opus");
        Tools.run(work, opusenc, "--quiet", "--raw", "--raw-rate", RATE, "--raw-chan", 1, "--bitrate", 32, raw, file);
        short[] byOpusdec = opusdec(file);

        DecodedAudio byUs = new OpusCodec(which.create()).read(file);
        assertEquals(1, byUs.channels());
        assertEquals(byOpusdec.length, byUs.pcm().length, which + ": length");
        double snr = Signals.snr(byOpusdec, byUs.pcm(), 0);
        // the same libopus gives the same samples (opusdec decodes in float, so not bit for bit);
        // Concentus ports libopus 1.1, whose CELT output differs slightly from 1.3's
        assertTrue(snr > (which == Backends.LIBOPUS ? 40 : 20), which + ": " + snr + " dB against opusdec");
    }

    @Test
    void stereoFileKeepsTwoChannels() throws Exception {
        OpusCodec codec = new OpusCodec(Backends.LIBOPUS.create());
        short[] leftOnly = new short[SPEECH.length * 2];
        for (int i = 0; i < SPEECH.length; i++) {
            leftOnly[2 * i] = SPEECH[i];
        }
        Path file = work.resolve("stereo.opus");
        codec.write(file, RATE, 2, leftOnly);
        Path raw = work.resolve("stereo.raw");
        Tools.run(work, ffmpeg, "-nostdin", "-loglevel", "error", "-y", "-i", file, "-f", "s16le", "-ar", RATE, "-ac", 2, raw);
        short[] byFfmpeg = Tools.readRaw(raw);
        assertEquals(leftOnly.length, byFfmpeg.length);
        double left = energy(Signals.channel(byFfmpeg, 2, 0));
        double right = energy(Signals.channel(byFfmpeg, 2, 1));
        assertTrue(10 * Math.log10(left / right) > 20, "speech only on the left stays on the left: "
                + 10 * Math.log10(left / right) + " dB apart");
    }

    private static double energy(short[] pcm) {
        double sum = 1e-9;
        for (short sample : pcm) {
            sum += (double) sample * sample;
        }
        return sum;
    }

    @Test
    void narrowbandInputIsResampledByTheDecoderTo48k() throws Exception {
        OpusCodec codec = new OpusCodec(Backends.LIBOPUS.create());
        short[] speech8k = Signals.speechLike(8000, 1);
        Path file = work.resolve("narrowband.opus");
        codec.write(file, 8000, 1, speech8k);
        assertEquals(speech8k.length * 6, opusdec(file).length, "48 kHz samples for the 8 kHz input");
    }

    @Test
    void corruptAndForeignFilesGiveClearErrors() throws Exception {
        OpusCodec codec = new OpusCodec(Backends.CONCENTUS.create());
        Path file = work.resolve("corrupt.opus");
        codec.write(file, RATE, 1, SPEECH);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(file, bytes);
        IOException crc = assertThrows(IOException.class, () -> codec.read(file));
        assertTrue(crc.getMessage().contains("CRC"), crc.getMessage());

        Path wav = Files.write(work.resolve("not-ogg.opus"), "RIFF....WAVEfmt ".getBytes());
        IOException foreign = assertThrows(IOException.class, () -> codec.read(wav));
        assertTrue(foreign.getMessage().contains("not an Ogg file"), foreign.getMessage());
        assertThrows(IllegalArgumentException.class, () -> codec.write(work.resolve("x.opus"), 44_100, 1, SPEECH));
    }

    private static short[] opusdec(Path file) throws Exception {
        Path raw = work.resolve(file.getFileName() + ".opusdec.raw");
        Tools.run(work, opusdec, "--quiet", "--no-dither", "--rate", RATE, file, raw);
        return Tools.readRaw(raw);
    }
}

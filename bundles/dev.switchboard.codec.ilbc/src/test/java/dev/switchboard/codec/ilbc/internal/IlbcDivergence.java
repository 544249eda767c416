package dev.switchboard.codec.ilbc.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where our iLBC decoder and ffmpeg's part ways, run by {@code scripts/bench-ilbc-divergence.sh} (not a
 * test; the numbers are in docs/architecture.md, "iLBC codec"). For each mode it encodes a signal with
 * our encoder, decodes it with both decoders and prints the SNR of ours against ffmpeg's over the whole
 * stream, above and below 150, 250 and 400 Hz (4th-order Butterworth splits), and the frames above
 * silence ({@link #MIN_FRAME_ENERGY}) on which the two differ by more than 20 dB, with the SNR of each
 * 40-sample sub-block of that frame and the next.
 *
 * <p>usage: {@code IlbcDivergence [speech.wav]} (8 kHz mono 16-bit; the generated test signal without one)
 */
public final class IlbcDivergence {

    /** Frames with less mean energy than this per sample (RMS about 32) are left out as silence. */
    private static final double MIN_FRAME_ENERGY = 1e3;
    private static final int SUB_BLOCK = 40;

    private IlbcDivergence() {
    }

    public static void main(String[] arguments) throws Exception {
        short[] speech = arguments.length > 0 ? readWav(Path.of(arguments[0])) : SpeechSignal.generate(28_800);
        Ffmpeg ffmpeg = new Ffmpeg(Files.createTempDirectory("ilbc-divergence"));
        for (IlbcMode mode : IlbcMode.values()) {
            IlbcEncoder encoder = new IlbcEncoder();
            int frames = speech.length / mode.blockLength;
            byte[] stream = new byte[frames * mode.bytes];
            for (int f = 0; f < frames; f++) {
                encoder.encode(speech, f * mode.blockLength, mode.blockLength, stream, f * mode.bytes);
            }
            double[] theirs = toDouble(ffmpeg.decode(mode, stream));
            IlbcDecoder decoder = new IlbcDecoder(mode.millis);
            short[] oursPcm = new short[theirs.length];
            for (int f = 0; f < frames; f++) {
                decoder.decode(stream, f * mode.bytes, mode.bytes, oursPcm, f * mode.blockLength);
            }
            double[] ours = toDouble(oursPcm);
            // ffmpeg's first two frames are its own start-up transient, as in IlbcConformanceTest
            int from = 2 * mode.blockLength;
            StringBuilder line = new StringBuilder(String.format("%s: whole stream %.1f dB", mode, snr(theirs, ours, from, theirs.length)));
            for (double cutoff : new double[] { 150, 250, 400 }) {
                double[] theirsLow = butterworth(theirs, cutoff, false);
                double[] oursLow = butterworth(ours, cutoff, false);
                line.append(String.format("; split at %.0f Hz: above %.1f dB, below %.1f dB (%.0f %% of the difference's energy below)",
                        cutoff, snr(butterworth(theirs, cutoff, true), butterworth(ours, cutoff, true), from, theirs.length),
                        snr(theirsLow, oursLow, from, theirs.length),
                        100 * error(theirsLow, oursLow, from, theirs.length) / error(theirs, ours, from, theirs.length)));
            }
            System.out.println(line);
            int divergent = 0;
            int audible = 0;
            for (int f = 2; f < frames; f++) {
                int start = f * mode.blockLength;
                int end = start + mode.blockLength;
                double energy = energy(theirs, start, end);
                if (energy < MIN_FRAME_ENERGY) {
                    continue;
                }
                audible++;
                double frameSnr = snr(theirs, ours, start, end);
                if (frameSnr >= 20) {
                    continue;
                }
                divergent++;
                StringBuilder blocks = new StringBuilder(String.format("  frame %d (RMS %.0f): %.1f dB; sub-blocks of it and the next:",
                        f, Math.sqrt(energy), frameSnr));
                for (int b = start; b + SUB_BLOCK <= Math.min(theirs.length, end + mode.blockLength); b += SUB_BLOCK) {
                    blocks.append(String.format(" %.0f", snr(theirs, ours, b, b + SUB_BLOCK)));
                }
                System.out.println(blocks);
            }
            System.out.printf("%s: %d of %d frames above silence differ by more than 20 dB%n", mode, divergent, audible);
        }
    }

    /** The samples of a 16-bit PCM WAV file: its {@code data} chunk, found by walking the RIFF chunks. */
    private static short[] readWav(Path file) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int position = 12;
        while (position + 8 <= bytes.limit()) {
            int id = bytes.getInt(position);
            int length = bytes.getInt(position + 4);
            if (id == 0x61746164) { // "data"
                short[] pcm = new short[Math.min(length, bytes.limit() - position - 8) / 2];
                bytes.position(position + 8);
                bytes.asShortBuffer().get(pcm);
                return pcm;
            }
            position += 8 + length + (length & 1);
        }
        throw new IOException(file + " has no data chunk");
    }

    private static double[] toDouble(short[] pcm) {
        double[] values = new double[pcm.length];
        for (int i = 0; i < pcm.length; i++) {
            values[i] = pcm[i];
        }
        return values;
    }

    /** A 4th-order Butterworth high- or low-pass: two identical 2nd-order sections (RBJ's biquad, Q = 1/sqrt 2). */
    private static double[] butterworth(double[] x, double cutoff, boolean highPass) {
        return biquad(biquad(x, cutoff, highPass), cutoff, highPass);
    }

    private static double[] biquad(double[] x, double cutoff, boolean highPass) {
        double w = 2 * Math.PI * cutoff / 8000;
        double cos = Math.cos(w);
        double alpha = Math.sin(w) / Math.sqrt(2);
        double b0 = highPass ? (1 + cos) / 2 : (1 - cos) / 2;
        double b1 = highPass ? -(1 + cos) : 1 - cos;
        double a0 = 1 + alpha;
        double a1 = -2 * cos;
        double a2 = 1 - alpha;
        double[] y = new double[x.length];
        double x1 = 0;
        double x2 = 0;
        double y1 = 0;
        double y2 = 0;
        for (int i = 0; i < x.length; i++) {
            double value = (b0 * x[i] + b1 * x1 + b0 * x2 - a1 * y1 - a2 * y2) / a0;
            x2 = x1;
            x1 = x[i];
            y2 = y1;
            y1 = value;
            y[i] = value;
        }
        return y;
    }

    private static double snr(double[] reference, double[] test, int from, int to) {
        double signal = energy(reference, from, to) * (to - from);
        return 10 * Math.log10(signal / Math.max(error(reference, test, from, to), 1e-9));
    }

    private static double error(double[] reference, double[] test, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (reference[i] - test[i]) * (reference[i] - test[i]);
        }
        return sum;
    }

    private static double energy(double[] pcm, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += pcm[i] * pcm[i];
        }
        return sum / (to - from);
    }
}

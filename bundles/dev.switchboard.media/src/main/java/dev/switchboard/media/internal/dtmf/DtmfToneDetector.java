package dev.switchboard.media.internal.dtmf;

import java.util.ArrayList;
import java.util.List;

import dev.switchboard.media.dtmf.DtmfDigit;
import dev.switchboard.media.dtmf.DtmfEvent;

/**
 * Finds in-band DTMF keys in 16-bit linear PCM with the Goertzel algorithm, one key reported once
 * per press.
 * <p>
 * The signal is cut into windows of 25.6 ms (205 samples at 8 kHz, the classic length whose bins
 * separate the Q.23 frequencies) that start every eighth of a window (3.2 ms), fine enough steps
 * for the duration rules below to hold wherever a tone falls. Each Q.23 frequency is measured
 * at its nominal value and 1.5 % either side (the deviation Q.24 requires a receiver to accept;
 * with one probe a 1.5 % error at 1633 Hz would cost 7 dB), and its level is the strongest of the
 * three. A window shows a key when all of these hold, a simplified form of the ITU-T Q.24 acceptance
 * and rejection conditions:
 * <ul>
 * <li>the strongest low-group and high-group tones are each at least {@value #MIN_LEVEL_DBM0} dBm0;</li>
 * <li>twist: the high group is at most {@value #MAX_NORMAL_TWIST_DB} dB stronger and at most
 * {@value #MAX_REVERSE_TWIST_DB} dB weaker than the low group;</li>
 * <li>each of the two is at least {@value #MIN_GROUP_DOMINANCE_DB} dB above every other tone of its
 * group (one key, not two);</li>
 * <li>the two tones hold at least {@value #MIN_TONE_SHARE} of the window's power, which is what rules
 * out speech and music: their power is spread over many harmonics and notes.</li>
 * </ul>
 * Minimum duration: a key is reported once {@value #CONFIRMING_WINDOWS} windows of an unbroken run
 * showing it are within {@value #CONFIRMING_LEVEL_RANGE_DB} dB of the run's strongest window. A window
 * only partly filled with tone is weaker, so this counts windows (nearly) full of tone: a 40 ms tone
 * gives at least eight such windows (even at the very start of a stream) and a 25 ms one at most
 * seven, so tones of 40 ms and longer are
 * always reported and tones of 25 ms or shorter never are. The key is released
 * after {@value #RELEASE_WINDOWS} successive windows without it, so a pause of 40 ms (at least four windows wholly
 * inside it) separates two presses of the same key while an interruption of 10 ms, which no window
 * fits into, does not split one.
 * Not checked, as simplifications: rejection of frequencies off by more than 3.5 % (tones within
 * 1.5 % are found; those further off are rejected only where their measured level fails the checks)
 * and the absolute level below which Q.24 forbids detection; no second-harmonic test, so a sound
 * made of exactly two pure notes on a low-group and a high-group frequency is a key.
 * Not thread-safe: one instance per audio stream.
 */
public final class DtmfToneDetector {
    static final double MIN_LEVEL_DBM0 = -32;
    static final double MAX_NORMAL_TWIST_DB = 4;
    static final double MAX_REVERSE_TWIST_DB = 8;
    static final double MIN_GROUP_DOMINANCE_DB = 10;
    static final double MIN_TONE_SHARE = 0.6;
    static final int CONFIRMING_WINDOWS = 8;
    static final double CONFIRMING_LEVEL_RANGE_DB = 3.5;
    static final int RELEASE_WINDOWS = 4;
    private static final double[] PROBE_DEVIATIONS = { -0.015, 0, 0.015 };
    /** The highest high-group amplitude the twist allows, as a multiple of the low group's. */
    private static final double MAX_COLUMN_TO_ROW = Math.pow(10, MAX_NORMAL_TWIST_DB / 20);

    private final int windowLength;
    private final int hop;
    private final double[][] rowCoefficients = new double[4][PROBE_DEVIATIONS.length];
    private final double[][] columnCoefficients = new double[4][PROBE_DEVIATIONS.length];
    private final double minAmplitude;
    private final double[] window;
    private final double[] rowAmplitudes = new double[4];
    private final double[] columnAmplitudes = new double[4];
    private int filled;
    private long windowStart;

    /** The key shown by the latest unbroken run of windows, or null; with the run's window levels. */
    private DtmfEvent run;
    private long runStart;
    private final List<Double> runLevels = new ArrayList<>();
    private DtmfEvent held;
    /** The weaker of the two tones of the key the latest window showed. */
    private double shownLevel;
    private int windowsWithoutHeld;

    /** A detector for audio at {@code sampleRate} samples per second (8000 or more). */
    public DtmfToneDetector(int sampleRate) {
        if (sampleRate < 2 * DtmfEvent.COLUMN_FREQUENCIES[3] + 1) {
            throw new IllegalArgumentException("sample rate too low for 1633 Hz: " + sampleRate);
        }
        windowLength = (int) Math.round(205.0 * sampleRate / 8000);
        hop = windowLength / 8;
        window = new double[windowLength];
        for (int i = 0; i < 4; i++) {
            for (int p = 0; p < PROBE_DEVIATIONS.length; p++) {
                double scale = 2 * Math.PI * (1 + PROBE_DEVIATIONS[p]) / sampleRate;
                rowCoefficients[i][p] = 2 * Math.cos(scale * DtmfEvent.ROW_FREQUENCIES[i]);
                columnCoefficients[i][p] = 2 * Math.cos(scale * DtmfEvent.COLUMN_FREQUENCIES[i]);
            }
        }
        minAmplitude = DtmfToneGenerator.amplitude(MIN_LEVEL_DBM0);
    }

    /**
     * Analyses the next {@code length} samples of the stream and returns the keys whose press was
     * confirmed within them. A digit's timestamp counts samples from the start of the stream to the
     * first window that showed the key, which may begin up to one window length before the tone.
     */
    public List<DtmfDigit> process(short[] pcm, int offset, int length) {
        // allocated only when a key is found: the detector runs on every frame of a call's audio
        List<DtmfDigit> found = List.of();
        for (int i = 0; i < length; i++) {
            window[filled++] = pcm[offset + i];
            if (filled == windowLength) {
                DtmfDigit digit = analyse();
                if (digit != null) {
                    if (found.isEmpty()) {
                        found = new ArrayList<>(1);
                    }
                    found.add(digit);
                }
                System.arraycopy(window, hop, window, 0, windowLength - hop);
                filled = windowLength - hop;
                windowStart += hop;
            }
        }
        return found;
    }

    private DtmfDigit analyse() {
        DtmfEvent shown = shownKey();

        if (held != null) {
            windowsWithoutHeld = shown == held ? 0 : windowsWithoutHeld + 1;
            if (windowsWithoutHeld >= RELEASE_WINDOWS) {
                held = null;
            }
        }
        if (shown != run) {
            run = shown;
            runStart = windowStart;
            runLevels.clear();
        }
        if (shown == null || shown == held) {
            return null;
        }
        runLevels.add(shownLevel);
        double strongest = runLevels.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        long nearStrongest = runLevels.stream()
                .filter(level -> decibels(strongest / level) <= CONFIRMING_LEVEL_RANGE_DB).count();
        if (nearStrongest < CONFIRMING_WINDOWS) {
            return null;
        }
        held = shown;
        windowsWithoutHeld = 0;
        return new DtmfDigit(shown, runStart);
    }

    /**
     * The key this window shows, or null. The detector runs on every frame of a call, so the window's power and
     * the low group go first and end the test early where the conditions already fail (silence, speech, music,
     * a tone off the DTMF frequencies), sparing the high group's twelve filters; each early end follows from the
     * conditions themselves, so the answer is the same as with all 24 filters.
     */
    private DtmfEvent shownKey() {
        double power = 0;
        for (double sample : window) {
            power += sample * sample;
        }
        power /= windowLength;
        // Cauchy-Schwarz: no filter can measure an amplitude above 2 * sqrt(power)
        if (4 * power < minAmplitude * minAmplitude) {
            return null;
        }
        double[] rows = amplitudes(rowCoefficients, rowAmplitudes);
        int row = strongest(rows);
        double rowAmplitude = rows[row];
        // the twist bounds the high-group tone by the low-group one, so the two tones' share of the power too
        double strongestColumn = rowAmplitude * MAX_COLUMN_TO_ROW;
        if (rowAmplitude < minAmplitude || !dominates(rows, row)
                || (rowAmplitude * rowAmplitude + strongestColumn * strongestColumn) / 2 < MIN_TONE_SHARE * power) {
            return null;
        }
        double[] columns = amplitudes(columnCoefficients, columnAmplitudes);
        int column = strongest(columns);
        if (!showsKey(rows, row, columns, column, power)) {
            return null;
        }
        shownLevel = Math.min(rowAmplitude, columns[column]);
        return DtmfEvent.atKey(row, column);
    }

    private boolean showsKey(double[] rows, int row, double[] columns, int column, double power) {
        double rowAmplitude = rows[row];
        double columnAmplitude = columns[column];
        if (rowAmplitude < minAmplitude || columnAmplitude < minAmplitude) {
            return false;
        }
        double twist = decibels(columnAmplitude / rowAmplitude);
        if (twist > MAX_NORMAL_TWIST_DB || twist < -MAX_REVERSE_TWIST_DB) {
            return false;
        }
        if (!dominates(rows, row) || !dominates(columns, column)) {
            return false;
        }
        double tonePower = (rowAmplitude * rowAmplitude + columnAmplitude * columnAmplitude) / 2;
        return tonePower >= MIN_TONE_SHARE * power;
    }

    /** Peak amplitude of each frequency over the window, the best of its probes, in sample units. */
    private double[] amplitudes(double[][] coefficients, double[] amplitudes) {
        for (int f = 0; f < coefficients.length; f++) {
            amplitudes[f] = 0;
            for (double coefficient : coefficients[f]) {
                amplitudes[f] = Math.max(amplitudes[f], goertzel(coefficient));
            }
        }
        return amplitudes;
    }

    private double goertzel(double coefficient) {
        double previous = 0;
        double beforePrevious = 0;
        for (double sample : window) {
            double current = sample + coefficient * previous - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }
        double power = previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
        return 2 * Math.sqrt(Math.max(0, power)) / windowLength;
    }

    private static int strongest(double[] amplitudes) {
        int best = 0;
        for (int i = 1; i < amplitudes.length; i++) {
            if (amplitudes[i] > amplitudes[best]) {
                best = i;
            }
        }
        return best;
    }

    private static boolean dominates(double[] amplitudes, int index) {
        for (int i = 0; i < amplitudes.length; i++) {
            if (i != index && decibels(amplitudes[index] / amplitudes[i]) < MIN_GROUP_DOMINANCE_DB) {
                return false;
            }
        }
        return true;
    }

    private static double decibels(double amplitudeRatio) {
        return 20 * Math.log10(amplitudeRatio);
    }
}

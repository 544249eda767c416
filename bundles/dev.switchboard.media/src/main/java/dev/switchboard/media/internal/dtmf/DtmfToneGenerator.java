package dev.switchboard.media.internal.dtmf;

import java.time.Duration;

import dev.switchboard.media.dtmf.DtmfEvent;

/**
 * In-band DTMF for peers without RFC 4733: each key as the sum of its ITU-T Q.23 low-group and
 * high-group sines, followed by silence, in 16-bit linear PCM.
 * <p>
 * Levels are in dBm0 per frequency with the G.711 reference that a full-scale sine is +3.17 dBm0,
 * so a tone survives the codec at the level asked for. The defaults (-9 dBm0 low group, -7 dBm0 high
 * group, 100 ms tone, 100 ms pause) keep the high group 2 dB stronger, as telephones do so that line
 * loss, which is greater at high frequencies, does not push the twist out of range.
 */
public final class DtmfToneGenerator {
    /** Level in dBm0 of a sine whose peak is full scale (ITU-T G.711 μ-law: +3.17 dBm0). */
    static final double FULL_SCALE_DBM0 = 3.17;

    private final int sampleRate;
    private final double rowAmplitude;
    private final double columnAmplitude;
    private final int toneSamples;
    private final int pauseSamples;

    /**
     * @param sampleRate   samples per second
     * @param rowLevel     low-group level in dBm0
     * @param columnLevel  high-group level in dBm0
     * @param tone         how long each key sounds
     * @param pause        silence after each key
     */
    public DtmfToneGenerator(int sampleRate, double rowLevel, double columnLevel, Duration tone, Duration pause) {
        if (sampleRate < 2 * DtmfEvent.COLUMN_FREQUENCIES[3] + 1) {
            throw new IllegalArgumentException("sample rate too low for 1633 Hz: " + sampleRate);
        }
        this.sampleRate = sampleRate;
        this.rowAmplitude = amplitude(rowLevel);
        this.columnAmplitude = amplitude(columnLevel);
        if (rowAmplitude + columnAmplitude > Short.MAX_VALUE) {
            throw new IllegalArgumentException("levels " + rowLevel + " + " + columnLevel + " dBm0 would clip");
        }
        this.toneSamples = samples(tone);
        this.pauseSamples = samples(pause);
    }

    /** The defaults described on the class at {@code sampleRate}. */
    public static DtmfToneGenerator standard(int sampleRate) {
        return new DtmfToneGenerator(sampleRate, -9, -7, Duration.ofMillis(100), Duration.ofMillis(100));
    }

    /** Peak amplitude in 16-bit units of a sine at {@code dbm0}. */
    static double amplitude(double dbm0) {
        return Short.MAX_VALUE * Math.pow(10, (dbm0 - FULL_SCALE_DBM0) / 20);
    }

    /** One key's tone, without the pause. */
    public short[] tone(DtmfEvent event) {
        short[] pcm = new short[toneSamples];
        write(event, pcm, 0);
        return pcm;
    }

    /**
     * Every key of {@code digits} as tone then pause.
     *
     * @throws IllegalArgumentException for characters that are not keys, and for hook flash, which
     *                                  is a line condition with no tone
     */
    public short[] dial(CharSequence digits) {
        short[] pcm = new short[digits.length() * (toneSamples + pauseSamples)];
        for (int i = 0; i < digits.length(); i++) {
            DtmfEvent event = DtmfEvent.ofSymbol(digits.charAt(i));
            if (event == null) {
                throw new IllegalArgumentException("not a DTMF key: " + digits.charAt(i));
            }
            write(event, pcm, i * (toneSamples + pauseSamples));
        }
        return pcm;
    }

    private void write(DtmfEvent event, short[] pcm, int offset) {
        if (!event.hasTone()) {
            throw new IllegalArgumentException(event + " has no in-band tone");
        }
        double rowStep = 2 * Math.PI * event.rowFrequency() / sampleRate;
        double columnStep = 2 * Math.PI * event.columnFrequency() / sampleRate;
        for (int i = 0; i < toneSamples; i++) {
            pcm[offset + i] = (short) Math.round(rowAmplitude * Math.sin(rowStep * i)
                    + columnAmplitude * Math.sin(columnStep * i));
        }
    }

    private int samples(Duration duration) {
        return (int) (duration.toNanos() * sampleRate / 1_000_000_000L);
    }
}

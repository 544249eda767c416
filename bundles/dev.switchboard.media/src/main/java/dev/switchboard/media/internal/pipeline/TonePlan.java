package dev.switchboard.media.internal.pipeline;

import dev.switchboard.media.session.Tone;

/**
 * National call-progress tone plans (ITU-T E.180 and its Supplement 2 list each country's). Each tone
 * is one or two frequencies and a cadence of on/off times in ms that repeats, or plays once for the
 * tones marked so.
 * <ul>
 * <li>{@link #CEPT}: the common European plan (CEPT Recommendation T/CS 20-15, ETSI TR 101 041): 425 Hz;
 * ringback 1 s on, 4 s off; busy 0.5/0.5 s; congestion 0.25/0.25 s; call waiting 425 Hz 0.2 s on,
 * 0.2 s off, 0.2 s on, once.</li>
 * <li>{@link #NORTH_AMERICA}: the North American plan (ANSI T1.401 / the Bell "precise tone plan"):
 * ringback 440+480 Hz 2 s on, 4 s off; busy 480+620 Hz 0.5/0.5 s; reorder (congestion) 480+620 Hz
 * 0.25/0.25 s; call waiting 440 Hz 0.3 s, once.</li>
 * </ul>
 * Both plans ring the ringer device with 440+480 Hz, 1 s on, 3 s off (not a network tone, so no plan
 * prescribes it), and give DTMF feedback as the key's Q.23 pair for 100 ms, once.
 */
public enum TonePlan {
    CEPT {
        @Override
        Cadence cadence(Tone.Kind kind) {
            return switch (kind) {
                case RINGBACK -> new Cadence(425, 0, true, 1000, 4000);
                case BUSY -> new Cadence(425, 0, true, 500, 500);
                case CONGESTION -> new Cadence(425, 0, true, 250, 250);
                case CALL_WAITING -> new Cadence(425, 0, false, 200, 200, 200, 0);
                case RINGING -> RINGER;
                case DTMF_FEEDBACK -> throw new IllegalArgumentException("DTMF feedback depends on the key");
            };
        }
    },
    NORTH_AMERICA {
        @Override
        Cadence cadence(Tone.Kind kind) {
            return switch (kind) {
                case RINGBACK -> new Cadence(440, 480, true, 2000, 4000);
                case BUSY -> new Cadence(480, 620, true, 500, 500);
                case CONGESTION -> new Cadence(480, 620, true, 250, 250);
                case CALL_WAITING -> new Cadence(440, 0, false, 300, 0);
                case RINGING -> RINGER;
                case DTMF_FEEDBACK -> throw new IllegalArgumentException("DTMF feedback depends on the key");
            };
        }
    };

    private static final Cadence RINGER = new Cadence(440, 480, true, 1000, 3000);
    private static final int FEEDBACK_MILLIS = 100;

    /**
     * @param firstHz   a frequency in Hz
     * @param secondHz  a second frequency added to the first, or 0
     * @param repeats   whether the cadence starts over at its end
     * @param onOffMillis on, off, on, off, ... times in ms
     */
    record Cadence(int firstHz, int secondHz, boolean repeats, int... onOffMillis) {
        int cycleMillis() {
            int total = 0;
            for (int millis : onOffMillis) {
                total += millis;
            }
            return total;
        }
    }

    abstract Cadence cadence(Tone.Kind kind);

    /** The cadence of {@code tone} in this plan. */
    public Cadence cadence(Tone tone) {
        if (tone.kind() == Tone.Kind.DTMF_FEEDBACK) {
            return new Cadence(tone.key().rowFrequency(), tone.key().columnFrequency(), false, FEEDBACK_MILLIS, 0);
        }
        return cadence(tone.kind());
    }

    /** The plan named by a configuration value ({@code CEPT} or {@code NORTH_AMERICA}, any case), else CEPT. */
    public static TonePlan named(String name) {
        for (TonePlan plan : values()) {
            if (plan.name().equalsIgnoreCase(name)) {
                return plan;
            }
        }
        return CEPT;
    }
}

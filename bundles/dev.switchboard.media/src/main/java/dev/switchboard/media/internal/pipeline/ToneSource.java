package dev.switchboard.media.internal.pipeline;

/**
 * Generates one tone's cadence as 16-bit PCM, frame by frame, without allocating. Each frequency is
 * at {@value #LEVEL_DBFS} dBFS (about -13 dBm0 in the G.711 reference, the level E.180 recommends
 * for call-progress tones lies between -10 and -20 dBm0); on/off edges are cut at zero phase, no
 * ramp, which is what exchanges do too.
 */
public final class ToneSource {

    static final double LEVEL_DBFS = -16;

    private final int sampleRate;
    private final double firstStep;
    private final double secondStep;
    private final double amplitude;
    private final boolean repeats;
    private final long[] segmentEnds;
    private final long cycleSamples;
    private long position;

    public ToneSource(TonePlan.Cadence cadence, int sampleRate) {
        this.sampleRate = sampleRate;
        this.firstStep = 2 * Math.PI * cadence.firstHz() / sampleRate;
        this.secondStep = 2 * Math.PI * cadence.secondHz() / sampleRate;
        this.amplitude = 32767 * Math.pow(10, LEVEL_DBFS / 20);
        this.repeats = cadence.repeats();
        int[] onOff = cadence.onOffMillis();
        segmentEnds = new long[onOff.length];
        long end = 0;
        for (int i = 0; i < onOff.length; i++) {
            end += (long) onOff[i] * sampleRate / 1000;
            segmentEnds[i] = end;
        }
        cycleSamples = end;
    }

    public int sampleRate() {
        return sampleRate;
    }

    /** Whether a one-shot tone has played all of itself; repeating tones never finish. */
    public boolean finished() {
        return !repeats && position >= cycleSamples;
    }

    /** Writes the next {@code count} samples (silence after a one-shot tone's end). */
    public void fill(short[] pcm, int offset, int count) {
        mix(pcm, offset, count, false);
    }

    /** Adds the next {@code count} samples to what {@code pcm} holds, clipping. */
    public void mixInto(short[] pcm, int offset, int count) {
        mix(pcm, offset, count, true);
    }

    private void mix(short[] pcm, int offset, int count, boolean add) {
        for (int i = 0; i < count; i++) {
            double value = 0;
            if (repeats || position < cycleSamples) {
                long inCycle = position % cycleSamples;
                if (sounding(inCycle)) {
                    value = amplitude * Math.sin(firstStep * inCycle);
                    if (secondStep != 0) {
                        value += amplitude * Math.sin(secondStep * inCycle);
                    }
                }
            }
            position++;
            double sum = add ? pcm[offset + i] + value : value;
            pcm[offset + i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(sum)));
        }
    }

    private boolean sounding(long inCycle) {
        for (int i = 0; i < segmentEnds.length; i++) {
            if (inCycle < segmentEnds[i]) {
                return i % 2 == 0;
            }
        }
        return false;
    }
}

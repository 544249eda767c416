package dev.switchboard.media.internal.jitter;

/**
 * The engine's own packet-loss concealment for codecs without one: repeats the last pitch period of the
 * audio heard before the loss, fading it out so that a long loss ends in silence, and blends the
 * repetition into the first audio after the loss. Both keep the waveform continuous, so neither the
 * loss nor the recovery clicks. Not thread-safe.
 */
final class PitchRepetitionConcealer {
    private final short[] history;
    private final int minPeriod;
    private final int maxPeriod;
    private final int fadeSamples;
    private final int blendSamples;
    private final short[] continuation;
    private int period;
    private int phase;
    private int concealedSamples;

    /**
     * @param fadeSamples how long a loss takes to fade to silence
     */
    PitchRepetitionConcealer(int sampleRate, int fadeSamples) {
        // 2.5..15 ms covers voices from about 65 Hz to 400 Hz
        minPeriod = Math.max(1, sampleRate / 400);
        maxPeriod = Math.max(minPeriod + 1, sampleRate * 15 / 1000);
        history = new short[2 * maxPeriod];
        this.fadeSamples = fadeSamples;
        blendSamples = Math.max(1, sampleRate / 200);
        continuation = new short[blendSamples];
    }

    /** Appends audio that was really received, the source of any later repetition. */
    void remember(short[] pcm, int offset, int samples) {
        if (samples >= history.length) {
            System.arraycopy(pcm, offset + samples - history.length, history, 0, history.length);
        } else {
            System.arraycopy(history, samples, history, 0, history.length - samples);
            System.arraycopy(pcm, offset, history, history.length - samples, samples);
        }
    }

    void conceal(short[] pcm, int offset, int samples) {
        if (concealedSamples == 0) {
            period = estimatePeriod();
            phase = 0;
        }
        for (int i = 0; i < samples; i++) {
            pcm[offset + i] = nextRepeatedSample();
        }
    }

    /**
     * Fades from where the concealment would have continued (silence once it has faded out) into the
     * received audio at the start of {@code pcm}, then remembers that audio. Call for every received
     * frame; it only blends right after a loss.
     */
    void receive(short[] pcm, int offset, int samples) {
        if (concealedSamples > 0) {
            int blend = Math.min(blendSamples, samples);
            for (int i = 0; i < blend; i++) {
                continuation[i] = nextRepeatedSample();
            }
            for (int i = 0; i < blend; i++) {
                double weight = (i + 0.5) / blend;
                pcm[offset + i] = (short) Math.round(pcm[offset + i] * weight + continuation[i] * (1 - weight));
            }
        }
        concealedSamples = 0;
        remember(pcm, offset, samples);
    }

    private short nextRepeatedSample() {
        double gain = Math.max(0, 1 - (double) concealedSamples / fadeSamples);
        short sample = (short) Math.round(history[history.length - period + phase] * gain);
        phase = (phase + 1) % period;
        concealedSamples++;
        return sample;
    }

    /** The lag, in the pitch range, at which the last {@code maxPeriod} samples best match their past. */
    private int estimatePeriod() {
        int end = history.length;
        int bestPeriod = maxPeriod;
        double bestScore = 0;
        for (int lag = minPeriod; lag <= maxPeriod; lag++) {
            double correlation = 0;
            double laggedEnergy = 0;
            for (int i = end - maxPeriod; i < end; i++) {
                int lagged = history[i - lag];
                correlation += history[i] * lagged;
                laggedEnergy += lagged * lagged;
            }
            if (laggedEnergy > 0) {
                double score = correlation / Math.sqrt(laggedEnergy);
                if (score > bestScore) {
                    bestScore = score;
                    bestPeriod = lag;
                }
            }
        }
        return bestPeriod;
    }
}

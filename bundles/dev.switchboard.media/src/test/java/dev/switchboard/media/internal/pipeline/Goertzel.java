package dev.switchboard.media.internal.pipeline;

/** Test measurements: the amplitude of one frequency (Goertzel) and plain tones. */
final class Goertzel {

    private Goertzel() {
    }

    /** Amplitude of {@code frequency} in {@code pcm[from..to)}, in the samples' own units. */
    static double amplitude(short[] pcm, int from, int to, double frequency, int rate) {
        double coefficient = 2 * Math.cos(2 * Math.PI * frequency / rate);
        double previous = 0;
        double beforePrevious = 0;
        for (int i = from; i < to; i++) {
            double current = pcm[i] + coefficient * previous - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }
        double power = previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
        return 2 * Math.sqrt(Math.max(0, power)) / (to - from);
    }

    static short[] tone(double frequency, int rate, int samples, double amplitude) {
        short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++) {
            pcm[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * frequency * i / rate));
        }
        return pcm;
    }
}

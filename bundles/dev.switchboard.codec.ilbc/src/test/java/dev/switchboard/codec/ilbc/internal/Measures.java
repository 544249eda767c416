package dev.switchboard.codec.ilbc.internal;

/** Signal comparisons for the tests. */
final class Measures {

    private Measures() {
    }

    /** SNR in dB of {@code test} against {@code reference} over {@code [from, to)}. */
    static double snr(short[] reference, short[] test, int from, int to) {
        double signal = 0;
        double error = 0;
        for (int i = from; i < to; i++) {
            double difference = reference[i] - test[i];
            signal += (double) reference[i] * reference[i];
            error += difference * difference;
        }
        return error == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(signal / error);
    }

    static double energy(short[] pcm, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) pcm[i] * pcm[i];
        }
        return sum / (to - from);
    }

    /**
     * The source through the high-pass filters iLBC applies at its input and output (RFC 3951 sections
     * 3.1 and 4.8, about 90 Hz): what a perfect iLBC would give back. Below 90 Hz the codec
     * deliberately removes the signal, so waveform SNR against the unfiltered source mostly measures
     * those filters' phase shift, not the coding.
     */
    static short[] highPassedTwice(short[] source) {
        float[] in = new float[source.length];
        for (int i = 0; i < source.length; i++) {
            in[i] = source[i];
        }
        float[] once = new float[source.length];
        float[] twice = new float[source.length];
        Dsp.highPass(in, 0, in.length, once, 0, Tables.HP_IN_ZEROS, Tables.HP_IN_POLES, new float[4]);
        Dsp.highPass(once, 0, once.length, twice, 0, Tables.HP_OUT_ZEROS, Tables.HP_OUT_POLES, new float[4]);
        short[] out = new short[source.length];
        for (int i = 0; i < source.length; i++) {
            out[i] = Dsp.toPcm(twice[i]);
        }
        return out;
    }
}

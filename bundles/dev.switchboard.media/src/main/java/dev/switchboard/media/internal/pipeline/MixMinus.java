package dev.switchboard.media.internal.pipeline;

/**
 * The arithmetic of a conference: everyone's frame summed once, and each participant gets the sum less
 * its own contribution, so nobody hears themselves (mix-minus), clipped to 16 bits only at the end.
 */
final class MixMinus {

    private MixMinus() {
    }

    /**
     * @param inputs       one frame per participant, {@code participants} of them
     * @param outputs      where participant {@code i}'s mix goes, same shape
     * @param total        scratch for the unclipped sum, at least {@code count} long
     * @param everyone     receives the clipped sum of all participants (for a recording), or null
     */
    static void mix(short[][] inputs, short[][] outputs, int participants, int count, int[] total, short[] everyone) {
        for (int s = 0; s < count; s++) {
            int sum = 0;
            for (int p = 0; p < participants; p++) {
                sum += inputs[p][s];
            }
            total[s] = sum;
        }
        for (int p = 0; p < participants; p++) {
            short[] in = inputs[p];
            short[] out = outputs[p];
            for (int s = 0; s < count; s++) {
                out[s] = clip(total[s] - in[s]);
            }
        }
        if (everyone != null) {
            for (int s = 0; s < count; s++) {
                everyone[s] = clip(total[s]);
            }
        }
    }

    static short clip(int value) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, value));
    }
}

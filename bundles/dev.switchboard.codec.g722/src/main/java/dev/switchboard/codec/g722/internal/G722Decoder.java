package dev.switchboard.codec.g722.internal;

import static dev.switchboard.codec.g722.internal.AdaptiveBand.clamp;
import static dev.switchboard.codec.g722.internal.AdaptiveBand.saturate;

import dev.switchboard.media.codec.Decoder;

/** G.722 decoder at 64 kbit/s: each byte becomes two 16 kHz samples. */
final class G722Decoder implements Decoder {

    /** Range of a reconstructed sub-band signal (block LIMIT). */
    private static final int BAND_MIN = -16384;
    private static final int BAND_MAX = 16383;

    private final QmfWindow output = new QmfWindow();
    private final AdaptiveBand low = AdaptiveBand.lowBand();
    private final AdaptiveBand high = AdaptiveBand.highBand();

    @Override
    public int decode(byte[] payload, int offset, int length, short[] pcm, int pcmOffset) {
        if (length < 0) {
            throw new IllegalArgumentException("negative payload length " + length);
        }
        for (int i = 0; i < length; i++) {
            int code = payload[offset + i] & 0xff;
            int lowSample = decodeLow(code & 0x3f);
            int highSample = decodeHigh(code >> 6);
            // The receive QMF takes the difference and the sum of the bands, in that order of time.
            output.push(lowSample - highSample, lowSample + highSample);
            pcm[pcmOffset + 2 * i] = (short) saturate(output.evenCoefficientSum(1) >> 11);
            pcm[pcmOffset + 2 * i + 1] = (short) saturate(output.oddCoefficientSum(0) >> 11);
        }
        return 2 * length;
    }

    private int decodeLow(int code) {
        int stepSize = low.stepSize();
        int sample = clamp(low.estimate() + ((stepSize * Tables.LOW_INVERSE_QUANTISER_6BIT[code]) >> 15),
                BAND_MIN, BAND_MAX);
        int predictorCode = code >> 2;
        low.adapt((stepSize * Tables.LOW_INVERSE_QUANTISER_4BIT[predictorCode]) >> 15,
                Tables.lowLogScaleWeight(predictorCode));
        return sample;
    }

    private int decodeHigh(int code) {
        int difference = (high.stepSize() * Tables.HIGH_INVERSE_QUANTISER[code]) >> 15;
        int sample = clamp(high.estimate() + difference, BAND_MIN, BAND_MAX);
        high.adapt(difference, Tables.highLogScaleWeight(code));
        return sample;
    }

    /** G.722 has no concealment of its own; the engine's generic one fills lost frames. */
    @Override
    public int conceal(short[] pcm, int pcmOffset, int samples) {
        return 0;
    }

    @Override
    public void reset() {
        output.reset();
        low.reset();
        high.reset();
    }
}

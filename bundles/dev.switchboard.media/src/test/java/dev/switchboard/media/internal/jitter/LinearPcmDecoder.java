package dev.switchboard.media.internal.jitter;

import java.util.Arrays;

import dev.switchboard.media.codec.Decoder;

/**
 * A test codec of 16-bit big-endian samples (like RTP's L16), so that the buffer's output can be compared
 * sample by sample with what was sent. Leaves concealment to the engine unless given a fill value.
 */
final class LinearPcmDecoder implements Decoder {
    private final short concealmentValue;
    private final boolean concealsItself;

    static LinearPcmDecoder withoutConcealment() {
        return new LinearPcmDecoder(false, (short) 0);
    }

    /** A decoder whose own concealment fills lost frames with {@code value}, to recognise them. */
    static LinearPcmDecoder concealingWith(short value) {
        return new LinearPcmDecoder(true, value);
    }

    private LinearPcmDecoder(boolean concealsItself, short concealmentValue) {
        this.concealsItself = concealsItself;
        this.concealmentValue = concealmentValue;
    }

    static int encode(short[] pcm, int offset, int samples, byte[] out) {
        for (int i = 0; i < samples; i++) {
            out[2 * i] = (byte) (pcm[offset + i] >> 8);
            out[2 * i + 1] = (byte) pcm[offset + i];
        }
        return 2 * samples;
    }

    @Override
    public int decode(byte[] payload, int offset, int length, short[] pcm, int pcmOffset) {
        for (int i = 0; i < length / 2; i++) {
            pcm[pcmOffset + i] = (short) ((payload[offset + 2 * i] << 8) | (payload[offset + 2 * i + 1] & 0xff));
        }
        return length / 2;
    }

    @Override
    public int conceal(short[] pcm, int pcmOffset, int samples) {
        if (!concealsItself) {
            return 0;
        }
        Arrays.fill(pcm, pcmOffset, pcmOffset + samples, concealmentValue);
        return samples;
    }

    @Override
    public void reset() {
    }
}

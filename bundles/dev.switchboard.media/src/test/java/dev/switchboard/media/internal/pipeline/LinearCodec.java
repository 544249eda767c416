package dev.switchboard.media.internal.pipeline;

import dev.switchboard.media.codec.AudioCodec;
import dev.switchboard.media.codec.CodecInfo;
import dev.switchboard.media.codec.Decoder;
import dev.switchboard.media.codec.Encoder;

/** L16 (RFC 3551 §4.5.11) at any rate: lossless, so tests see exactly what the pipeline did. */
final class LinearCodec implements AudioCodec {

    private final CodecInfo info;

    LinearCodec(int rate) {
        info = new CodecInfo("L16", rate, rate, 1, CodecInfo.DYNAMIC, 20, "");
    }

    @Override
    public CodecInfo info() {
        return info;
    }

    @Override
    public Encoder newEncoder() {
        return new Encoder() {
            @Override
            public int encode(short[] pcm, int offset, int samples, byte[] out, int outOffset) {
                for (int i = 0; i < samples; i++) {
                    out[outOffset + 2 * i] = (byte) (pcm[offset + i] >> 8);
                    out[outOffset + 2 * i + 1] = (byte) pcm[offset + i];
                }
                return samples * 2;
            }

            @Override
            public void reset() {
            }
        };
    }

    @Override
    public Decoder newDecoder() {
        return new Decoder() {
            @Override
            public int decode(byte[] payload, int offset, int length, short[] pcm, int pcmOffset) {
                for (int i = 0; i < length / 2; i++) {
                    pcm[pcmOffset + i] = (short) (payload[offset + 2 * i] << 8 | payload[offset + 2 * i + 1] & 0xFF);
                }
                return length / 2;
            }

            @Override
            public int conceal(short[] pcm, int pcmOffset, int samples) {
                return 0;
            }

            @Override
            public void reset() {
            }
        };
    }
}

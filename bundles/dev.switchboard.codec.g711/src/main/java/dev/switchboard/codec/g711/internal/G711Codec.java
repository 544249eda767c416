package dev.switchboard.codec.g711.internal;

import dev.switchboard.media.codec.AudioCodec;
import dev.switchboard.media.codec.CodecInfo;
import dev.switchboard.media.codec.Decoder;
import dev.switchboard.media.codec.Encoder;

/**
 * One G.711 law as a codec. G.711 has no memory, so encoders and decoders are stateless and one
 * byte stands for one sample; concealment is left to the engine's generic one.
 */
abstract class G711Codec implements AudioCodec {

    private final CodecInfo info;

    G711Codec(String encodingName, int payloadType) {
        this.info = new CodecInfo(encodingName, 8000, 8000, 1, payloadType, 20, "");
    }

    abstract byte compress(short sample);

    abstract short expand(byte code);

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
                    out[outOffset + i] = compress(pcm[offset + i]);
                }
                return samples;
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
                for (int i = 0; i < length; i++) {
                    pcm[pcmOffset + i] = expand(payload[offset + i]);
                }
                return length;
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

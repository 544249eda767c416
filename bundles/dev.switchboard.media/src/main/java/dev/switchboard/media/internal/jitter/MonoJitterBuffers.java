package dev.switchboard.media.internal.jitter;

import java.util.function.LongSupplier;

import dev.switchboard.media.codec.AudioCodec;
import dev.switchboard.media.codec.CodecInfo;
import dev.switchboard.media.codec.Decoder;
import dev.switchboard.media.codec.FecDecoder;
import dev.switchboard.media.jitter.JitterBuffer;
import dev.switchboard.media.jitter.JitterBufferFactory;

/**
 * Jitter buffers that play one channel whatever the codec carries: the media loop is mono, and the
 * buffer's timing, stretching and concealment work on one channel. A codec with interleaved channels
 * (Opus is stereo on the wire, RFC 7587) gets a decoder that mixes them down.
 */
public final class MonoJitterBuffers {

    private MonoJitterBuffers() {
    }

    /**
     * A jitter buffer for {@code codec}'s stream that plays mono: a codec with several channels gets a
     * decoder that mixes them down, so the buffer's timing, stretching and concealment work on one
     * channel as they are made to.
     */
    public static JitterBuffer create(AudioCodec codec, JitterBufferFactory factory, LongSupplier clock) {
        CodecInfo info = codec.info();
        if (info.channels() == 1) {
            return factory.create(info, codec.newDecoder(), clock);
        }
        CodecInfo mono = new CodecInfo(info.encodingName(), info.clockRate(), info.sampleRate(), 1,
                info.staticPayloadType(), info.frameMillis(), info.fmtp());
        return factory.create(mono, new DownmixingDecoder(codec.newDecoder(), info), clock);
    }

    /** Decodes interleaved channels and gives their average; passes FEC recovery on when the codec has it. */
    private static final class DownmixingDecoder implements FecDecoder {
        /** Longest packet a peer may send: 120 ms (RFC 7587's maximum Opus packet). */
        private static final int MAX_PACKET_MILLIS = 120;
        private final Decoder decoder;
        private final int channels;
        private final short[] interleaved;

        DownmixingDecoder(Decoder decoder, CodecInfo info) {
            this.decoder = decoder;
            this.channels = info.channels();
            this.interleaved = new short[info.sampleRate() * MAX_PACKET_MILLIS / 1000 * channels];
        }

        @Override
        public int decode(byte[] payload, int offset, int length, short[] pcm, int pcmOffset) {
            return downmix(decoder.decode(payload, offset, length, interleaved, 0), pcm, pcmOffset);
        }

        @Override
        public int conceal(short[] pcm, int pcmOffset, int samples) {
            return downmix(decoder.conceal(interleaved, 0, Math.min(samples * channels, interleaved.length)), pcm,
                    pcmOffset);
        }

        @Override
        public int recover(byte[] nextPayload, int offset, int length, short[] pcm, int pcmOffset, int samples) {
            if (!(decoder instanceof FecDecoder fec)) {
                return 0;
            }
            return downmix(fec.recover(nextPayload, offset, length, interleaved, 0,
                    Math.min(samples * channels, interleaved.length)), pcm, pcmOffset);
        }

        private int downmix(int interleavedSamples, short[] pcm, int pcmOffset) {
            int samples = interleavedSamples / channels;
            for (int i = 0; i < samples; i++) {
                int sum = 0;
                for (int channel = 0; channel < channels; channel++) {
                    sum += interleaved[i * channels + channel];
                }
                pcm[pcmOffset + i] = (short) (sum / channels);
            }
            return samples;
        }

        @Override
        public void reset() {
            decoder.reset();
        }
    }
}

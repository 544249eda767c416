package dev.switchboard.media.internal.pipeline;

import java.util.Arrays;
import java.util.function.LongSupplier;

import dev.switchboard.media.codec.AudioCodec;
import dev.switchboard.media.codec.CodecInfo;
import dev.switchboard.media.codec.Encoder;
import dev.switchboard.media.internal.audio.FrameFifo;
import dev.switchboard.media.internal.audio.Resampler;
import dev.switchboard.media.internal.jitter.MonoJitterBuffers;
import dev.switchboard.media.jitter.JitterBuffer;
import dev.switchboard.media.jitter.JitterBufferFactory;
import dev.switchboard.media.session.MediaFormat;

/**
 * Everything one negotiated format needs on the media path: encoder, jitter buffer (with its decoder),
 * frame sizes, and resamplers when the codec's rate is not the rate the call's devices run at (a
 * mid-call switch from an 8 kHz to a 16 kHz codec keeps the devices as they are). The loop is mono;
 * a codec that takes interleaved channels (Opus: stereo PCM, RFC 7587) gets the voice on every channel,
 * and its decoder's channels are mixed down before the jitter buffer. All buffers are allocated here, once per format, so that frames allocate
 * nothing.
 */
final class ActiveFormat {

    final MediaFormat format;
    final CodecInfo info;
    final Encoder encoder;
    final JitterBuffer jitter;
    /** Samples per packet at the loop's (device) rate. */
    final int loopSamples;
    /** Samples per packet and channel at the codec's rate. */
    final int codecSamples;
    final int channels;
    /** Samples of one codec frame, all channels interleaved. */
    final int codecFrameSamples;
    final int framesPerPacket;
    /** RTP clock ticks per packet. */
    final int clockTicks;
    final long packetNanos;
    final byte[] payload;
    final short[] codecPcm;
    /** One packet of interleaved PCM for codecs with more than one channel, else null. */
    private final short[] interleaved;
    private final Resampler toCodec;
    private final Resampler fromCodec;
    private final FrameFifo toCodecFifo;
    private final FrameFifo fromCodecFifo;
    private final short[] resampled;

    ActiveFormat(MediaFormat format, Encoder encoder, JitterBuffer jitter, int loopRate) {
        this.format = format;
        this.info = format.codec().info();
        this.encoder = encoder;
        this.jitter = jitter;
        this.loopSamples = loopRate * format.packetMillis() / 1000;
        this.channels = info.channels();
        // the frames the encoder makes may be shorter than the codec's default (iLBC's 20 ms mode)
        int frameSamples = info.sampleRate() * format.frameMillis() / 1000;
        this.codecFrameSamples = frameSamples * channels;
        this.framesPerPacket = format.packetMillis() / format.frameMillis();
        this.codecSamples = frameSamples * framesPerPacket;
        this.interleaved = channels > 1 ? new short[codecSamples * channels] : null;
        this.clockTicks = info.clockRate() * format.packetMillis() / 1000;
        this.packetNanos = format.packetMillis() * 1_000_000L;
        // generous: any codec's frame fits in 4 bytes a sample
        this.payload = new byte[codecSamples * channels * 4 + 64];
        this.codecPcm = new short[codecSamples];
        if (info.sampleRate() == loopRate) {
            toCodec = null;
            fromCodec = null;
            toCodecFifo = null;
            fromCodecFifo = null;
            resampled = null;
        } else {
            toCodec = new Resampler(loopRate, info.sampleRate());
            fromCodec = new Resampler(info.sampleRate(), loopRate);
            toCodecFifo = new FrameFifo(codecSamples * 4);
            fromCodecFifo = new FrameFifo(loopSamples * 4);
            resampled = new short[Math.max(toCodec.maxOutput(loopSamples), fromCodec.maxOutput(codecSamples)) + 1];
            // a couple of ms of lead so that the varying output count of a resampler never leaves a frame short
            short[] lead = new short[Math.max(codecSamples, loopSamples) / 8 + 1];
            toCodecFifo.add(lead, 0, codecSamples / 8 + 1);
            fromCodecFifo.add(lead, 0, loopSamples / 8 + 1);
        }
    }

    /** See {@link MonoJitterBuffers#create}. */
    static JitterBuffer jitterBuffer(AudioCodec codec, JitterBufferFactory factory, LongSupplier clock) {
        return MonoJitterBuffers.create(codec, factory, clock);
    }

    /**
     * Whether the same codec runs on with the same peer parameters, so encoder and jitter buffer can carry over
     * a payload-type change.
     */
    boolean sameCodec(MediaFormat other) {
        return other.codec() == format.codec() && other.peerFmtp().equals(format.peerFmtp());
    }

    /**
     * Whether the last {@link #encode} gave nothing because the codec chose not to send (DTX), rather
     * than because the resampler had no whole packet yet: the next packet sent starts a talk spurt.
     */
    boolean pausedByCodec;

    /**
     * Encodes one packet of loop-rate audio.
     *
     * @return the payload length in {@link #payload}, or 0 when the resampler has not produced a whole
     *         packet yet or the codec has nothing to send ({@link #pausedByCodec})
     */
    int encode(short[] loopPcm) {
        pausedByCodec = false;
        short[] source = loopPcm;
        if (toCodec != null) {
            int produced = toCodec.process(loopPcm, 0, loopSamples, resampled, 0);
            toCodecFifo.add(resampled, 0, produced);
            if (toCodecFifo.size() < codecSamples) {
                return 0;
            }
            toCodecFifo.take(codecPcm, 0, codecSamples);
            source = codecPcm;
        }
        if (interleaved != null) {
            for (int i = 0; i < codecSamples; i++) {
                for (int channel = 0; channel < channels; channel++) {
                    interleaved[i * channels + channel] = source[i];
                }
            }
            source = interleaved;
        }
        int length = 0;
        for (int frame = 0; frame < framesPerPacket; frame++) {
            length += encoder.encode(source, frame * codecFrameSamples, codecFrameSamples, payload, length);
        }
        pausedByCodec = length == 0;
        return length;
    }

    /** Pulls one packet's worth of playout from the jitter buffer, at the loop's rate. */
    void pull(short[] loopPcm) {
        if (fromCodec == null) {
            jitter.pull(loopPcm, 0, loopSamples);
            return;
        }
        jitter.pull(codecPcm, 0, codecSamples);
        int produced = fromCodec.process(codecPcm, 0, codecSamples, resampled, 0);
        fromCodecFifo.add(resampled, 0, produced);
        int available = Math.min(loopSamples, fromCodecFifo.size());
        fromCodecFifo.take(loopPcm, 0, available);
        Arrays.fill(loopPcm, available, loopSamples, (short) 0);
    }
}

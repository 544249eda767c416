package dev.switchboard.codec.opus.internal;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import io.github.jaredmdobson.concentus.OpusSignal;

/**
 * Opus in pure Java (Concentus, a port of libopus 1.1), for systems without libopus. Encoders run at
 * complexity {@value #MAX_COMPLEXITY} at most: at libopus's 10 Concentus is 0.54-0.78x as fast as
 * libopus from C, at 5 it is faster than libopus at 10 (docs/benchmarks.md), for 0.6 dB less waveform
 * SNR on speech (8.1 against 7.5 dB at 32 kbit/s; Opus at this rate does not keep the waveform, so
 * the difference is small next to what the codec itself changes).
 */
final class ConcentusBackend implements OpusBackend {

    /** Complexity cap for the pure-Java encoder, chosen by speed against libopus (see above). */
    static final int MAX_COMPLEXITY = 5;

    @Override
    public String description() {
        return "Concentus " + versionOf(OpusEncoder.class) + " (pure Java)";
    }

    private static String versionOf(Class<?> type) {
        String version = type.getPackage() == null ? null : type.getPackage().getImplementationVersion();
        return version == null ? "1.0" : version;
    }

    @Override
    public OpusStreamEncoder newEncoder(int sampleRate, int pcmChannels, OpusEncoderSettings settings) {
        try {
            OpusEncoder encoder = new OpusEncoder(sampleRate, pcmChannels, OpusApplication.OPUS_APPLICATION_VOIP);
            encoder.setBitrate(settings.bitrate());
            encoder.setComplexity(Math.min(settings.complexity(), MAX_COMPLEXITY));
            encoder.setUseInbandFEC(settings.inbandFec());
            encoder.setPacketLossPercent(settings.expectedLossPercent());
            encoder.setUseDTX(settings.dtx());
            encoder.setSignalType(OpusSignal.OPUS_SIGNAL_VOICE);
            if (pcmChannels == 2) {
                encoder.setForceChannels(settings.codedChannels());
            }
            return new Encoder(encoder, sampleRate, pcmChannels);
        } catch (OpusException e) {
            throw new IllegalStateException("Concentus encoder: " + e.getMessage(), e);
        }
    }

    @Override
    public OpusStreamDecoder newDecoder(int pcmChannels) {
        try {
            return new Decoder(new OpusDecoder(48_000, pcmChannels), pcmChannels);
        } catch (OpusException e) {
            throw new IllegalStateException("Concentus decoder: " + e.getMessage(), e);
        }
    }

    private static final class Encoder implements OpusStreamEncoder {
        private final OpusEncoder encoder;
        private final int sampleRate;
        private final int pcmChannels;

        Encoder(OpusEncoder encoder, int sampleRate, int pcmChannels) {
            this.encoder = encoder;
            this.sampleRate = sampleRate;
            this.pcmChannels = pcmChannels;
        }

        @Override
        public int lookahead() {
            return encoder.getLookahead();
        }

        @Override
        public int encode(short[] pcm, int offset, int samples, byte[] out, int outOffset) {
            int frameSize = samples / pcmChannels;
            if (samples % pcmChannels != 0 || !OpusFrames.isFrameSize(frameSize, sampleRate)) {
                throw new IllegalArgumentException(samples + " samples are not an Opus frame at " + sampleRate
                        + " Hz with " + pcmChannels + " channel(s)");
            }
            try {
                return encoder.encode(pcm, offset, frameSize, out, outOffset,
                        Math.min(LibOpusEncoder.MAX_PACKET_BYTES, out.length - outOffset));
            } catch (OpusException e) {
                throw new IllegalStateException("Concentus encode: " + e.getMessage(), e);
            }
        }

        @Override
        public void reset() {
            encoder.resetState();
        }
    }

    private static final class Decoder implements OpusStreamDecoder {
        private final OpusDecoder decoder;
        private final int pcmChannels;

        Decoder(OpusDecoder decoder, int pcmChannels) {
            this.decoder = decoder;
            this.pcmChannels = pcmChannels;
        }

        @Override
        public int decode(byte[] payload, int offset, int length, short[] pcm, int pcmOffset) {
            if (length <= 0) {
                throw new IllegalArgumentException("an empty payload is not an Opus packet");
            }
            return run(payload, offset, length, pcm, pcmOffset, (pcm.length - pcmOffset) / pcmChannels, false);
        }

        @Override
        public int conceal(short[] pcm, int pcmOffset, int samples) {
            return run(null, 0, 0, pcm, pcmOffset, samples / pcmChannels, false);
        }

        @Override
        public int recover(byte[] nextPayload, int offset, int length, short[] pcm, int pcmOffset, int samples) {
            if (length <= 0) {
                throw new IllegalArgumentException("an empty payload is not an Opus packet");
            }
            return run(nextPayload, offset, length, pcm, pcmOffset, samples / pcmChannels, true);
        }

        private int run(byte[] data, int offset, int length, short[] pcm, int pcmOffset, int frameCapacity, boolean fec) {
            try {
                int frames = decoder.decode(data, offset, length, pcm, pcmOffset, Math.min(frameCapacity, MAX_FRAME_SAMPLES), fec);
                return frames * pcmChannels;
            } catch (OpusException | RuntimeException e) {
                // Concentus reports some malformed packets only as index errors
                throw new IllegalArgumentException("Opus packet of " + length + " bytes: " + e, e);
            }
        }

        @Override
        public void reset() {
            decoder.resetState();
        }
    }
}

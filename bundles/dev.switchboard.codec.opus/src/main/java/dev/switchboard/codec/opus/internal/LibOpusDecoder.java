package dev.switchboard.codec.opus.internal;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** An Opus decoder in libopus, 48 kHz. */
final class LibOpusDecoder implements OpusStreamDecoder {

    private static final int SAMPLE_RATE = 48_000;

    private final LibOpus opus;
    private final int pcmChannels;
    private final MemorySegment state;
    private final MemorySegment pcm;
    private final MemorySegment packet;

    LibOpusDecoder(LibOpus opus, int pcmChannels) {
        this.opus = opus;
        this.pcmChannels = pcmChannels;
        Arena arena = Arena.ofAuto();
        try {
            state = arena.allocate((int) opus.decoderGetSize.invokeExact(pcmChannels));
            LibOpus.check((int) opus.decoderInit.invokeExact(state, SAMPLE_RATE, pcmChannels), "opus_decoder_init");
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("libopus decoder", e);
        }
        pcm = arena.allocate(JAVA_SHORT, (long) MAX_FRAME_SAMPLES * pcmChannels);
        packet = arena.allocate(LibOpusEncoder.MAX_PACKET_BYTES * 2);
    }

    @Override
    public int decode(byte[] payload, int offset, int length, short[] out, int outOffset) {
        if (length <= 0 || length > packet.byteSize()) {
            throw new IllegalArgumentException(length + " bytes cannot be an Opus packet");
        }
        MemorySegment.copy(payload, offset, packet, JAVA_BYTE, 0, length);
        return run(packet, length, out, outOffset, (out.length - outOffset) / pcmChannels, 0, "opus_decode");
    }

    @Override
    public int conceal(short[] out, int outOffset, int samples) {
        return run(MemorySegment.NULL, 0, out, outOffset, samples / pcmChannels, 0, "opus_decode (concealment)");
    }

    @Override
    public int recover(byte[] nextPayload, int offset, int length, short[] out, int outOffset, int samples) {
        if (length <= 0 || length > packet.byteSize()) {
            throw new IllegalArgumentException(length + " bytes cannot be an Opus packet");
        }
        MemorySegment.copy(nextPayload, offset, packet, JAVA_BYTE, 0, length);
        return run(packet, length, out, outOffset, samples / pcmChannels, 1, "opus_decode (FEC)");
    }

    private int run(MemorySegment data, int length, short[] out, int outOffset, int frameCapacity, int fec, String what) {
        int frameSize = Math.min(frameCapacity, MAX_FRAME_SAMPLES);
        int decoded;
        try {
            decoded = (int) opus.decode.invokeExact(state, data, length, pcm, frameSize, fec);
        } catch (Throwable e) {
            throw new IllegalStateException(what, e);
        }
        if (decoded < 0) {
            throw new IllegalArgumentException(what + ": libopus error " + decoded + " on a packet of " + length + " bytes");
        }
        int samples = decoded * pcmChannels;
        MemorySegment.copy(pcm, JAVA_SHORT, 0, out, outOffset, samples);
        return samples;
    }

    @Override
    public void reset() {
        try {
            LibOpus.check((int) opus.decoderCtl.invokeExact(state, LibOpus.RESET_STATE), "OPUS_RESET_STATE");
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("libopus decoder reset", e);
        }
    }
}

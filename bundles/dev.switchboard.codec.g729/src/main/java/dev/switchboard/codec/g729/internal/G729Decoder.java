package dev.switchboard.codec.g729.internal;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;

import dev.switchboard.media.codec.Decoder;

/**
 * G.729 (Annex A/B) decoding in libbcg729. A payload is any number of 10-byte frames, optionally
 * followed by one 2-byte SID frame (RFC 3551 section 4.5.6); lost frames use G.729's own concealment.
 */
final class G729Decoder implements Decoder {

    private static final int SID_BYTES = 2;

    private final Bcg729 library;
    private final MemorySegment pcm;
    private final MemorySegment bits;
    private MemorySegment context;
    private Cleaner.Cleanable closer;

    G729Decoder(Bcg729 library) {
        this.library = library;
        Arena arena = Arena.ofAuto();
        pcm = arena.allocate(JAVA_SHORT, G729Encoder.FRAME_SAMPLES);
        bits = arena.allocate(G729Encoder.FRAME_BYTES);
        open();
    }

    private void open() {
        MemorySegment channel;
        try {
            channel = Bcg729.checked((MemorySegment) library.initDecoder.invokeExact(), "initBcg729DecoderChannel");
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("initBcg729DecoderChannel", e);
        }
        context = channel;
        closer = Bcg729.closeWhenUnreachable(this, library.closeDecoder, channel);
    }

    @Override
    public int decode(byte[] payload, int offset, int length, short[] out, int outOffset) {
        int remainder = length % G729Encoder.FRAME_BYTES;
        if (length <= 0 || (remainder != 0 && remainder != SID_BYTES)) {
            throw new IllegalArgumentException(length + " bytes are not G.729 frames (10 bytes each, then at most one 2-byte SID)");
        }
        int written = 0;
        for (int position = 0; position < length; position += G729Encoder.FRAME_BYTES) {
            int frameLength = Math.min(G729Encoder.FRAME_BYTES, length - position);
            MemorySegment.copy(payload, offset + position, bits, JAVA_BYTE, 0, frameLength);
            frame(bits, frameLength, false, frameLength == SID_BYTES, out, outOffset + written);
            written += G729Encoder.FRAME_SAMPLES;
        }
        return written;
    }

    @Override
    public int conceal(short[] out, int outOffset, int samples) {
        int frames = samples / G729Encoder.FRAME_SAMPLES;
        for (int i = 0; i < frames; i++) {
            frame(bits, 0, true, false, out, outOffset + i * G729Encoder.FRAME_SAMPLES);
        }
        return frames * G729Encoder.FRAME_SAMPLES;
    }

    private void frame(MemorySegment frameBits, int frameLength, boolean erased, boolean sid, short[] out, int outOffset) {
        try {
            library.decode.invokeExact(context, frameBits, (byte) frameLength, (byte) (erased ? 1 : 0), (byte) (sid ? 1 : 0),
                    (byte) 0, pcm);
        } catch (Throwable e) {
            throw new IllegalStateException("bcg729Decoder", e);
        }
        MemorySegment.copy(pcm, JAVA_SHORT, 0, out, outOffset, G729Encoder.FRAME_SAMPLES);
    }

    /** A new channel, as bcg729 has no reset of its own; the old one is closed at once. */
    @Override
    public void reset() {
        closer.clean();
        open();
    }
}

package dev.switchboard.codec.g729.internal;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;

import dev.switchboard.media.codec.Encoder;

/**
 * G.729A encoding in libbcg729: each 10 ms (80 samples) becomes 10 bytes, or with VAD (Annex B) a
 * 2-byte SID frame or nothing during silence; RFC 3551 section 4.5.6 puts them one after another.
 */
final class G729Encoder implements Encoder {

    static final int FRAME_SAMPLES = 80;
    static final int FRAME_BYTES = 10;

    private final Bcg729 library;
    private final boolean vad;
    private final MemorySegment pcm;
    private final MemorySegment bits;
    private final MemorySegment bitsLength;
    private MemorySegment context;
    private Cleaner.Cleanable closer;

    G729Encoder(Bcg729 library, boolean vad) {
        this.library = library;
        this.vad = vad;
        Arena arena = Arena.ofAuto();
        pcm = arena.allocate(JAVA_SHORT, FRAME_SAMPLES);
        bits = arena.allocate(FRAME_BYTES);
        bitsLength = arena.allocate(JAVA_BYTE);
        open();
    }

    private void open() {
        MemorySegment channel;
        try {
            channel = Bcg729.checked((MemorySegment) library.initEncoder.invokeExact((byte) (vad ? 1 : 0)), "initBcg729EncoderChannel");
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("initBcg729EncoderChannel", e);
        }
        context = channel;
        closer = Bcg729.closeWhenUnreachable(this, library.closeEncoder, channel);
    }

    @Override
    public int encode(short[] input, int offset, int samples, byte[] out, int outOffset) {
        if (samples <= 0 || samples % FRAME_SAMPLES != 0) {
            throw new IllegalArgumentException("G.729 encodes whole 10 ms frames of 80 samples, not " + samples);
        }
        int written = 0;
        for (int frame = 0; frame < samples; frame += FRAME_SAMPLES) {
            MemorySegment.copy(input, offset + frame, pcm, JAVA_SHORT, 0, FRAME_SAMPLES);
            try {
                library.encode.invokeExact(context, pcm, bits, bitsLength);
            } catch (Throwable e) {
                throw new IllegalStateException("bcg729Encoder", e);
            }
            int length = bitsLength.get(JAVA_BYTE, 0);
            MemorySegment.copy(bits, JAVA_BYTE, 0, out, outOffset + written, length);
            written += length;
        }
        return written;
    }

    /** A new channel, as bcg729 has no reset of its own; the old one is closed at once. */
    @Override
    public void reset() {
        closer.clean();
        open();
    }
}

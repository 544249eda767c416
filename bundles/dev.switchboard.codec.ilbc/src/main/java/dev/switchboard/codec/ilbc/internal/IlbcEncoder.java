package dev.switchboard.codec.ilbc.internal;

import dev.switchboard.media.codec.Encoder;

/**
 * iLBC encoder for the codec SPI. The frame size picks the mode: 240 samples make a 30 ms frame of 50
 * bytes, 160 samples a 20 ms frame of 38 bytes; several whole frames may be encoded at once into one
 * payload (RFC 3952 section 3.2). Changing mode starts a fresh encoder state, as a new stream would.
 */
public final class IlbcEncoder implements Encoder {

    private FrameEncoder frames = new FrameEncoder(IlbcMode.MODE_30);

    @Override
    public int encode(short[] pcm, int offset, int samples, byte[] out, int outOffset) {
        IlbcMode mode = modeOf(samples);
        if (mode != frames.mode()) {
            frames = new FrameEncoder(mode);
        }
        int count = samples / mode.blockLength;
        for (int i = 0; i < count; i++) {
            frames.encode(pcm, offset + i * mode.blockLength, out, outOffset + i * mode.bytes);
        }
        return count * mode.bytes;
    }

    private IlbcMode modeOf(int samples) {
        if (samples > 0 && samples % frames.mode().blockLength == 0) {
            return frames.mode();
        }
        if (samples > 0 && samples % IlbcMode.MODE_30.blockLength == 0) {
            return IlbcMode.MODE_30;
        }
        if (samples > 0 && samples % IlbcMode.MODE_20.blockLength == 0) {
            return IlbcMode.MODE_20;
        }
        throw new IllegalArgumentException("iLBC encodes whole 20 ms (160-sample) or 30 ms (240-sample) frames, not "
                + samples + " samples");
    }

    @Override
    public void reset() {
        frames.reset();
    }
}

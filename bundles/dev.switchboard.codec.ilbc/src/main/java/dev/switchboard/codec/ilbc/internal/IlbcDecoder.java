package dev.switchboard.codec.ilbc.internal;

import dev.switchboard.media.codec.Decoder;

/**
 * iLBC decoder for the codec SPI. A payload is one or more frames of the same mode (RFC 3952 section
 * 3.2); the mode follows from the payload length, 38 bytes per 20 ms frame or 50 per 30 ms frame, so a
 * peer that switches mode is followed. Concealment produces frames of the last mode heard.
 */
public final class IlbcDecoder implements Decoder {

    private FrameDecoder frames;

    public IlbcDecoder(int preferredMillis) {
        IlbcMode mode = IlbcMode.forMillis(preferredMillis)
                .orElseThrow(() -> new IllegalArgumentException("iLBC has 20 and 30 ms modes, not " + preferredMillis));
        frames = new FrameDecoder(mode);
    }

    @Override
    public int decode(byte[] payload, int offset, int length, short[] pcm, int pcmOffset) {
        IlbcMode mode = modeOf(length);
        if (mode != frames.mode()) {
            frames = new FrameDecoder(mode);
        }
        int count = length / mode.bytes;
        for (int i = 0; i < count; i++) {
            frames.decode(payload, offset + i * mode.bytes, pcm, pcmOffset + i * mode.blockLength);
        }
        return count * mode.blockLength;
    }

    /** 30 ms is tried first: RFC 3952 makes it the default mode and 50-byte multiples rarely divide by 38. */
    private static IlbcMode modeOf(int length) {
        if (length > 0 && length % IlbcMode.MODE_30.bytes == 0) {
            return IlbcMode.MODE_30;
        }
        if (length > 0 && length % IlbcMode.MODE_20.bytes == 0) {
            return IlbcMode.MODE_20;
        }
        throw new IllegalArgumentException("an iLBC payload is a multiple of 38 bytes (20 ms) or 50 bytes (30 ms), not "
                + length);
    }

    /** Conceals whole frames of the current mode; fewer than one frame's samples are left to the engine. */
    @Override
    public int conceal(short[] pcm, int pcmOffset, int samples) {
        int blockLength = frames.mode().blockLength;
        int count = samples / blockLength;
        for (int i = 0; i < count; i++) {
            frames.conceal(pcm, pcmOffset + i * blockLength);
        }
        return count * blockLength;
    }

    @Override
    public void reset() {
        frames.reset();
    }
}

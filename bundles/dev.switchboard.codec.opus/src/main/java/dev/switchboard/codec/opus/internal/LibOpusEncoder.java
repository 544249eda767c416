package dev.switchboard.codec.opus.internal;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** An Opus encoder in libopus. PCM and packet go through native buffers allocated once per stream. */
final class LibOpusEncoder implements OpusStreamEncoder {

    /** RFC 6716: a 60 ms packet of three 20 ms frames holds at most 3 × 1275 bytes plus framing. */
    static final int MAX_PACKET_BYTES = 4000;

    private final LibOpus opus;
    private final int sampleRate;
    private final int pcmChannels;
    private final OpusEncoderSettings settings;
    private final MemorySegment state;
    private final MemorySegment pcm;
    private final MemorySegment packet;
    private final int lookahead;

    LibOpusEncoder(LibOpus opus, int sampleRate, int pcmChannels, OpusEncoderSettings settings) {
        this.opus = opus;
        this.sampleRate = sampleRate;
        this.pcmChannels = pcmChannels;
        this.settings = settings;
        Arena arena = Arena.ofAuto();
        try {
            state = arena.allocate((int) opus.encoderGetSize.invokeExact(pcmChannels));
            pcm = arena.allocate(JAVA_SHORT, 2880L * 2 * pcmChannels);
            packet = arena.allocate(MAX_PACKET_BYTES);
            MemorySegment value = arena.allocate(JAVA_INT);
            setUp();
            LibOpus.check((int) opus.encoderCtlGet.invokeExact(state, LibOpus.GET_LOOKAHEAD, value), "OPUS_GET_LOOKAHEAD");
            lookahead = value.get(JAVA_INT, 0);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("libopus encoder", e);
        }
    }

    private void setUp() throws Throwable {
        LibOpus.check((int) opus.encoderInit.invokeExact(state, sampleRate, pcmChannels, LibOpus.APPLICATION_VOIP), "opus_encoder_init");
        set(LibOpus.SET_BITRATE, settings.bitrate());
        set(LibOpus.SET_COMPLEXITY, settings.complexity());
        set(LibOpus.SET_INBAND_FEC, settings.inbandFec() ? 1 : 0);
        set(LibOpus.SET_PACKET_LOSS_PERC, settings.expectedLossPercent());
        set(LibOpus.SET_DTX, settings.dtx() ? 1 : 0);
        set(LibOpus.SET_SIGNAL, LibOpus.SIGNAL_VOICE);
        if (pcmChannels == 2) {
            set(LibOpus.SET_FORCE_CHANNELS, settings.codedChannels());
        }
    }

    private void set(int request, int value) throws Throwable {
        LibOpus.check((int) opus.encoderCtlSet.invokeExact(state, request, value), "opus_encoder_ctl " + request);
    }

    @Override
    public int lookahead() {
        return lookahead;
    }

    @Override
    public int encode(short[] input, int offset, int samples, byte[] out, int outOffset) {
        int frameSize = samples / pcmChannels;
        if (samples % pcmChannels != 0 || !OpusFrames.isFrameSize(frameSize, sampleRate)) {
            throw new IllegalArgumentException(samples + " samples are not an Opus frame at " + sampleRate + " Hz with "
                    + pcmChannels + " channel(s)");
        }
        MemorySegment.copy(input, offset, pcm, JAVA_SHORT, 0, samples);
        int capacity = Math.min(MAX_PACKET_BYTES, out.length - outOffset);
        int bytes;
        try {
            bytes = (int) opus.encode.invokeExact(state, pcm, frameSize, packet, capacity);
        } catch (Throwable e) {
            throw new IllegalStateException("opus_encode", e);
        }
        LibOpus.check(bytes, "opus_encode");
        MemorySegment.copy(packet, JAVA_BYTE, 0, out, outOffset, bytes);
        return bytes;
    }

    @Override
    public void reset() {
        try {
            LibOpus.check((int) opus.encoderCtl.invokeExact(state, LibOpus.RESET_STATE), "OPUS_RESET_STATE");
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("libopus encoder reset", e);
        }
    }
}

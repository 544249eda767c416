package dev.switchboard.protocol.iax2.internal;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Call audio for the live-peer tests: sends a 1 kHz µ-law tone in 20 ms frames on the call's clock
 * and keeps every frame received, so a test can check what the peer sent on the wire.
 */
final class ToneCallMedia implements CallMedia {
    private static final int SAMPLES = 160;

    final BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
    private final VoiceOut out;
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    private volatile boolean muted;
    private long sentFrames;

    private ToneCallMedia(VoiceOut out) {
        this.out = out;
    }

    static Factory factory(BlockingQueue<ToneCallMedia> opened) {
        return new Factory() {
            @Override
            public CallMedia open(String callId, VoiceOut out) {
                ToneCallMedia media = new ToneCallMedia(out);
                opened.add(media);
                return media;
            }

            @Override
            public List<Long> formats() {
                return List.of(MediaFormats.ULAW, MediaFormats.ALAW);
            }
        };
    }

    @Override
    public synchronized void start(long format) {
        if (sentFrames == 0) {
            clock.scheduleAtFixedRate(this::sendFrame, 0, 20, TimeUnit.MILLISECONDS);
        }
    }

    private void sendFrame() {
        byte[] frame = new byte[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            long n = sentFrames * SAMPLES + i;
            double sample = muted ? 0 : 8000 * Math.sin(2 * Math.PI * 1000 * n / 8000.0);
            frame[i] = MuLaw.encode((int) Math.round(sample));
        }
        out.send(frame, 0, frame.length, sentFrames * 20);
        sentFrames++;
    }

    @Override
    public void received(long timestampMillis, byte[] payload) {
        received.add(payload);
    }

    @Override
    public void direction(boolean sending, boolean playing) {
    }

    @Override
    public void mute(boolean mute) {
        this.muted = mute;
    }

    @Override
    public boolean muted() {
        return muted;
    }

    @Override
    public long framesReceived() {
        return received.size();
    }

    /** No audio is measured here. */
    @Override
    public dev.switchboard.core.call.capability.AudioLevelMeter.Levels levels() {
        return dev.switchboard.core.call.capability.AudioLevelMeter.Levels.NONE;
    }

    /** A fixed verdict: these tests look at frames, not at the engine's measurements. */
    @Override
    public dev.switchboard.media.session.MediaQuality quality() {
        return new dev.switchboard.media.session.MediaQuality("PCMU/8000", 0,
                framesReceived(), 0, 0, 0, Double.NaN, 0, 0, dev.switchboard.media.session.MediaQuality.Rating.GOOD);
    }

    @Override
    public void close() {
        clock.shutdownNow();
    }
}

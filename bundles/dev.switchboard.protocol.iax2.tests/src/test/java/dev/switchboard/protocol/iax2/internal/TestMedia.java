package dev.switchboard.protocol.iax2.internal;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** Call audio for unit tests: records what arrives, sends what the test gives it. */
final class TestMedia implements CallMedia {
    final BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
    final VoiceOut out;
    volatile long format;
    volatile boolean sending = true;
    volatile boolean muted;

    private TestMedia(VoiceOut out) {
        this.out = out;
    }

    static Factory factory() {
        return factory(new LinkedBlockingQueue<>());
    }

    static Factory factory(BlockingQueue<TestMedia> opened) {
        return factory(opened, List.of(MediaFormats.ULAW, MediaFormats.ALAW));
    }

    /** Media that codes {@code formats}, in that order of preference. */
    static Factory factory(BlockingQueue<TestMedia> opened, List<Long> formats) {
        return new Factory() {
            @Override
            public CallMedia open(String callId, VoiceOut out) {
                TestMedia media = new TestMedia(out);
                opened.add(media);
                return media;
            }

            @Override
            public List<Long> formats() {
                return formats;
            }
        };
    }

    @Override
    public void start(long newFormat) {
        this.format = newFormat;
    }

    @Override
    public void received(long timestampMillis, byte[] payload) {
        received.add(payload);
    }

    @Override
    public void direction(boolean send, boolean playing) {
        this.sending = send;
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
        return new dev.switchboard.media.session.MediaQuality(MediaFormats.rtpmap(format).orElse(""), 0,
                framesReceived(), 0, 0, 0, Double.NaN, 0, 0, dev.switchboard.media.session.MediaQuality.Rating.GOOD);
    }

    @Override
    public void close() {
    }
}

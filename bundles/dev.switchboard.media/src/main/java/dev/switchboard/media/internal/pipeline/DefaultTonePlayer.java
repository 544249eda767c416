package dev.switchboard.media.internal.pipeline;

import java.util.Map;
import java.util.Objects;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.switchboard.media.audio.AudioDeviceException;
import dev.switchboard.media.audio.AudioDevices;
import dev.switchboard.media.audio.PlaybackStream;
import dev.switchboard.media.session.Tone;
import dev.switchboard.media.session.ToneHandle;
import dev.switchboard.media.session.TonePlayer;

/**
 * Plays tones on a playback device on a thread of their own, 20 ms at a time, paced by the frame clock
 * (a sound card's blocking write keeps the same pace). A one-shot tone ends by itself; a repeating one
 * plays until its handle is closed. A device that fails ends the tone.
 */
@Component(service = TonePlayer.class, configurationPid = "dev.switchboard.media.session")
public class DefaultTonePlayer implements TonePlayer {

    static final int RATE = 16000;
    private static final int FRAME = RATE / 50;

    private final AudioDevices devices;
    private final TonePlan plan;

    @Activate
    public DefaultTonePlayer(@Reference AudioDevices devices, Map<String, Object> properties) {
        this.devices = devices;
        this.plan = TonePlan.named(String.valueOf(properties.get(DefaultMediaSessionFactory.TONE_PLAN)));
    }

    @Override
    public ToneHandle play(Tone tone, String playbackDevice) throws AudioDeviceException {
        Objects.requireNonNull(tone, "tone");
        PlaybackStream stream = devices.openPlayback(DeviceAudio.idOrDefault(playbackDevice), RATE, FRAME);
        ToneSource source = new ToneSource(plan.cadence(tone), RATE);
        Playing playing = new Playing(stream, source);
        Thread.ofPlatform().name("tone " + tone.kind()).daemon().start(playing::run);
        return playing;
    }

    private static final class Playing implements ToneHandle {
        private final PlaybackStream stream;
        private final ToneSource source;
        private volatile boolean stopped;
        private final Object done = new Object();
        private boolean finished;

        Playing(PlaybackStream stream, ToneSource source) {
            this.stream = stream;
            this.source = source;
        }

        void run() {
            short[] frame = new short[FRAME];
            FramePacer pacer = new FramePacer(20_000_000L);
            try {
                while (!stopped && !source.finished()) {
                    source.fill(frame, 0, FRAME);
                    stream.write(frame, 0, FRAME);
                    pacer.awaitNextFrame();
                }
            } catch (AudioDeviceException e) {
                System.getLogger(DefaultTonePlayer.class.getName()).log(System.Logger.Level.WARNING,
                        "tone stopped: " + e.getMessage());
            } finally {
                stream.close();
                synchronized (done) {
                    finished = true;
                    done.notifyAll();
                }
            }
        }

        /** Stops the tone and waits (briefly) until the device is released, so it can be reopened at once. */
        @Override
        public void close() {
            stopped = true;
            synchronized (done) {
                long deadline = System.nanoTime() + 1_000_000_000L;
                while (!finished && deadline - System.nanoTime() > 0) {
                    try {
                        done.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }
}

package dev.switchboard.media.internal.pipeline;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.switchboard.media.audio.AudioDeviceException;
import dev.switchboard.media.audio.AudioDevices;
import dev.switchboard.media.audio.AudioLoopTest;
import dev.switchboard.media.audio.CaptureStream;
import dev.switchboard.media.audio.PlaybackStream;
import dev.switchboard.media.codec.AudioCodec;
import dev.switchboard.media.codec.CodecInfo;
import dev.switchboard.media.codec.CodecRegistry;
import dev.switchboard.media.codec.Encoder;
import dev.switchboard.media.jitter.JitterBuffer;
import dev.switchboard.media.jitter.JitterBufferFactory;
import dev.switchboard.media.rtp.RtpSession;
import dev.switchboard.media.rtp.RtpSessionFactory;
import dev.switchboard.media.rtp.RtpSessionOptions;

/**
 * Two RTP sessions on 127.0.0.1 joined back to back: what the capture device gives is encoded and
 * sent by one, received by the other into a jitter buffer, decoded and played. Devices that do not
 * keep real time themselves (files, null) are paced by the frame clock, as a sound card would.
 */
@Component(service = AudioLoopTest.class)
public class DefaultAudioLoopTest implements AudioLoopTest {

    /** Frames played after the last one sent, so that what the jitter buffer still holds comes out. */
    private static final int DRAIN_FRAMES = 15;
    private static final int DYNAMIC_PAYLOAD_TYPE = 96;
    /** How often the level watcher hears the levels. */
    private static final int METER_MILLIS = 100;

    private final AudioDevices devices;
    private final CodecRegistry codecs;
    private final RtpSessionFactory rtp;
    private final JitterBufferFactory jitterBuffers;

    @Activate
    public DefaultAudioLoopTest(@Reference AudioDevices devices, @Reference CodecRegistry codecs,
            @Reference RtpSessionFactory rtp, @Reference JitterBufferFactory jitterBuffers) {
        this.devices = devices;
        this.codecs = codecs;
        this.rtp = rtp;
        this.jitterBuffers = jitterBuffers;
    }

    @Override
    public Result run(String captureDevice, String playbackDevice, String codecName, Duration length,
            LevelWatcher watcher) throws AudioDeviceException, IOException {
        AudioCodec codec = codecs.codecs().stream()
                .filter(candidate -> candidate.info().encodingName().equalsIgnoreCase(codecName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no codec " + codecName + " is installed"));
        CodecInfo info = codec.info();
        int frame = info.samplesPerFrame() * info.channels();
        int frames = (int) Math.max(1, length.toMillis() / info.frameMillis());
        // the levels cover RmsLevel's last few frames; telling them once per window is what a meter can show
        int framesPerReading = Math.max(1, METER_MILLIS / info.frameMillis());
        int payloadType = info.staticPayloadType() == CodecInfo.DYNAMIC ? DYNAMIC_PAYLOAD_TYPE : info.staticPayloadType();
        int timestampStep = info.samplesPerFrame() * info.clockRate() / info.sampleRate();
        // pulls are stamped with the frame schedule, arrivals (on the RTP thread) with the real time, as in calls
        PlayoutClock playoutClock = new PlayoutClock();
        Thread loopThread = Thread.currentThread();
        long[] playoutNanos = new long[1];
        JitterBuffer jitter = jitterBuffers.create(info, codec.newDecoder(),
                () -> Thread.currentThread() == loopThread ? playoutNanos[0] : System.nanoTime());
        Encoder encoder = codec.newEncoder();
        short[] captured = new short[frame];
        short[] played = new short[frame];
        byte[] payload = new byte[frame * 4];
        RmsLevel input = new RmsLevel();
        RmsLevel output = new RmsLevel();
        RtpSessionOptions options = RtpSessionOptions.of(InetAddress.getLoopbackAddress(), info.clockRate(),
                "audiotest@127.0.0.1");
        try (CaptureStream capture = devices.openCapture(captureDevice, info.sampleRate(), frame);
                PlaybackStream playback = devices.openPlayback(playbackDevice, info.sampleRate(), frame);
                RtpSession receiver = rtp.open(options, jitter::put);
                RtpSession sender = rtp.open(options, packet -> {
                })) {
            sender.remote(receiver.localRtpAddress(), receiver.localRtcpAddress());
            receiver.remote(sender.localRtpAddress(), sender.localRtcpAddress());
            long frameNanos = Duration.ofMillis(info.frameMillis()).toNanos();
            FramePacer pacer = new FramePacer(frameNanos);
            boolean inputEnded = false;
            int sent = 0;
            for (int i = 0; i < frames + DRAIN_FRAMES; i++) {
                if (i < frames && !inputEnded) {
                    inputEnded = capture.read(captured, 0, frame) < 0;
                    input.add(captured, 0, frame);
                    int bytes = encoder.encode(captured, 0, frame, payload, 0);
                    sender.send(payloadType, payload, 0, bytes, timestampStep, i == 0);
                    sent++;
                }
                playoutNanos[0] = playoutClock.nextFrame(frameNanos, System.nanoTime());
                jitter.pull(played, 0, frame);
                output.add(played, 0, frame);
                playback.write(played, 0, frame);
                if (i % framesPerReading == framesPerReading - 1) {
                    watcher.levels(input.recentDbfs(), output.recentDbfs());
                }
                if (!capture.paced()) {
                    pacer.awaitNextFrame();
                }
            }
            var quality = receiver.quality();
            return new Result(info.rtpmap(), sent, quality.packetsReceived(),
                    quality.cumulativeLost(), quality.jitterMillis(), jitter.statistics().targetDelayMillis(),
                    input.totalDbfs(), output.totalDbfs());
        }
    }
}

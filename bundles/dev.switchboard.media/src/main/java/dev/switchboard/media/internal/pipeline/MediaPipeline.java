package dev.switchboard.media.internal.pipeline;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import dev.switchboard.media.audio.AudioDeviceException;
import dev.switchboard.media.audio.AudioDevices;
import dev.switchboard.media.dtmf.DtmfDigit;
import dev.switchboard.media.dtmf.DtmfEvent;
import dev.switchboard.media.dtmf.TelephoneEventPacket;
import dev.switchboard.media.internal.dtmf.DtmfToneDetector;
import dev.switchboard.media.internal.dtmf.DtmfToneGenerator;
import dev.switchboard.media.internal.dtmf.TelephoneEventSender;
import dev.switchboard.media.jitter.JitterBufferFactory;
import dev.switchboard.media.session.AudioEndpoints;
import dev.switchboard.media.session.AudioLevels;
import dev.switchboard.media.session.MediaDirection;
import dev.switchboard.media.session.MediaFormat;
import dev.switchboard.media.session.MediaQuality;
import dev.switchboard.media.session.MediaSession;
import dev.switchboard.media.session.MediaSessionListener;
import dev.switchboard.media.session.MediaSessionOptions;
import dev.switchboard.media.session.RecordingMode;
import dev.switchboard.media.session.Tone;

/**
 * The media loop of one call, whatever transport carries it: every packet period it reads the user's
 * audio, encodes and sends it (or telephone events, or in-band DTMF in its place), pulls the peer's audio
 * from the jitter buffer, plays it with local tones mixed in, records and meters both sides.
 * <p>
 * The loop runs on its own thread, started by the first {@link #format(MediaFormat)}; until then the
 * devices are held open but nothing is read or played. Calls from other threads only set state that the
 * loop reads at the next frame (formats, direction, mute, tones, DTMF requests), or swap the local audio
 * under {@link #localLock}, so no call blocks for longer than one device read.
 * <p>
 * The loop's sample rate (the devices' rate) is the first format's codec rate; a later format with
 * another rate is resampled, so devices are never reopened for a re-INVITE.
 */
public abstract class MediaPipeline implements MediaSession {

    private static final Logger LOG = System.getLogger(MediaPipeline.class.getName());
    /** Devices are opened at this rate until the first format says which rate the call runs at. */
    static final int PROVISIONAL_RATE = 8000;
    private static final long QUALITY_REPORT_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final Duration INBAND_DTMF_PAUSE = Duration.ofMillis(60);
    private static final int TELEPHONE_EVENT_VOLUME = 10;
    private static final int NOISE_REFRESH_MILLIS = 1000;
    private static final int NOISE_LEVEL_STEP_DB = 3;

    protected final MediaSessionListener listener;
    protected final MediaSessionOptions options;
    private final AudioDevices devices;
    private final JitterBufferFactory jitterBuffers;
    private final TonePlan tonePlan;

    private final Object localLock = new Object();
    private LocalAudio local;
    /** Whether {@link #local} is a conference port rather than this session's own devices. */
    private boolean bridged;
    /** The conference this call is a member of, told when the call closes without leaving it first. */
    private MixingBridge bridge;
    private volatile AudioEndpoints endpoints;
    private int loopRate = PROVISIONAL_RATE;

    protected volatile ActiveFormat active;
    private volatile MediaDirection direction = MediaDirection.SENDRECV;
    private volatile boolean muted;
    private volatile Tone requestedTone;
    private final ConcurrentLinkedQueue<DtmfRequest> dtmfRequests = new ConcurrentLinkedQueue<>();

    private final Object recorderLock = new Object();
    private WavRecorder recorder;

    private final RmsLevel microphoneLevel = new RmsLevel();
    private final RmsLevel speakerLevel = new RmsLevel();

    private volatile Thread thread;
    private volatile boolean closed;
    /** The scheduled play time of the frame being pulled; the media thread's. */
    private long playoutNanos;
    private final PlayoutClock playoutClock = new PlayoutClock();
    /** The scheduled play time of the next frame to pull, for stamping arrivals; written by the media thread. */
    private volatile long nextPullNanos = Long.MAX_VALUE;

    // owned by the media thread
    private ActiveFormat looping;
    private short[] microphone = new short[0];
    private short[] speaker = new short[0];
    private short[] peer = new short[0];
    private long mediaClock;
    private long mediaMillisNanos;
    private boolean wasSending;
    private final VoiceActivity voiceActivity = new VoiceActivity();
    /** Media time of the last RFC 3389 packet sent and the level it gave; the media thread's. */
    private long lastNoiseTimestamp;
    private int lastNoiseLevel = -1;
    private ToneSource localTone;
    private short[] inbandDtmf;
    private int inbandPosition;
    private List<TelephoneEventPacket> eventPackets;
    private int eventIndex;
    private long eventStart;
    private DtmfToneDetector detector;
    private long lastQualityReport = System.nanoTime();

    private record DtmfRequest(DtmfEvent event, Duration duration) {
    }

    protected MediaPipeline(AudioDevices devices, JitterBufferFactory jitterBuffers, TonePlan tonePlan,
            MediaSessionOptions options, MediaSessionListener listener) throws AudioDeviceException {
        this.devices = devices;
        this.jitterBuffers = jitterBuffers;
        this.tonePlan = tonePlan;
        this.options = options;
        this.listener = Objects.requireNonNull(listener, "listener");
        this.endpoints = options.endpoints();
        this.local = openDevices(options.endpoints(), PROVISIONAL_RATE);
    }

    private DeviceAudio openDevices(AudioEndpoints devicesToOpen, int rate) throws AudioDeviceException {
        return DeviceAudio.open(devices, devicesToOpen, rate, rate / 50, this::deviceFailed);
    }

    private void deviceFailed(String deviceId, String reason) {
        LOG.log(Level.WARNING, "audio device " + deviceId + " failed, going on with silence: " + reason);
        notifyListener(() -> listener.deviceFailed(deviceId, reason));
    }

    /** Calls the listener, which must not break the media loop whatever it does. */
    protected final void notifyListener(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "media session listener failed", e);
        }
    }

    // ---- the MediaSession API ----

    @Override
    public void format(MediaFormat format) {
        Objects.requireNonNull(format, "format");
        synchronized (localLock) {
            if (closed) {
                throw new IllegalStateException("media session closed");
            }
            ActiveFormat previous = active;
            if (thread == null) {
                startLoopAt(format.codec().info().sampleRate());
            }
            ActiveFormat next;
            if (previous != null && previous.sameCodec(format)) {
                next = new ActiveFormat(format, previous.encoder, previous.jitter, loopRate);
            } else {
                var codec = format.codec();
                next = new ActiveFormat(format, codec.newEncoder(format.peerFmtp()),
                        ActiveFormat.jitterBuffer(codec, jitterBuffers, this::jitterClock), loopRate);
            }
            active = next;
            formatChanged(previous, next);
            if (thread == null) {
                thread = Thread.ofPlatform().name("media " + options.cname()).daemon().unstarted(this::loop);
                thread.setPriority(Thread.MAX_PRIORITY);
                thread.start();
            }
        }
    }

    /**
     * The jitter buffer's clock: arrivals (on the transport's thread) are stamped with the real time,
     * pulls (on the media thread) with the frame's scheduled play time ({@link PlayoutClock}). Stamped
     * with the real time, every late wake-up of the media thread on a loaded machine would look to the
     * jitter buffer like playout falling behind, and it would stretch and shrink the audio to follow
     * what is only a scheduling delay.
     */
    private long jitterClock() {
        if (Thread.currentThread() == thread) {
            return playoutNanos;
        }
        // A packet read while the media loop is behind its schedule is in time for the frame the loop pulls
        // next, however late the receiving thread got to it: when the whole process stalls (a garbage-collection
        // pause, a starved machine) both threads resume late, and the stall is not network jitter to wait for.
        return Math.min(System.nanoTime(), nextPullNanos);
    }

    /** Reopens the devices at the first format's rate; nothing has been read from them yet, so nothing is lost. */
    private void startLoopAt(int rate) {
        loopRate = rate;
        if (bridged || rate == PROVISIONAL_RATE) {
            return;
        }
        local.close();
        try {
            local = openDevices(endpoints, rate);
        } catch (AudioDeviceException e) {
            local = new Silence();
            deviceFailed(DeviceAudio.idOrDefault(endpoints.captureDevice()), e.getMessage());
        }
    }

    /** The transport learns of a new format (payload types, clock). Called under the format lock. */
    protected void formatChanged(ActiveFormat previous, ActiveFormat next) {
    }

    @Override
    public Optional<MediaFormat> format() {
        ActiveFormat current = active;
        return current == null ? Optional.empty() : Optional.of(current.format);
    }

    @Override
    public void direction(MediaDirection newDirection) {
        direction = Objects.requireNonNull(newDirection, "direction");
    }

    @Override
    public MediaDirection direction() {
        return direction;
    }

    @Override
    public void mute(boolean mute) {
        muted = mute;
    }

    @Override
    public boolean muted() {
        return muted;
    }

    @Override
    public void sendDtmf(DtmfEvent event, Duration duration) {
        Objects.requireNonNull(event, "event");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("a key lasts some time: " + duration);
        }
        dtmfRequests.add(new DtmfRequest(event, duration));
    }

    @Override
    public void endpoints(AudioEndpoints newEndpoints) throws AudioDeviceException {
        Objects.requireNonNull(newEndpoints, "endpoints");
        LocalAudio old;
        synchronized (localLock) {
            if (closed) {
                throw new IllegalStateException("media session closed");
            }
            if (bridged) {
                // the conference has the user's audio; these devices are used once the call leaves it
                endpoints = newEndpoints;
                return;
            }
            DeviceAudio opened = openDevices(newEndpoints, loopRate);
            old = local;
            local = opened;
            endpoints = newEndpoints;
        }
        old.close();
    }

    @Override
    public AudioEndpoints endpoints() {
        return endpoints;
    }

    @Override
    public AudioLevels levels() {
        return new AudioLevels(microphoneLevel.recentDbfs(), speakerLevel.recentDbfs());
    }

    @Override
    public void startRecording(Path wav, RecordingMode mode) throws IOException {
        WavRecorder next = new WavRecorder(wav, mode, loopRate, loopRate / 10);
        WavRecorder previous;
        synchronized (recorderLock) {
            previous = recorder;
            recorder = next;
        }
        if (previous != null) {
            previous.close();
        }
    }

    @Override
    public void stopRecording() {
        WavRecorder previous;
        synchronized (recorderLock) {
            previous = recorder;
            recorder = null;
        }
        if (previous != null) {
            previous.close();
        }
    }

    @Override
    public boolean recording() {
        synchronized (recorderLock) {
            return recorder != null;
        }
    }

    @Override
    public void playLocalTone(Tone tone) {
        requestedTone = Objects.requireNonNull(tone, "tone");
    }

    @Override
    public void close() {
        Thread running;
        MixingBridge memberOf;
        synchronized (localLock) {
            if (closed) {
                return;
            }
            closed = true;
            running = thread;
            memberOf = bridge;
            bridge = null;
        }
        if (memberOf != null) {
            // a leg that hangs up while in a conference must not stay listed (and mixed) there
            memberOf.memberClosed(this);
        }
        if (running != null && running != Thread.currentThread()) { // a listener may hang up from the media thread
            // wake the loop from its wait for the next frame: the closer (often the SIP stack's thread, ending the
            // call) would otherwise wait up to a frame period for it, per call
            LockSupport.unpark(running);
            try {
                running.join(TimeUnit.SECONDS.toMillis(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stopRecording();
        synchronized (localLock) {
            local.close();
            local = new Silence();
        }
        closeTransport();
    }

    /** Releases the transport (sockets); called once, after the loop has stopped. */
    protected abstract void closeTransport();

    // ---- conference bridges ----

    /**
     * Hands the user's side of this call to a conference port; the session's own devices are closed.
     *
     * @throws IllegalStateException if the session is closed
     */
    void joinBridge(MixingBridge joined, LocalAudio port) {
        LocalAudio old;
        synchronized (localLock) {
            if (closed) {
                throw new IllegalStateException("media session closed");
            }
            old = local;
            local = port;
            bridged = true;
            bridge = joined;
        }
        old.close();
    }

    /** Gives the call its own devices back; a device that cannot be opened is reported and replaced by silence. */
    void leaveBridge() {
        LocalAudio port;
        synchronized (localLock) {
            if (!bridged) {
                return;
            }
            port = local;
            bridged = false;
            bridge = null;
            try {
                local = openDevices(endpoints, loopRate);
            } catch (AudioDeviceException e) {
                local = new Silence();
                deviceFailed(DeviceAudio.idOrDefault(endpoints.captureDevice()), e.getMessage());
            }
        }
        port.close();
    }

    /** The rate the loop (and a conference port on it) runs at. */
    int loopRate() {
        synchronized (localLock) {
            return loopRate;
        }
    }

    // ---- the transport's part ----

    /** Whether this transport sends DTMF as RFC 4733 events with the current format. */
    protected abstract boolean sendsTelephoneEvents(ActiveFormat format);

    /**
     * Sends one encoded packet.
     *
     * @param clockTimestamp the packet's media time in RTP clock ticks since the loop started
     * @param millis         the same in ms
     */
    protected abstract void sendAudio(ActiveFormat format, byte[] payload, int length, long clockTimestamp,
            long millis, boolean talkSpurtStart);

    /** Sends one RFC 4733 packet; its timestamp is the event's start in ticks since the loop started. */
    protected void sendTelephoneEvent(ActiveFormat format, TelephoneEventPacket packet, long clockTimestamp) {
        throw new UnsupportedOperationException("this transport has no telephone events");
    }

    /** Whether this transport sends RFC 3389 comfort noise in pauses with the current format. */
    protected boolean sendsComfortNoise(ActiveFormat format) {
        return false;
    }

    /** Sends one RFC 3389 packet (the noise level only); its timestamp is in ticks since the loop started. */
    protected void sendComfortNoise(ActiveFormat format, int levelMinusDbov, long clockTimestamp) {
        throw new UnsupportedOperationException("this transport has no comfort-noise packets");
    }

    /** Once a frame on the media thread, for transport checks such as inactivity. */
    protected void frameDone(long nowNanos) {
    }

    /** A key found in-band or by the transport; reported to the listener. */
    protected final void dtmfReceived(DtmfEvent event) {
        notifyListener(() -> listener.dtmfReceived(event));
    }

    // ---- the loop ----

    private void loop() {
        FramePacer pacer = new FramePacer(active.packetNanos);
        BooleanSupplier closing = () -> closed;
        while (!closed) {
            try {
                boolean paced = frame();
                if (paced) {
                    pacer.restart();
                } else {
                    pacer.period(looping.packetNanos);
                    pacer.awaitNextFrame(closing);
                }
            } catch (RuntimeException e) {
                // a session never dies of a bad frame; the next one starts clean
                LOG.log(Level.ERROR, "media loop of " + options.cname() + " failed on a frame", e);
                pacer.restart();
                pacer.awaitNextFrame();
            }
        }
    }

    /** One packet period; returns whether the device paced it. */
    private boolean frame() {
        ActiveFormat format = active;
        if (format != looping) {
            switchFormat(format);
        }
        int samples = format.loopSamples;
        boolean paced;
        synchronized (localLock) {
            paced = local.paced();
            local.read(microphone, 0, samples);
        }
        if (muted) {
            Arrays.fill(microphone, 0, samples, (short) 0);
        }
        startDtmfIfDue(format);
        if (inbandDtmf != null) {
            int count = Math.min(samples, inbandDtmf.length - inbandPosition);
            System.arraycopy(inbandDtmf, inbandPosition, microphone, 0, count);
            Arrays.fill(microphone, count, samples, (short) 0);
            inbandPosition += count;
            if (inbandPosition >= inbandDtmf.length) {
                inbandDtmf = null;
            }
        }
        microphoneLevel.add(microphone, 0, samples);
        MediaDirection now = direction;
        send(format, now.sends());

        playoutNanos = playoutClock.nextFrame(format.packetNanos, System.nanoTime());
        format.pull(peer);
        nextPullNanos = playoutNanos + format.packetNanos;
        if (!now.receives()) {
            Arrays.fill(peer, 0, samples, (short) 0);
        } else if (!format.format.hasTelephoneEvents() && detector != null) {
            for (DtmfDigit digit : detector.process(peer, 0, samples)) {
                dtmfReceived(digit.event());
            }
        }
        synchronized (recorderLock) {
            if (recorder != null && !recorder.write(microphone, peer, samples)) {
                LOG.log(Level.WARNING, "call recording stopped: the file cannot be written");
                recorder.close();
                recorder = null;
            }
        }
        System.arraycopy(peer, 0, speaker, 0, samples);
        mixLocalTone(samples);
        speakerLevel.add(speaker, 0, samples);
        synchronized (localLock) {
            local.write(speaker, 0, samples);
        }
        mediaClock += format.clockTicks;
        mediaMillisNanos += format.packetNanos;
        long nanos = System.nanoTime();
        frameDone(nanos);
        if (nanos - lastQualityReport >= QUALITY_REPORT_NANOS) {
            lastQualityReport = nanos;
            MediaQuality quality = quality();
            notifyListener(() -> listener.qualityChanged(quality));
        }
        return paced;
    }

    private void switchFormat(ActiveFormat format) {
        if (looping != null && looping.info.clockRate() != format.info.clockRate()) {
            // timestamps go on from where they were, counted in the new clock
            mediaClock = mediaClock * format.info.clockRate() / looping.info.clockRate();
        }
        int samples = Math.max(format.loopSamples, microphone.length);
        if (microphone.length < samples) {
            microphone = new short[samples];
            speaker = new short[samples];
            peer = new short[samples];
        }
        if (detector == null) {
            detector = new DtmfToneDetector(loopRate);
        }
        // an RFC 4733 event in progress belongs to the old payload type; finish it in-band-free
        eventPackets = null;
        looping = format;
    }

    private void send(ActiveFormat format, boolean sending) {
        if (eventPackets != null) {
            sendDueEventPackets(format);
            wasSending = sending;
            return;
        }
        if (!sending) {
            wasSending = false;
            return;
        }
        if (sendsComfortNoise(format)
                && !voiceActivity.speech(microphone, format.loopSamples, format.format.packetMillis())) {
            sendNoiseLevel(format);
            wasSending = false; // the next audio packet starts a talk spurt
            return;
        }
        int length = format.encode(microphone);
        if (length > 0) {
            sendAudio(format, format.payload, length, mediaClock, mediaMillisNanos / 1_000_000, !wasSending);
            wasSending = true;
        } else if (format.pausedByCodec) {
            // DTX: the first packet after the pause starts a talk spurt (marker bit, RFC 3551 section 4.1)
            wasSending = false;
        }
    }

    /**
     * In a pause, RFC 3389 packets instead of audio: one when the pause starts, then again when the level
     * moved by {@value #NOISE_LEVEL_STEP_DB} dB or after {@value #NOISE_REFRESH_MILLIS} ms, which also
     * keeps the peer's inactivity timer from taking the pause for a dead call.
     */
    private void sendNoiseLevel(ActiveFormat format) {
        int level = voiceActivity.levelMinusDbov();
        long refreshTicks = (long) format.info.clockRate() * NOISE_REFRESH_MILLIS / 1000;
        if (wasSending || lastNoiseLevel < 0 || Math.abs(level - lastNoiseLevel) >= NOISE_LEVEL_STEP_DB
                || mediaClock - lastNoiseTimestamp >= refreshTicks) {
            sendComfortNoise(format, level, mediaClock);
            lastNoiseTimestamp = mediaClock;
            lastNoiseLevel = level;
        }
    }

    private void startDtmfIfDue(ActiveFormat format) {
        if (inbandDtmf != null || eventPackets != null) {
            return;
        }
        DtmfRequest request = dtmfRequests.poll();
        if (request == null) {
            return;
        }
        if (sendsTelephoneEvents(format)) {
            long ticks = Math.max(1, request.duration().toNanos() * format.info.clockRate() / 1_000_000_000L);
            eventPackets = TelephoneEventSender.packets(request.event(), 0, ticks, format.clockTicks,
                    TELEPHONE_EVENT_VOLUME);
            eventIndex = 0;
            eventStart = mediaClock;
        } else if (request.event().hasTone()) {
            DtmfToneGenerator generator = new DtmfToneGenerator(loopRate, -9, -7, request.duration(),
                    INBAND_DTMF_PAUSE);
            short[] tone = generator.tone(request.event());
            inbandDtmf = Arrays.copyOf(tone, tone.length + (int) (INBAND_DTMF_PAUSE.toMillis() * loopRate / 1000));
            inbandPosition = 0;
        } else {
            LOG.log(Level.INFO, "hook flash not sent: the peer has no RFC 4733 and a flash has no tone");
        }
    }

    private void sendDueEventPackets(ActiveFormat format) {
        long elapsed = mediaClock + format.clockTicks - eventStart;
        while (eventIndex < eventPackets.size()) {
            TelephoneEventPacket packet = eventPackets.get(eventIndex);
            long due = packet.timestamp() + packet.payload().duration();
            if (due > elapsed) {
                break;
            }
            sendTelephoneEvent(format, packet, eventStart + packet.timestamp());
            eventIndex++;
        }
        if (eventIndex == eventPackets.size()) {
            eventPackets = null;
        }
    }

    private void mixLocalTone(int samples) {
        Tone request = requestedTone;
        if (request != null) {
            requestedTone = null;
            localTone = new ToneSource(playedOnce(tonePlan.cadence(request)), loopRate);
        }
        if (localTone != null) {
            localTone.mixInto(speaker, 0, samples);
            if (localTone.finished()) {
                localTone = null;
            }
        }
    }

    /** In a call a tone plays one cycle of its cadence: a beep, not a ringback that never ends. */
    private static TonePlan.Cadence playedOnce(TonePlan.Cadence cadence) {
        return new TonePlan.Cadence(cadence.firstHz(), cadence.secondHz(), false, cadence.onOffMillis());
    }

    /** Quality rating from loss, jitter and round trip, by the thresholds ITU-T G.114 and G.107 make common. */
    protected static MediaQuality.Rating rate(long received, double fractionLost, double jitterMillis,
            double roundTripMillis) {
        if (received == 0) {
            return MediaQuality.Rating.UNKNOWN;
        }
        double rtt = Double.isNaN(roundTripMillis) ? 0 : roundTripMillis;
        if (fractionLost < 0.01 && jitterMillis < 20 && rtt < 300) {
            return MediaQuality.Rating.GOOD;
        }
        if (fractionLost < 0.05 && jitterMillis < 50 && rtt < 600) {
            return MediaQuality.Rating.FAIR;
        }
        return MediaQuality.Rating.POOR;
    }

    /** The local audio of a session whose devices could not be opened: silence, paced by the frame clock. */
    static final class Silence implements LocalAudio {
        @Override
        public boolean paced() {
            return false;
        }

        @Override
        public void read(short[] pcm, int offset, int count) {
            Arrays.fill(pcm, offset, offset + count, (short) 0);
        }

        @Override
        public void write(short[] pcm, int offset, int count) {
        }

        @Override
        public void close() {
        }
    }
}

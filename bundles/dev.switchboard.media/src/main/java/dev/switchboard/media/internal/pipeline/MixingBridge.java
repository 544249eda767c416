package dev.switchboard.media.internal.pipeline;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.switchboard.media.audio.AudioDeviceException;
import dev.switchboard.media.audio.AudioDevices;
import dev.switchboard.media.session.AudioEndpoints;
import dev.switchboard.media.session.ConferenceBridge;
import dev.switchboard.media.session.MediaSession;
import dev.switchboard.media.session.RecordingMode;

/**
 * One local conference. Its loop runs at {@value #MIX_RATE} Hz in 20 ms frames, paced by the user's
 * devices (or the frame clock for files): it reads the user's microphone and each member's peer audio
 * from its {@link BridgePort}, and gives everyone the mix of all others. Members at other rates are
 * resampled in their ports, so any codec can join; 16 kHz keeps wideband codecs wideband without
 * paying for 48 kHz mixing of what are mostly narrowband calls.
 */
final class MixingBridge implements ConferenceBridge {

    private static final Logger LOG = System.getLogger(MixingBridge.class.getName());
    static final int MIX_RATE = 16000;
    static final int FRAME = MIX_RATE / 50;

    private record Member(MediaPipeline session, BridgePort port) {
    }

    private final DeviceAudio local;
    private final Object lock = new Object();
    private volatile Member[] members = new Member[0];
    private final Object recorderLock = new Object();
    private WavRecorder recorder;
    private final Thread thread;
    private volatile boolean closed;

    MixingBridge(AudioDevices devices, AudioEndpoints endpoints) throws AudioDeviceException {
        this.local = DeviceAudio.open(devices, endpoints, MIX_RATE, FRAME, (device, reason) -> LOG.log(Level.WARNING,
                "conference device " + device + " failed, going on with silence: " + reason));
        this.thread = Thread.ofPlatform().name("conference").daemon().unstarted(this::loop);
        thread.setPriority(Thread.MAX_PRIORITY);
        thread.start();
    }

    @Override
    public void add(MediaSession session) {
        if (!(session instanceof MediaPipeline pipeline)) {
            throw new IllegalArgumentException("not a session of this media engine: " + session);
        }
        if (session.format().isEmpty()) {
            throw new IllegalStateException("a call joins a conference once its format is set");
        }
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("conference closed");
            }
            for (Member member : members) {
                if (member.session() == session) {
                    return;
                }
            }
            BridgePort port = new BridgePort(pipeline.loopRate(), MIX_RATE, FRAME);
            pipeline.joinBridge(this, port);
            Member[] grown = Arrays.copyOf(members, members.length + 1);
            grown[members.length] = new Member(pipeline, port);
            members = grown;
        }
    }

    @Override
    public void remove(MediaSession session) {
        Member removed = withoutMember(session);
        if (removed != null) {
            removed.session().leaveBridge();
        }
    }

    /** A member session closed while in the conference: dropped from it, no devices to give back. */
    void memberClosed(MediaPipeline session) {
        withoutMember(session);
    }

    /** Takes a session out of the member list; returns its entry, or null if it was not a member. */
    private Member withoutMember(MediaSession session) {
        Member removed = null;
        synchronized (lock) {
            List<Member> kept = new ArrayList<>();
            for (Member member : members) {
                if (member.session() == session) {
                    removed = member;
                } else {
                    kept.add(member);
                }
            }
            members = kept.toArray(Member[]::new);
        }
        return removed;
    }

    @Override
    public List<MediaSession> members() {
        return Arrays.stream(members).map(member -> (MediaSession) member.session()).toList();
    }

    @Override
    public void startRecording(Path wav) throws IOException {
        WavRecorder next = new WavRecorder(wav, RecordingMode.MIXED, MIX_RATE, FRAME);
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
    public void close() {
        Member[] leaving;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            leaving = members;
            members = new Member[0];
        }
        for (Member member : leaving) {
            member.session().leaveBridge();
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopRecording();
        local.close();
    }

    private void loop() {
        FramePacer pacer = new FramePacer(20_000_000L);
        short[][] inputs = new short[1][FRAME];
        short[][] outputs = new short[1][FRAME];
        int[] total = new int[FRAME];
        short[] everyone = new short[FRAME];
        while (!closed) {
            Member[] now = members;
            int participants = now.length + 1;
            if (inputs.length < participants) {
                inputs = grow(inputs, participants);
                outputs = grow(outputs, participants);
            }
            local.read(inputs[0], 0, FRAME);
            for (int i = 0; i < now.length; i++) {
                now[i].port().takeFromMember(inputs[i + 1]);
            }
            MixMinus.mix(inputs, outputs, participants, FRAME, total, everyone);
            local.write(outputs[0], 0, FRAME);
            for (int i = 0; i < now.length; i++) {
                now[i].port().giveToMember(outputs[i + 1]);
            }
            synchronized (recorderLock) {
                if (recorder != null && !recorder.writeMono(everyone, FRAME)) {
                    recorder.close();
                    recorder = null;
                }
            }
            if (local.paced()) {
                pacer.restart();
            } else {
                pacer.awaitNextFrame();
            }
        }
    }

    private static short[][] grow(short[][] frames, int participants) {
        short[][] grown = Arrays.copyOf(frames, participants);
        for (int i = frames.length; i < participants; i++) {
            grown[i] = new short[FRAME];
        }
        return grown;
    }
}

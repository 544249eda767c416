package dev.switchboard.protocol.sip.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.switchboard.media.session.ConferenceBridge;
import dev.switchboard.media.session.MediaSession;

/**
 * A 3-way (or larger) call mixed on this machine: the media engine's bridge plus the SIP calls whose media are in
 * it. Calls join by {@code Conference.merge} and leave by {@code split} or by ending; when fewer than two remain the
 * bridge is closed and the last call gets its own devices back. Calls of several accounts (worker threads) may share
 * one conference, so every method is synchronized.
 */
final class LocalConference {

    private final ConferenceBridge bridge;
    private final List<MediaSession> members = new ArrayList<>();

    LocalConference(ConferenceBridge bridge) {
        this.bridge = bridge;
    }

    synchronized void add(MediaSession media) {
        if (!members.contains(media)) {
            bridge.add(media);
            members.add(media);
        }
    }

    /**
     * Takes a call's media out; with one member left the conference ends.
     *
     * @return whether the conference has ended (the remaining call has its devices back)
     */
    synchronized boolean remove(MediaSession media) {
        if (members.remove(media)) {
            bridge.remove(media);
        }
        if (members.size() < 2) {
            bridge.close();
            members.clear();
            return true;
        }
        return false;
    }

    synchronized boolean contains(MediaSession media) {
        return members.contains(media);
    }

    synchronized void startRecording(Path wav) throws IOException {
        bridge.startRecording(wav);
    }

    synchronized void stopRecording() {
        bridge.stopRecording();
    }
}

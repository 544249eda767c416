package dev.switchboard.ui.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.switchboard.core.call.CallState;
import dev.switchboard.media.audio.AudioDeviceException;
import dev.switchboard.media.session.Tone;
import dev.switchboard.media.session.ToneHandle;
import dev.switchboard.media.session.TonePlayer;

class RingerTest {

    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");

    /** Records what was played where and when it stopped. */
    private static final class Player implements TonePlayer {
        final List<String> done = new ArrayList<>();
        boolean missingDevice;

        @Override
        public ToneHandle play(Tone tone, String playbackDevice) throws AudioDeviceException {
            if (missingDevice) {
                throw new AudioDeviceException("no such device: " + playbackDevice);
            }
            done.add("play " + tone.kind() + " on " + playbackDevice);
            return () -> done.add("stop");
        }
    }

    /** A feed whose board the test sets; watchers are told at once. */
    private static final class Feed implements CallFeed {
        final List<Runnable> watchers = new ArrayList<>();
        CallBoard board = new CallBoard(true, List.of());

        void set(CallBoard next) {
            board = next;
            watchers.forEach(Runnable::run);
        }

        @Override
        public CallBoard current() {
            return board;
        }

        @Override
        public void refresh(String callId) {
        }

        @Override
        public void addWatcher(Runnable watcher) {
            watchers.add(watcher);
        }

        @Override
        public void removeWatcher(Runnable watcher) {
            watchers.remove(watcher);
        }
    }

    private static CallBoard with(CallState state) {
        return new CallBoard(true, List.of(CallView.of(new FakeCall("c1", "alice", state, T0))));
    }

    @Test
    void theRingtonePlaysOnTheChosenDeviceWhileACallRingsAndStopsOnce() {
        Player player = new Player();
        Feed feed = new Feed();
        Ringer ringer = new Ringer(Runnable::run, () -> "pulse:ringer", null);
        ringer.usePlayer(player);
        ringer.useFeed(feed);
        feed.set(with(CallState.RINGING_IN));
        feed.set(with(CallState.RINGING_IN));
        feed.set(with(CallState.CONNECTED));
        feed.set(new CallBoard(true, List.of()));
        assertEquals(List.of("play RINGING on pulse:ringer", "stop"), player.done);
    }

    @Test
    void theDefaultDeviceIsAskedForWithNullAndAMissingDeviceIsNoCrash() {
        Player player = new Player();
        Feed feed = new Feed();
        Ringer ringer = new Ringer(Runnable::run, () -> "", null);
        ringer.usePlayer(player);
        ringer.useFeed(feed);
        feed.set(with(CallState.RINGING_IN));
        assertEquals(List.of("play RINGING on null"), player.done);
        feed.set(new CallBoard(true, List.of()));

        player.missingDevice = true;
        feed.set(with(CallState.RINGING_IN));
        feed.set(new CallBoard(true, List.of()));
        assertEquals(List.of("play RINGING on null", "stop"), player.done);
    }

    @Test
    void closingTheWindowStopsARingingTone() {
        Player player = new Player();
        Feed feed = new Feed();
        Ringer ringer = new Ringer(Runnable::run, () -> "", null);
        ringer.usePlayer(player);
        ringer.useFeed(feed);
        feed.set(with(CallState.RINGING_IN));
        ringer.dispose();
        assertEquals(List.of("play RINGING on null", "stop"), player.done);
    }
}

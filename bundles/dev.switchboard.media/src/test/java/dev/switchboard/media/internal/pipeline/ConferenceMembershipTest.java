package dev.switchboard.media.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.switchboard.media.audio.AudioDeviceException;
import dev.switchboard.media.internal.jitter.DefaultJitterBufferFactory;
import dev.switchboard.media.session.AudioEndpoints;
import dev.switchboard.media.session.MediaFormat;
import dev.switchboard.media.session.MediaSession;
import dev.switchboard.media.session.MediaSessionListener;
import dev.switchboard.media.session.MediaSessionOptions;

/** Conference membership when member calls end on their own, on fake devices. */
class ConferenceMembershipTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final FakeDevices devices = new FakeDevices();

    private FramedCallSession member(String name) throws AudioDeviceException {
        MediaSessionOptions options = MediaSessionOptions.of(InetAddress.getLoopbackAddress(), name + "@127.0.0.1",
                new AudioEndpoints("silence:", "out:" + name)).withInactivityTimeout(Duration.ZERO);
        FramedCallSession session = new FramedCallSession(devices, new DefaultJitterBufferFactory(), TonePlan.CEPT,
                options, (payload, offset, length, timestamp, start) -> {
                }, new MediaSessionListener() {
                });
        session.format(new MediaFormat(new LinearCodec(8000), 96, 20, -1));
        return session;
    }

    @Test
    void aMemberWhoseCallClosesLeavesTheConferenceAndTheOthersGoOn() throws Exception {
        try (MixingBridge bridge = new MixingBridge(devices, new AudioEndpoints("tone:1000", "out:user"));
                FramedCallSession alice = member("alice"); FramedCallSession bob = member("bob")) {
            bridge.add(alice);
            bridge.add(bob);
            assertEquals(List.<MediaSession>of(alice, bob), bridge.members());

            alice.close(); // the far end hung up; nobody called bridge.remove
            assertEquals(List.<MediaSession>of(bob), bridge.members());

            // the conference goes on for those still in it: the user's tone reaches bob's call
            int played = devices.output("user").snapshot().length;
            devices.awaitPlayed("user", played + 8000, TIMEOUT);
            bridge.remove(alice); // late remove of the closed member: nothing to do, no failure
            assertEquals(List.<MediaSession>of(bob), bridge.members());
            assertThrows(IllegalStateException.class, () -> bridge.add(alice), "a closed call cannot join");
            assertEquals(List.<MediaSession>of(bob), bridge.members());

            bridge.remove(bob);
            assertTrue(bridge.members().isEmpty());
            // bob has his own devices again: his loop plays into out:bob
            int bobPlayed = devices.output("bob").snapshot().length;
            devices.awaitPlayed("bob", bobPlayed + 1600, TIMEOUT);
        }
    }

    @Test
    void closingTheConferenceAfterAMemberClosedDoesNotTouchThatMember() throws Exception {
        FramedCallSession carol = member("carol");
        MixingBridge bridge = new MixingBridge(devices, new AudioEndpoints("silence:", "out:user"));
        bridge.add(carol);
        carol.close();
        int carolPlayed = devices.output("carol").snapshot().length;
        bridge.close();
        assertTrue(bridge.members().isEmpty());
        // a closed call never gets devices back (leaveBridge would reopen them)
        assertEquals(carolPlayed, devices.output("carol").snapshot().length);
    }
}

package dev.switchboard.protocol.h323.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.RegistrationState;
import dev.switchboard.core.call.CallState;
import dev.switchboard.core.call.EndReason;
import dev.switchboard.core.call.capability.Dtmf;
import dev.switchboard.core.call.capability.Hold;
import dev.switchboard.core.spi.CallLeg;
import dev.switchboard.protocol.h323.internal.cs.CallSignalling;
import dev.switchboard.protocol.h323.internal.cs.Q931Message;
import dev.switchboard.protocol.h323.internal.cs.Tpkt;
import dev.switchboard.protocol.h323.internal.h245.AudioCapability;
import dev.switchboard.protocol.h323.internal.ras.AliasAddress;
import dev.switchboard.protocol.h323.internal.ras.PasswordHashToken;

/**
 * Two of our H.323 sessions calling each other directly over loopback (no gatekeeper), with media
 * that records what the call negotiated: fastStart with tunnelled H.245, slow start over a separate
 * H.245 connection, DTMF both ways as userInputIndication, and how calls end.
 */
class H323CallTest {
    private H323Session alice;
    private H323Session bob;
    private H323Session carol;

    @AfterEach
    void close() {
        if (alice != null) {
            alice.close();
        }
        if (bob != null) {
            bob.close();
        }
        if (carol != null) {
            carol.close();
        }
    }

    private static H323Session session(String alias, Events.Session events, RecordingMedia.Factory media,
            String... settings) throws Exception {
        Map<String, String> map = new HashMap<>(Map.of("alias", alias, "port", "0"));
        for (int i = 0; i < settings.length; i += 2) {
            map.put(settings[i], settings[i + 1]);
        }
        return new H323Session(new Account(alias, "h323", map), new char[0], events, media);
    }

    private String bobAddress() {
        return "bob@127.0.0.1:" + bob.localAddress().getPort();
    }

    @Test
    void directAccountsRegisterAtOnceAndUnregister() throws Exception {
        Events.Session events = new Events.Session();
        alice = session("alice", events, new RecordingMedia.Factory(AudioCapability.PCMU));
        alice.register();
        assertEquals(RegistrationState.REGISTERING, events.nextState());
        assertEquals(RegistrationState.REGISTERED, events.nextState());
        alice.register(); // again, as the core does when asked to register a registered account
        assertEquals(RegistrationState.REGISTERING, events.nextState());
        assertEquals(RegistrationState.REGISTERED, events.nextState());
        alice.unregister();
        assertEquals(RegistrationState.UNREGISTERED, events.nextState());
    }

    @Test
    void fastStartCallWithTunnelledH245CarriesAudioAddressesAndDtmf() throws Exception {
        Events.Session bobEvents = new Events.Session();
        RecordingMedia.Factory aliceMedia = new RecordingMedia.Factory(AudioCapability.G722, AudioCapability.PCMU);
        RecordingMedia.Factory bobMedia = new RecordingMedia.Factory(AudioCapability.PCMA, AudioCapability.PCMU);
        // alice lists no RFC 2833 telephone events, so DTMF goes as H.245 user input both ways
        alice = session("alice", new Events.Session(), aliceMedia, "e164", "2001", Account.DISPLAY_NAME, "Alice A",
                "dtmf", "h245");
        bob = session("bob", bobEvents, bobMedia);
        Events.Call aliceCall = new Events.Call();
        CallLeg outgoing = alice.dial(bobAddress(), aliceCall);
        CallLeg incoming = bobEvents.nextCall();
        assertEquals("alice", Events.poll(bobEvents.callers, "caller").address());
        assertEquals(CallState.RINGING_OUT, aliceCall.until(CallState.RINGING_OUT).getLast());
        incoming.answer();
        assertEquals(List.of("codec PCMU/8000", CallState.CONNECTED), aliceCall.until(CallState.CONNECTED),
                "the one codec both have, known when connected");

        RecordingMedia aliceAudio = Events.poll(aliceMedia.opened, "alice's media");
        RecordingMedia bobAudio = Events.poll(bobMedia.opened, "bob's media");
        RecordingMedia.Started aliceStarted = Events.poll(aliceAudio.started, "alice's audio start");
        RecordingMedia.Started bobStarted = Events.poll(bobAudio.started, "bob's audio start");
        assertEquals(new RecordingMedia.Started(AudioCapability.PCMU, bobAudio.localRtp(), bobAudio.localRtcp()), aliceStarted);
        assertEquals(new RecordingMedia.Started(AudioCapability.PCMU, aliceAudio.localRtp(), aliceAudio.localRtcp()), bobStarted);

        outgoing.capability(Dtmf.class).orElseThrow().send("12#");
        assertEquals('1', Events.poll(bobEvents.incomingEvents.digits, "digit 1"));
        assertEquals('2', Events.poll(bobEvents.incomingEvents.digits, "digit 2"));
        assertEquals('#', Events.poll(bobEvents.incomingEvents.digits, "digit #"));
        incoming.capability(Dtmf.class).orElseThrow().send("9");
        assertEquals('9', Events.poll(aliceCall.digits, "digit 9"));

        outgoing.hangup();
        assertEquals(EndReason.Kind.LOCAL_HANGUP, aliceCall.ended().kind());
        assertEquals(EndReason.Kind.REMOTE_HANGUP, bobEvents.incomingEvents.ended().kind());
        assertTrue(aliceAudio.closed && bobAudio.closed, "media closed at the end");
    }

    @Test
    void slowStartOverSeparateH245Connection() throws Exception {
        Events.Session bobEvents = new Events.Session();
        RecordingMedia.Factory aliceMedia = new RecordingMedia.Factory(AudioCapability.PCMA, AudioCapability.PCMU);
        RecordingMedia.Factory bobMedia = new RecordingMedia.Factory(AudioCapability.PCMU, AudioCapability.PCMA);
        alice = session("alice", new Events.Session(), aliceMedia, "faststart", "no", "tunnelling", "no", "dtmf", "h245");
        bob = session("bob", bobEvents, bobMedia, "tunnelling", "no");
        Events.Call aliceCall = new Events.Call();
        CallLeg outgoing = alice.dial(bobAddress(), aliceCall);
        CallLeg incoming = bobEvents.nextCall();
        incoming.answer();
        assertEquals(CallState.CONNECTED, aliceCall.until(CallState.CONNECTED).getLast());
        RecordingMedia aliceAudio = Events.poll(aliceMedia.opened, "alice's media");
        RecordingMedia bobAudio = Events.poll(bobMedia.opened, "bob's media");
        // each opens its channel in the first codec the other lists as receivable
        RecordingMedia.Started aliceStarted = Events.poll(aliceAudio.started, "alice's audio start");
        assertEquals(AudioCapability.PCMU, aliceStarted.codec());
        assertEquals(bobAudio.localRtp(), aliceStarted.rtp());
        RecordingMedia.Started bobStarted = Events.poll(bobAudio.started, "bob's audio start");
        assertEquals(aliceAudio.localRtp(), bobStarted.rtp());

        outgoing.capability(Dtmf.class).orElseThrow().send("5");
        assertEquals('5', Events.poll(bobEvents.incomingEvents.digits, "digit 5"));

        // hold over the separate H.245 connection: bob's channel closes, and opens again on resume
        outgoing.capability(Hold.class).orElseThrow().hold();
        aliceCall.until(CallState.ON_HOLD);
        bobEvents.incomingEvents.until(CallState.REMOTE_HOLD);
        outgoing.capability(Hold.class).orElseThrow().resume();
        aliceCall.until(CallState.CONNECTED);
        bobEvents.incomingEvents.until(CallState.CONNECTED);
        assertEquals(aliceAudio.localRtp(), Events.poll(bobAudio.started, "bob's audio after resume").rtp());
        incoming.hangup();
        assertEquals(EndReason.Kind.REMOTE_HANGUP, aliceCall.ended().kind());
    }

    @Test
    void dtmfGoesInTheMediaWhenBothListTelephoneEvents() throws Exception {
        Events.Session bobEvents = new Events.Session();
        RecordingMedia.Factory aliceMedia = new RecordingMedia.Factory(AudioCapability.PCMU);
        RecordingMedia.Factory bobMedia = new RecordingMedia.Factory(AudioCapability.PCMU);
        alice = session("alice", new Events.Session(), aliceMedia);
        bob = session("bob", bobEvents, bobMedia);
        Events.Call aliceCall = new Events.Call();
        CallLeg outgoing = alice.dial(bobAddress(), aliceCall);
        CallLeg incoming = bobEvents.nextCall();
        incoming.answer();
        aliceCall.until(CallState.CONNECTED);
        RecordingMedia aliceAudio = Events.poll(aliceMedia.opened, "alice's media");
        RecordingMedia bobAudio = Events.poll(bobMedia.opened, "bob's media");
        // each media takes events on 101 from its start, then hears the peer's capability set name its type
        for (RecordingMedia audio : List.of(aliceAudio, bobAudio)) {
            assertEquals(H323Call.TELEPHONE_EVENT_PAYLOAD_TYPE, Events.poll(audio.telephoneEvents, "RFC 2833 type at open"));
            assertEquals(H323Call.TELEPHONE_EVENT_PAYLOAD_TYPE, Events.poll(audio.telephoneEvents, "negotiated RFC 2833 type"));
        }

        outgoing.capability(Dtmf.class).orElseThrow().send("3*");
        assertEquals('3', Events.poll(aliceAudio.digitsSent, "3 in alice's media"));
        assertEquals('*', Events.poll(aliceAudio.digitsSent, "* in alice's media"));
        bobAudio.digitsReceived.accept('d');
        assertEquals('D', Events.poll(bobEvents.incomingEvents.digits, "D from bob's media"));
        assertTrue(bobEvents.incomingEvents.digits.isEmpty(), "no user input indication besides the media: "
                + bobEvents.incomingEvents.digits);
        outgoing.hangup();
        assertEquals(EndReason.Kind.REMOTE_HANGUP, bobEvents.incomingEvents.ended().kind());
    }

    @Test
    void holdByEmptyCapabilitySetBothWays() throws Exception {
        Events.Session bobEvents = new Events.Session();
        RecordingMedia.Factory aliceMedia = new RecordingMedia.Factory(AudioCapability.PCMU);
        RecordingMedia.Factory bobMedia = new RecordingMedia.Factory(AudioCapability.PCMU);
        alice = session("alice", new Events.Session(), aliceMedia);
        bob = session("bob", bobEvents, bobMedia);
        Events.Call aliceCall = new Events.Call();
        Events.Call bobCall = bobEvents.incomingEvents;
        CallLeg outgoing = alice.dial(bobAddress(), aliceCall);
        CallLeg incoming = bobEvents.nextCall();
        incoming.answer();
        aliceCall.until(CallState.CONNECTED);
        RecordingMedia aliceAudio = Events.poll(aliceMedia.opened, "alice's media");
        RecordingMedia bobAudio = Events.poll(bobMedia.opened, "bob's media");
        Events.poll(aliceAudio.started, "alice's audio start");
        Events.poll(bobAudio.started, "bob's audio start");

        outgoing.capability(Hold.class).orElseThrow().hold();
        aliceCall.until(CallState.ON_HOLD);
        bobCall.until(CallState.REMOTE_HOLD);
        assertEquals("inactive", Events.poll(aliceAudio.directions, "alice's direction on hold"));
        assertEquals("recv", Events.poll(bobAudio.directions, "bob's direction when held"));
        outgoing.capability(Hold.class).orElseThrow().resume();
        aliceCall.until(CallState.CONNECTED);
        bobCall.until(CallState.CONNECTED);
        // bob opened his channel again and sends to alice's RTP address once alice acknowledged it
        assertEquals(new RecordingMedia.Started(AudioCapability.PCMU, aliceAudio.localRtp(), aliceAudio.localRtcp()),
                Events.poll(bobAudio.started, "bob's audio after resume"));
        assertEquals("sendrecv", Events.poll(bobAudio.directions, "bob's direction after resume"));

        incoming.capability(Hold.class).orElseThrow().hold();
        bobCall.until(CallState.ON_HOLD);
        aliceCall.until(CallState.REMOTE_HOLD);
        incoming.capability(Hold.class).orElseThrow().resume();
        bobCall.until(CallState.CONNECTED);
        aliceCall.until(CallState.CONNECTED);
        assertEquals(new RecordingMedia.Started(AudioCapability.PCMU, bobAudio.localRtp(), bobAudio.localRtcp()),
                Events.poll(aliceAudio.started, "alice's audio after bob's resume"));
        incoming.hangup();
        assertEquals(EndReason.Kind.REMOTE_HANGUP, aliceCall.ended().kind());
    }

    @Test
    void callForwardedByTheCalleeReachesTheNewTarget() throws Exception {
        Events.Session bobEvents = new Events.Session();
        Events.Session carolEvents = new Events.Session();
        RecordingMedia.Factory aliceMedia = new RecordingMedia.Factory(AudioCapability.PCMU);
        RecordingMedia.Factory carolMedia = new RecordingMedia.Factory(AudioCapability.PCMU);
        alice = session("alice", new Events.Session(), aliceMedia);
        bob = session("bob", bobEvents, new RecordingMedia.Factory(AudioCapability.PCMU));
        carol = session("carol", carolEvents, carolMedia);
        Events.Call aliceCall = new Events.Call();
        alice.dial(bobAddress(), aliceCall);
        CallLeg atBob = bobEvents.nextCall();
        aliceCall.until(CallState.RINGING_OUT);
        atBob.forward("carol@127.0.0.1:" + carol.localAddress().getPort());
        EndReason bobEnd = bobEvents.incomingEvents.ended();
        assertEquals(EndReason.Kind.FORWARDED, bobEnd.kind(), bobEnd.toString());

        CallLeg atCarol = carolEvents.nextCall();
        assertEquals("alice", Events.poll(carolEvents.callers, "carol's caller").address());
        atCarol.answer();
        aliceCall.until(CallState.CONNECTED);
        Events.poll(aliceMedia.opened, "alice's media with bob"); // closed when forwarded
        RecordingMedia aliceAudio = Events.poll(aliceMedia.opened, "alice's media with carol");
        RecordingMedia carolAudio = Events.poll(carolMedia.opened, "carol's media");
        assertEquals(new RecordingMedia.Started(AudioCapability.PCMU, carolAudio.localRtp(), carolAudio.localRtcp()),
                Events.poll(aliceAudio.started, "alice's audio to carol"));
        atCarol.hangup();
        assertEquals(EndReason.Kind.REMOTE_HANGUP, aliceCall.ended().kind());
    }

    @Test
    void rejectedCallEndsBusyForTheCallerAndCancelledWhenTheCallerGivesUp() throws Exception {
        Events.Session bobEvents = new Events.Session();
        alice = session("alice", new Events.Session(), new RecordingMedia.Factory(AudioCapability.PCMU));
        bob = session("bob", bobEvents, new RecordingMedia.Factory(AudioCapability.PCMU));
        Events.Call first = new Events.Call();
        alice.dial(bobAddress(), first);
        bobEvents.nextCall().reject("busy");
        EndReason busy = first.ended();
        assertEquals(EndReason.Kind.BUSY, busy.kind(), busy.toString());
        assertEquals(EndReason.Kind.REJECTED, bobEvents.incomingEvents.ended().kind());

        Events.Call second = new Events.Call();
        CallLeg outgoing = alice.dial(bobAddress(), second);
        bobEvents.nextCall();
        second.until(CallState.RINGING_OUT);
        outgoing.hangup();
        assertEquals(EndReason.Kind.LOCAL_HANGUP, second.ended().kind());
        assertEquals(EndReason.Kind.CANCELLED, bobEvents.incomingEvents.ended().kind());
    }

    @Test
    void unreachablePeerFailsTheCallWithAReason() throws Exception {
        alice = session("alice", new Events.Session(), new RecordingMedia.Factory(AudioCapability.PCMU));
        java.net.ServerSocket closedPort = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        int port = closedPort.getLocalPort();
        closedPort.close();
        Events.Call call = new Events.Call();
        alice.dial("127.0.0.1:" + port, call);
        EndReason reason = call.ended();
        assertEquals(EndReason.Kind.FAILED, reason.kind());
        assertTrue(reason.detail().contains("cannot reach"), reason.detail());
    }

    private static H323Session securedSession(String alias, Events.Session events, String password) throws Exception {
        return new H323Session(new Account(alias, "h323", Map.of("alias", alias, "port", "0", "setupauth", "md5")),
                password.toCharArray(), events, new RecordingMedia.Factory(AudioCapability.PCMU));
    }

    @Test
    void setupAuthenticationLetsInOnlyCallersWithThePassword() throws Exception {
        Events.Session bobEvents = new Events.Session();
        bob = securedSession("bob", bobEvents, "shared1");
        alice = securedSession("alice", new Events.Session(), "shared1");
        Events.Call call = new Events.Call();
        CallLeg outgoing = alice.dial(bobAddress(), call);
        bobEvents.nextCall().answer();
        call.until(CallState.CONNECTED);
        outgoing.hangup();
        call.ended();

        for (H323Session intruder : List.of(securedSession("carol", new Events.Session(), "guessed"),
                session("dave", new Events.Session(), new RecordingMedia.Factory(AudioCapability.PCMU)))) {
            try {
                Events.Call refused = new Events.Call();
                intruder.dial(bobAddress(), refused);
                EndReason reason = refused.ended();
                assertEquals(EndReason.Kind.FAILED, reason.kind(), reason.toString());
                assertNull(bobEvents.incoming.poll(), "bob is not told of a call without the password's hash");
            } finally {
                intruder.close();
            }
        }
    }

    /** A Setup from {@code source} carrying an MD5 password hash made for {@code tokenAlias}, straight on a socket. */
    private CallSignalling.Received setupWithToken(String source, String tokenAlias, String password) throws Exception {
        try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), bob.localAddress().getPort())) {
            var identity = H323Call.newIdentity(5);
            var token = PasswordHashToken.token(tokenAlias, password, System.currentTimeMillis() / 1000);
            Tpkt.write(socket.getOutputStream(), CallSignalling.setup(identity, "", List.of(new AliasAddress.H323Id(source)),
                    List.of(new AliasAddress.H323Id("bob")), java.util.Optional.empty(),
                    (java.net.InetSocketAddress) socket.getLocalSocketAddress(), List.of(), List.of(token),
                    CallSignalling.H245Tunnel.of(true)).encode());
            socket.getOutputStream().flush();
            return CallSignalling.read(Tpkt.read(socket.getInputStream()));
        }
    }

    @Test
    void setupAuthenticationRefusesATokenMadeForAnotherAliasThanTheCallers() throws Exception {
        Events.Session bobEvents = new Events.Session();
        bob = securedSession("bob", bobEvents, "shared1");
        // mallory knows the password but presents alice's token: its alias is not the Setup's sourceAddress
        CallSignalling.Received refused = setupWithToken("mallory", "alice", "shared1");
        assertEquals(Q931Message.RELEASE_COMPLETE, refused.messageType());
        assertEquals(java.util.Optional.of("securityError(securityWrongGeneralID)"), refused.releaseReason());
        assertNull(bobEvents.incoming.poll(), "bob is not told of the call");

        CallSignalling.Received taken = setupWithToken("alice", "alice", "shared1");
        assertEquals(Q931Message.CALL_PROCEEDING, taken.messageType(), "the same token from its own alias is taken");
        assertEquals("alice", Events.poll(bobEvents.callers, "bob's caller").address());
    }

    @Test
    void addressesAndSettingsAreChecked() throws Exception {
        alice = session("alice", new Events.Session(), new RecordingMedia.Factory(AudioCapability.PCMU));
        assertThrows(IllegalArgumentException.class, () -> alice.dial("bob@example.org", new Events.Call()));
        assertThrows(IllegalArgumentException.class, () -> alice.dial("2001", new Events.Call()),
                "a number needs a gatekeeper");
        assertThrows(IllegalArgumentException.class, () -> H323Settings.of(new Account("x", "h323", Map.of())));
        assertThrows(IllegalArgumentException.class,
                () -> H323Settings.of(new Account("x", "h323", Map.of("alias", "x", "gatekeeper", "gk.example.org"))));
        assertThrows(IllegalArgumentException.class,
                () -> H323Settings.of(new Account("x", "h323", Map.of("alias", "x", "e164", "12a"))));
        assertThrows(IllegalArgumentException.class,
                () -> H323Settings.of(new Account("x", "h323", Map.of("alias", "x", "dtmf", "info"))));
        assertEquals(false, H323Settings.of(new Account("x", "h323", Map.of("alias", "x", "dtmf", "h245"))).rfc2833());
        assertEquals(true, H323Settings.of(new Account("x", "h323", Map.of("alias", "x"))).rfc2833(), "RFC 2833 by default");
        assertTrue(H323Settings.FIELDS.stream().anyMatch(f -> f.key().equals("dtmf")), "dtmf on the account form");
        assertThrows(IllegalArgumentException.class,
                () -> H323Settings.of(new Account("x", "h323", Map.of("alias", "x", "setupauth", "sha1"))));
        assertEquals(false, H323Settings.of(new Account("x", "h323", Map.of("alias", "x"))).setupPasswordHash());
        assertTrue(H323Settings.FIELDS.stream().anyMatch(f -> f.key().equals("setupauth")), "setupauth on the account form");
        assertEquals(1719, H323Settings.of(new Account("x", "h323", Map.of("alias", "x", "gatekeeper", "127.0.0.1")))
                .gatekeeper().orElseThrow().getPort());
    }
}

package dev.switchboard.protocol.h323.internal;

import static dev.switchboard.protocol.h323.internal.CaptureReplay.answerPhaseB;
import static dev.switchboard.protocol.h323.internal.CaptureReplay.expectOurPhaseBOpening;
import static dev.switchboard.protocol.h323.internal.CaptureReplay.h245;
import static dev.switchboard.protocol.h323.internal.CaptureReplay.h245Kinds;
import static dev.switchboard.protocol.h323.internal.CaptureReplay.connectWithH245Address;
import static dev.switchboard.protocol.h323.internal.CaptureReplay.nextH245;
import static dev.switchboard.protocol.h323.internal.CaptureReplay.nextH245Message;
import static dev.switchboard.protocol.h323.internal.CaptureReplay.q931;
import static dev.switchboard.protocol.h323.internal.CaptureReplay.read;
import static dev.switchboard.protocol.h323.internal.CaptureReplay.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.call.CallState;
import dev.switchboard.core.call.EndReason;
import dev.switchboard.core.spi.CallLeg;
import dev.switchboard.protocol.h323.internal.cs.CallSignalling;
import dev.switchboard.protocol.h323.internal.cs.H225CallSignallingAsn;
import dev.switchboard.protocol.h323.internal.cs.Q931Message;
import dev.switchboard.protocol.h323.internal.h245.AudioCapability;
import dev.switchboard.protocol.h323.internal.h245.H245Asn;
import dev.switchboard.protocol.h323.internal.h245.H245Messages;
import dev.switchboard.protocol.h323.internal.per.ChoiceValue;
import dev.switchboard.protocol.h323.internal.per.SequenceValue;

/**
 * Replays the h323plus side of captured calls (../shared/peers/captures/h323, via the extracted
 * vectors) frame by frame against our session, and checks each of our answers: capture 01 (direct
 * fastStart call with H.245 tunnelling) from both ends, and capture 04 (slow start on a separate
 * H.245 connection, DTMF as alphanumeric user input, endSessionCommand) against our caller.
 */
class CallReplayTest {
    private H323Session ours;

    @AfterEach
    void close() {
        if (ours != null) {
            ours.close();
        }
    }

    private H323Session session(RecordingMedia.Factory media, Events.Session events) throws Exception {
        ours = new H323Session(new Account("ours", "h323", Map.of("alias", "alice", "port", "0")), new char[0], events, media);
        return ours;
    }

    @Test
    void ourCallerAgainstH323PlusCalleeWithFastStart() throws Exception {
        RecordingMedia.Factory media = new RecordingMedia.Factory(AudioCapability.PCMA, AudioCapability.PCMU);
        session(media, new Events.Session());
        try (ServerSocket peer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Events.Call call = new Events.Call();
            ours.dial("bob@127.0.0.1:" + peer.getLocalPort(), call);
            try (Socket socket = peer.accept()) {
                CallSignalling.Received setup = read(socket);
                assertEquals(Q931Message.SETUP, setup.messageType());
                assertTrue(setup.h245Tunnelling());
                RecordingMedia audio = Events.poll(media.opened, "our media");
                // per codec, a reverse proposal with where we receive and a forward one with our RTCP
                assertEquals(4, setup.fastStart().size());
                var first = H245Messages.channel((SequenceValue) H245Asn.OPEN_LOGICAL_CHANNEL.decode(setup.fastStart().get(0)));
                assertTrue(first.reverse());
                assertEquals(AudioCapability.PCMA, first.codec().orElseThrow());
                assertEquals(audio.localRtp(), first.rtp().orElseThrow());

                send(socket, q931("01", 6)); // callProceeding
                send(socket, q931("01", 10)); // connect, fastStart answer: A-law, bob at 127.0.0.1:5002/5003
                assertEquals(CallState.CONNECTED, call.until(CallState.CONNECTED).getLast());
                assertEquals(new RecordingMedia.Started(AudioCapability.PCMA, new InetSocketAddress("127.0.0.1", 5002),
                        new InetSocketAddress("127.0.0.1", 5003)), Events.poll(audio.started, "media start"));
                CallSignalling.Received tunnel = read(socket);
                assertEquals(List.of("request.terminalCapabilitySet", "request.masterSlaveDetermination"),
                        h245Kinds(tunnel.h245Control()), "H.245 starts in the tunnel once connected");

                send(socket, q931("01", 685)); // bob's releaseComplete
                EndReason end = call.ended();
                assertEquals(EndReason.Kind.REMOTE_HANGUP, end.kind(), end.toString());
                assertTrue(audio.closed);
            }
        }
    }

    @Test
    void ourCalleeAgainstH323PlusCallerWithFastStart() throws Exception {
        RecordingMedia.Factory media = new RecordingMedia.Factory(AudioCapability.PCMU, AudioCapability.PCMA);
        Events.Session events = new Events.Session();
        session(media, events);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), ours.localAddress().getPort())) {
            send(socket, q931("01", 4)); // alice's setup: A-law then µ-law proposals, alice at 127.0.0.1:5000/5001
            assertEquals(Q931Message.CALL_PROCEEDING, read(socket).messageType());
            assertEquals(Q931Message.ALERTING, read(socket).messageType());
            CallLeg incoming = events.nextCall();
            assertEquals("alice", Events.poll(events.callers, "caller").address());
            incoming.answer();
            CallSignalling.Received connect = read(socket);
            assertEquals(Q931Message.CONNECT, connect.messageType());
            assertTrue(connect.h245Tunnelling());
            // the caller's first choice both ways that we have: A-law
            RecordingMedia audio = Events.poll(media.opened, "our media");
            assertEquals(new RecordingMedia.Started(AudioCapability.PCMA, new InetSocketAddress("127.0.0.1", 5000),
                    new InetSocketAddress("127.0.0.1", 5001)), Events.poll(audio.started, "media start"));
            assertEquals(2, connect.fastStart().size());
            var reverse = H245Messages.channel((SequenceValue) H245Asn.OPEN_LOGICAL_CHANNEL.decode(connect.fastStart().get(0)));
            var forward = H245Messages.channel((SequenceValue) H245Asn.OPEN_LOGICAL_CHANNEL.decode(connect.fastStart().get(1)));
            assertTrue(reverse.reverse());
            assertEquals(audio.localRtcp(), reverse.rtcp().orElseThrow());
            assertFalse(forward.reverse());
            assertEquals(101, forward.number(), "alice's A-law forward proposal");
            assertEquals(audio.localRtp(), forward.rtp().orElseThrow());
            assertEquals(AudioCapability.PCMA, forward.codec().orElseThrow());
            assertEquals(List.of("request.terminalCapabilitySet", "request.masterSlaveDetermination"),
                    h245Kinds(read(socket).h245Control()));

            send(socket, q931("01", 683)); // alice's releaseComplete
            assertEquals(EndReason.Kind.REMOTE_HANGUP, events.incomingEvents.ended().kind());
        }
    }

    /**
     * Capture 01's connect (h323plus's fastStart answer) recast as a Q.931 PROGRESS with a Progress-UUIE
     * carrying the same fastStart: what a callee that sends early media (announcements, ringback) sends.
     */
    private static byte[] progressWithConnectsFastStart() throws IOException {
        Q931Message recorded = Q931Message.parse(q931("01", 10));
        SequenceValue uui = (SequenceValue) H225CallSignallingAsn.H323_USER_INFORMATION.decode(recorded.h323UserInformation().orElseThrow());
        SequenceValue uuPdu = uui.getSequence("h323-uu-pdu");
        SequenceValue connect = (SequenceValue) ((ChoiceValue) uuPdu.get("h323-message-body")).value();
        SequenceValue progress = new SequenceValue().with("protocolIdentifier", connect.get("protocolIdentifier"))
                .with("destinationInfo", connect.get("destinationInfo")).with("callIdentifier", connect.get("callIdentifier"))
                .with("fastStart", connect.get("fastStart")).with("multipleCalls", false).with("maintainConnection", false);
        uuPdu.with("h323-message-body", dev.switchboard.protocol.h323.internal.per.Asn.choose(
                H225CallSignallingAsn.H323_UU_PDU_BODY, "progress", progress));
        byte[] per = H225CallSignallingAsn.H323_USER_INFORMATION.encode(uui);
        byte[] contents = new byte[per.length + 1];
        contents[0] = Q931Message.USER_USER_ASN1;
        System.arraycopy(per, 0, contents, 1, per.length);
        return new Q931Message(recorded.callReference(), true, Q931Message.PROGRESS,
                List.of(new Q931Message.InformationElement(Q931Message.USER_USER, contents))).encode();
    }

    @Test
    void earlyMediaFromAFastStartAnswerInProgressFlowsBeforeConnect() throws Exception {
        RecordingMedia.Factory media = new RecordingMedia.Factory(AudioCapability.PCMA, AudioCapability.PCMU);
        session(media, new Events.Session());
        try (ServerSocket peer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Events.Call call = new Events.Call();
            ours.dial("bob@127.0.0.1:" + peer.getLocalPort(), call);
            try (Socket socket = peer.accept()) {
                assertEquals(Q931Message.SETUP, read(socket).messageType());
                RecordingMedia audio = Events.poll(media.opened, "our media");
                send(socket, q931("01", 6)); // callProceeding
                send(socket, progressWithConnectsFastStart());
                assertEquals(new RecordingMedia.Started(AudioCapability.PCMA, new InetSocketAddress("127.0.0.1", 5002),
                        new InetSocketAddress("127.0.0.1", 5003)), Events.poll(audio.started, "early media start"));
                assertTrue(call.events.isEmpty(), "not connected by early media: " + call.events);
                send(socket, q931("01", 10)); // connect, repeating the fastStart answer
                assertEquals(List.of("codec PCMA/8000", CallState.CONNECTED), call.until(CallState.CONNECTED));
                assertTrue(audio.started.isEmpty(), "media started once: " + audio.started);
                send(socket, q931("01", 685));
                assertEquals(EndReason.Kind.REMOTE_HANGUP, call.ended().kind());
            }
        }
    }

    @Test
    void aForwardingFacilityWithoutATargetFailsTheCallWithAReason() throws Exception {
        session(new RecordingMedia.Factory(AudioCapability.PCMU), new Events.Session());
        try (ServerSocket peer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Events.Call call = new Events.Call();
            ours.dial("bob@127.0.0.1:" + peer.getLocalPort(), call);
            try (Socket socket = peer.accept()) {
                CallSignalling.Received setup = read(socket);
                CallSignalling.CallIdentity identity = new CallSignalling.CallIdentity(setup.callReference(),
                        setup.conferenceId().orElseThrow(), setup.callId().orElseThrow());
                send(socket, CallSignalling.forwardingFacility(identity, java.util.Optional.empty(), List.of(),
                        CallSignalling.H245Tunnel.of(true)).encode());
                EndReason end = call.ended();
                assertEquals(EndReason.Kind.FAILED, end.kind(), end.toString());
                assertTrue(end.detail().contains("without saying where to"), end.detail());
                assertEquals(Q931Message.RELEASE_COMPLETE, read(socket).messageType(), "we release the call");
            }
        }
    }

    @Test
    void ourCallerAgainstH323PlusCalleeWithSlowStartOnSeparateH245() throws Exception {
        RecordingMedia.Factory media = new RecordingMedia.Factory(AudioCapability.PCMA, AudioCapability.PCMU);
        session(media, new Events.Session());
        try (ServerSocket peer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ServerSocket h245Peer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Events.Call call = new Events.Call();
            ours.dial("bob@127.0.0.1:" + peer.getLocalPort(), call);
            try (Socket socket = peer.accept()) {
                assertEquals(Q931Message.SETUP, read(socket).messageType());
                send(socket, q931("04", 24)); // callProceeding
                send(socket, q931("04", 29)); // alerting
                assertEquals(CallState.RINGING_OUT, call.until(CallState.RINGING_OUT).getLast());
                send(socket, connectWithH245Address((InetSocketAddress) h245Peer.getLocalSocketAddress()));
                assertEquals(CallState.CONNECTED, call.until(CallState.CONNECTED).getLast());
                try (Socket h245 = h245Peer.accept()) {
                    expectOurPhaseBOpening(h245);
                    answerPhaseB(h245, h245("04", 39)); // bob's TCS
                    ChoiceValue olc = nextH245Message(h245);
                    assertEquals("request.openLogicalChannel", H245Messages.kind(olc));
                    assertEquals(AudioCapability.PCMA, H245Messages.channel((SequenceValue) H245Messages.body(olc)).codec()
                            .orElseThrow(), "bob's TCS lists A-law first");
                    send(h245, h245("04", 51)); // bob's openLogicalChannelAck: bob receives at 127.0.0.1:5000
                    RecordingMedia audio = Events.poll(media.opened, "our media");
                    assertEquals(new InetSocketAddress("127.0.0.1", 5000), Events.poll(audio.started, "media start").rtp());
                    send(h245, h245("04", 50)); // bob opens his channel to us
                    assertEquals("response.openLogicalChannelAck", nextH245(h245));

                    send(h245, h245("04", 452)); // userInput alphanumeric "56789"
                    for (char digit : "56789".toCharArray()) {
                        assertEquals(digit, Events.poll(call.digits, "digit " + digit));
                    }
                    send(h245, h245("04", 961)); // endSessionCommand
                    assertEquals("command.endSessionCommand", nextH245(h245));
                    assertEquals(Q931Message.RELEASE_COMPLETE, read(socket).messageType());
                    assertEquals(EndReason.Kind.REMOTE_HANGUP, call.ended().kind());
                }
            }
        }
    }

    /** {@code count} mutants of {@code pdus} that {@code decoder} rejects with a PerException: malformed for certain. */
    private static List<byte[]> malformed(List<byte[]> pdus, int count, java.util.function.Consumer<byte[]> decoder) {
        java.util.Random random = new java.util.Random(1720);
        List<byte[]> out = new ArrayList<>();
        while (out.size() < count) {
            byte[] mutant = MutatedCaptureFuzzTest.mutate(pdus.get(random.nextInt(pdus.size())), random);
            try {
                decoder.accept(mutant);
            } catch (dev.switchboard.protocol.h323.internal.per.PerException e) {
                out.add(mutant);
            }
        }
        return out;
    }

    /**
     * Malformed and truncated PER from a raw socket on both connections of an established call (Q.931
     * on the call signalling one, H.245 on the separate one): each is dropped, and the call still
     * answers: a capability set is acknowledged and an endSessionCommand ends it.
     */
    @Test
    void malformedPdusOnBothConnectionsAreDroppedAndTheCallGoesOn() throws Exception {
        RecordingMedia.Factory media = new RecordingMedia.Factory(AudioCapability.PCMA, AudioCapability.PCMU);
        session(media, new Events.Session());
        List<byte[]> recordedQ931 = List.of(q931("04", 24), q931("04", 29), q931("04", 33));
        List<byte[]> recordedH245 = List.of(h245("04", 39), h245("04", 43), h245("04", 50), h245("04", 452));
        try (ServerSocket peer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ServerSocket h245Peer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Events.Call call = new Events.Call();
            ours.dial("bob@127.0.0.1:" + peer.getLocalPort(), call);
            try (Socket socket = peer.accept()) {
                read(socket);
                send(socket, q931("04", 24)); // callProceeding
                send(socket, connectWithH245Address((InetSocketAddress) h245Peer.getLocalSocketAddress()));
                call.until(CallState.CONNECTED);
                try (Socket h245 = h245Peer.accept()) {
                    expectOurPhaseBOpening(h245);
                    for (byte[] bad : malformed(recordedQ931, 200, CallSignalling::read)) {
                        send(socket, bad);
                    }
                    for (byte[] bad : malformed(recordedH245, 200, H245Messages::decode)) {
                        send(h245, bad);
                    }
                    send(h245, h245("04", 39)); // a good capability set after them is still answered
                    assertEquals("response.terminalCapabilitySetAck", nextH245(h245));
                    send(h245, h245("04", 961)); // endSessionCommand
                    assertEquals("command.endSessionCommand", nextH245(h245));
                    assertEquals(Q931Message.RELEASE_COMPLETE, read(socket).messageType());
                    assertEquals(EndReason.Kind.REMOTE_HANGUP, call.ended().kind());
                }
            }
        }
    }

    @Test
    void releaseCompleteCausesBecomeEndReasons() throws Exception {
        RecordingMedia.Factory media = new RecordingMedia.Factory(AudioCapability.PCMU);
        session(media, new Events.Session());
        Map<Integer, EndReason.Kind> expected = Map.of(CallSignalling.CAUSE_BUSY, EndReason.Kind.BUSY,
                CallSignalling.CAUSE_NO_ANSWER, EndReason.Kind.NO_ANSWER, CallSignalling.CAUSE_REJECTED, EndReason.Kind.BUSY,
                CallSignalling.CAUSE_NORMAL, EndReason.Kind.REMOTE_HANGUP, 1, EndReason.Kind.FAILED);
        try (ServerSocket peer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            for (Map.Entry<Integer, EndReason.Kind> cause : expected.entrySet()) {
                Events.Call call = new Events.Call();
                ours.dial("127.0.0.1:" + peer.getLocalPort(), call);
                try (Socket socket = peer.accept()) {
                    CallSignalling.Received setup = read(socket);
                    var identity = new CallSignalling.CallIdentity(setup.callReference(), new byte[16], setup.callId().orElseThrow());
                    send(socket, CallSignalling.releaseComplete(identity, true, java.util.Optional.empty(), cause.getKey(),
                            CallSignalling.H245Tunnel.NONE).encode());
                    EndReason end = call.ended();
                    assertEquals(cause.getValue(), end.kind(), "cause " + cause.getKey() + ": " + end);
                    assertTrue(end.detail().contains("cause " + cause.getKey()), end.detail());
                }
            }
            // the gatekeeper-side reason of capture 10's kind
            Events.Call call = new Events.Call();
            ours.dial("127.0.0.1:" + peer.getLocalPort(), call);
            try (Socket socket = peer.accept()) {
                CallSignalling.Received setup = read(socket);
                var identity = new CallSignalling.CallIdentity(setup.callReference(), new byte[16], setup.callId().orElseThrow());
                send(socket, CallSignalling.releaseComplete(identity, true, java.util.Optional.of("calledPartyNotRegistered"),
                        3, CallSignalling.H245Tunnel.NONE).encode());
                EndReason end = call.ended();
                assertEquals(EndReason.Kind.FAILED, end.kind());
                assertTrue(end.detail().contains("calledPartyNotRegistered"), end.detail());
            }
        }
    }

    @Test
    void garbageOnTheSignallingConnectionFailsTheCallCleanly() throws Exception {
        session(new RecordingMedia.Factory(AudioCapability.PCMU), new Events.Session());
        try (ServerSocket peer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Events.Call call = new Events.Call();
            ours.dial("127.0.0.1:" + peer.getLocalPort(), call);
            try (Socket socket = peer.accept()) {
                read(socket);
                send(socket, new byte[] {1, 2, 3, 4, 5}); // not Q.931: ignored
                socket.getOutputStream().write(new byte[] {9, 9, 9, 9}); // not TPKT: connection given up
                socket.getOutputStream().flush();
                EndReason end = call.ended();
                assertEquals(EndReason.Kind.FAILED, end.kind(), end.toString());
            }
        }
    }
}

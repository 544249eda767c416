package dev.switchboard.protocol.h323.internal;

import static dev.switchboard.protocol.h323.internal.CaptureReplay.answerPhaseB;
import static dev.switchboard.protocol.h323.internal.CaptureReplay.connectWithH245Address;
import static dev.switchboard.protocol.h323.internal.CaptureReplay.expectOurPhaseBOpening;
import static dev.switchboard.protocol.h323.internal.CaptureReplay.h245;
import static dev.switchboard.protocol.h323.internal.CaptureReplay.nextH245;
import static dev.switchboard.protocol.h323.internal.CaptureReplay.nextH245Message;
import static dev.switchboard.protocol.h323.internal.CaptureReplay.q931;
import static dev.switchboard.protocol.h323.internal.CaptureReplay.read;
import static dev.switchboard.protocol.h323.internal.CaptureReplay.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.call.CallState;
import dev.switchboard.core.call.EndReason;
import dev.switchboard.protocol.h323.internal.cs.CallSignalling;
import dev.switchboard.protocol.h323.internal.cs.CallSignalling.CallIdentity;
import dev.switchboard.protocol.h323.internal.cs.CallSignalling.H245Tunnel;
import dev.switchboard.protocol.h323.internal.cs.Q931Message;
import dev.switchboard.protocol.h323.internal.h245.AudioCapability;
import dev.switchboard.protocol.h323.internal.h245.Coding;
import dev.switchboard.protocol.h323.internal.h245.H245Asn;
import dev.switchboard.protocol.h323.internal.h245.H245Messages;
import dev.switchboard.protocol.h323.internal.per.Asn;
import dev.switchboard.protocol.h323.internal.per.ChoiceValue;
import dev.switchboard.protocol.h323.internal.per.ObjectIdentifier;
import dev.switchboard.protocol.h323.internal.per.SequenceValue;
import dev.switchboard.protocol.h323.internal.ras.AliasAddress;

/**
 * Each direction's logical channel names its own dynamic payload type and iLBC mode (H.245, H.225.0):
 * a peer whose channels use other payload types than our 97 is heard on its own type while we send on
 * the type our channel names, and we send iLBC's 20 ms mode when the peer's receive capability or its
 * fastStart proposal asks for it, 30 ms otherwise.
 */
class ChannelCodingReplayTest {
    private static final InetSocketAddress PEER_RTP = new InetSocketAddress("127.0.0.1", 5020);
    private static final InetSocketAddress PEER_RTCP = new InetSocketAddress("127.0.0.1", 5021);

    private H323Session ours;

    @AfterEach
    void close() {
        if (ours != null) {
            ours.close();
        }
    }

    private H323Session session(RecordingMedia.Factory media, Events.Session events, String... settings) throws Exception {
        Map<String, String> map = new java.util.HashMap<>(Map.of("alias", "alice", "port", "0"));
        for (int i = 0; i < settings.length; i += 2) {
            map.put(settings[i], settings[i + 1]);
        }
        ours = new H323Session(new Account("ours", "h323", map), new char[0], events, media);
        return ours;
    }

    /** A capability set receiving iLBC as h323plus's plug-in offers it in its 20 ms mode (unsignedMin 20). */
    private static byte[] ilbcTwentyCapabilitySet() {
        SequenceValue generic = new SequenceValue()
                .with("capabilityIdentifier", Asn.choose(H245Asn.CAPABILITY_IDENTIFIER, "standard",
                        ObjectIdentifier.parse("0.0.8.245.1.1.11")))
                .with("maxBitRate", 152L)
                .with("collapsing", List.of(new SequenceValue()
                        .with("parameterIdentifier", Asn.choose(H245Asn.PARAMETER_IDENTIFIER, "standard", 1L))
                        .with("parameterValue", Asn.choose(H245Asn.PARAMETER_VALUE, "unsignedMin", 20L))));
        SequenceValue tcs = new SequenceValue().with("sequenceNumber", 1L)
                .with("protocolIdentifier", H245Messages.PROTOCOL_IDENTIFIER)
                .with("capabilityTable", List.of(new SequenceValue().with("capabilityTableEntryNumber", 1L)
                        .with("capability", Asn.choose(H245Asn.CAPABILITY, "receiveAudioCapability",
                                Asn.choose(H245Asn.AUDIO_CAPABILITY, "genericAudioCapability", generic)))));
        return H245Messages.encode(Asn.choose(H245Asn.MULTIMEDIA_SYSTEM_CONTROL_MESSAGE, "request",
                Asn.choose(H245Asn.REQUEST_MESSAGE, "terminalCapabilitySet", tcs)));
    }

    @Test
    void slowStartSendsIlbcTwentyWhenThePeerAsksAndHearsThePeersPayloadType() throws Exception {
        RecordingMedia.Factory media = new RecordingMedia.Factory(AudioCapability.ILBC, AudioCapability.PCMU);
        session(media, new Events.Session(), "faststart", "no", "tunnelling", "no");
        try (ServerSocket peer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ServerSocket h245Peer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Events.Call call = new Events.Call();
            ours.dial("bob@127.0.0.1:" + peer.getLocalPort(), call);
            try (Socket socket = peer.accept()) {
                assertEquals(Q931Message.SETUP, read(socket).messageType());
                send(socket, connectWithH245Address((InetSocketAddress) h245Peer.getLocalSocketAddress()));
                call.until(CallState.CONNECTED);
                try (Socket h245 = h245Peer.accept()) {
                    expectOurPhaseBOpening(h245);
                    answerPhaseB(h245, ilbcTwentyCapabilitySet());
                    ChoiceValue olc = nextH245Message(h245);
                    assertEquals("request.openLogicalChannel", H245Messages.kind(olc));
                    H245Messages.Channel ourChannel = H245Messages.channel((SequenceValue) H245Messages.body(olc));
                    assertEquals(Optional.of(20), ourChannel.ilbcMode(), "the mode the peer receives");
                    assertEquals(Optional.of(97), ourChannel.dynamicPayloadType());

                    // the peer opens its channel on payload type 98, in the 30 ms mode
                    send(h245, H245Messages.encode(H245Messages.openLogicalChannel(H245Messages.forwardChannel(1,
                            new Coding(AudioCapability.ILBC, 98, 30), Optional.empty(), PEER_RTCP))));
                    assertEquals("response.openLogicalChannelAck", nextH245(h245));
                    RecordingMedia audio = Events.poll(media.opened, "our media");
                    assertEquals(98, Events.poll(audio.receivePayloadTypes, "the peer's payload type"));

                    send(h245, H245Messages.encode(H245Messages.openLogicalChannelAck(ourChannel.number(), PEER_RTP, PEER_RTCP)));
                    assertEquals(new Coding(AudioCapability.ILBC, 97, 20), Events.poll(audio.sending, "how we send"));
                    assertEquals(PEER_RTP, Events.poll(audio.started, "media start").rtp());
                }
            }
        }
    }

    @Test
    void fastStartAnswerKeepsEachProposalsPayloadTypeAndMode() throws Exception {
        RecordingMedia.Factory media = new RecordingMedia.Factory(AudioCapability.ILBC, AudioCapability.PCMU);
        Events.Session events = new Events.Session();
        session(media, events);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), ours.localAddress().getPort())) {
            CallIdentity identity = H323Call.newIdentity(77);
            // the caller receives iLBC 20 ms on 98 (reverse proposal) and sends iLBC 30 ms on 99 (forward one)
            List<byte[]> proposals = List.of(
                    H245Asn.OPEN_LOGICAL_CHANNEL.encode(H245Messages.reverseChannel(1, new Coding(AudioCapability.ILBC, 98, 20),
                            Optional.of(PEER_RTP), PEER_RTCP)),
                    H245Asn.OPEN_LOGICAL_CHANNEL.encode(H245Messages.forwardChannel(101, new Coding(AudioCapability.ILBC, 99, 30),
                            Optional.empty(), PEER_RTCP)));
            send(socket, CallSignalling.setup(identity, "Peer", List.of(new AliasAddress.H323Id("peer")),
                    List.of(new AliasAddress.H323Id("alice")), Optional.empty(), (InetSocketAddress) socket.getLocalSocketAddress(),
                    proposals, List.of(), H245Tunnel.of(true)).encode());
            assertEquals(Q931Message.CALL_PROCEEDING, read(socket).messageType());
            assertEquals(Q931Message.ALERTING, read(socket).messageType());
            events.nextCall().answer();
            CallSignalling.Received connect = read(socket);
            assertEquals(Q931Message.CONNECT, connect.messageType());
            assertEquals(2, connect.fastStart().size());
            H245Messages.Channel reverse = H245Messages.channel((SequenceValue) H245Asn.OPEN_LOGICAL_CHANNEL.decode(connect.fastStart().get(0)));
            H245Messages.Channel forward = H245Messages.channel((SequenceValue) H245Asn.OPEN_LOGICAL_CHANNEL.decode(connect.fastStart().get(1)));
            assertTrue(reverse.reverse());
            assertEquals(Optional.of(new Coding(AudioCapability.ILBC, 98, 20)), reverse.coding(), "we send as the caller asked");
            assertEquals(Optional.of(new Coding(AudioCapability.ILBC, 99, 30)), forward.coding(), "the caller's own channel");

            RecordingMedia audio = Events.poll(media.opened, "our media");
            assertEquals(99, Events.poll(audio.receivePayloadTypes, "the caller's payload type"));
            assertEquals(new Coding(AudioCapability.ILBC, 98, 20), Events.poll(audio.sending, "how we send"));
            assertEquals(PEER_RTP, Events.poll(audio.started, "media start").rtp());

            send(socket, CallSignalling.releaseComplete(identity, false, Optional.empty(), CallSignalling.CAUSE_NORMAL,
                    H245Tunnel.of(true)).encode());
            assertEquals(EndReason.Kind.REMOTE_HANGUP, events.incomingEvents.ended().kind());
        }
    }

    @Test
    void ourOwnIlbcChannelsRunThirtyMillisecondsOnNinetySeven() throws Exception {
        RecordingMedia.Factory media = new RecordingMedia.Factory(AudioCapability.ILBC);
        session(media, new Events.Session());
        try (ServerSocket peer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ours.dial("bob@127.0.0.1:" + peer.getLocalPort(), new Events.Call());
            try (Socket socket = peer.accept()) {
                CallSignalling.Received setup = read(socket);
                assertEquals(2, setup.fastStart().size());
                for (byte[] proposal : setup.fastStart()) {
                    assertEquals(Optional.of(new Coding(AudioCapability.ILBC, 97, 30)),
                            H245Messages.channel((SequenceValue) H245Asn.OPEN_LOGICAL_CHANNEL.decode(proposal)).coding());
                }
                assertEquals(Q931Message.SETUP, setup.messageType());
                send(socket, q931("01", 685)); // a releaseComplete ends it
            }
        }
    }
}

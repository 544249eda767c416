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
import dev.switchboard.protocol.h323.internal.cs.CallSignalling;
import dev.switchboard.protocol.h323.internal.cs.CallSignalling.CallIdentity;
import dev.switchboard.protocol.h323.internal.cs.CallSignalling.H245Tunnel;
import dev.switchboard.protocol.h323.internal.cs.Q931Message;
import dev.switchboard.protocol.h323.internal.h245.AudioCapability;
import dev.switchboard.protocol.h323.internal.h245.H245Messages;
import dev.switchboard.protocol.h323.internal.per.ChoiceValue;
import dev.switchboard.protocol.h323.internal.per.SequenceValue;

/**
 * H.323 8.4.6 "third party initiated pause": a peer (h323plus's recorded H.245 PDUs, played by the test)
 * pauses our endpoint with the empty capability set and resumes it with its recorded full one. Paused, we
 * acknowledge and close the channel we send on; resumed, we start H.245 over as at the beginning of
 * phase B (our capability set and a new master/slave determination), and open our channel again only
 * once the determination is over. Both with H.245 tunnelled in Q.931 and on a separate connection.
 */
class PausedReplayTest {
    private static final InetSocketAddress PEER_RTP_AFTER_RESUME = new InetSocketAddress("127.0.0.1", 5012);
    private static final InetSocketAddress PEER_RTCP_AFTER_RESUME = new InetSocketAddress("127.0.0.1", 5013);

    private H323Session ours;

    @AfterEach
    void close() {
        if (ours != null) {
            ours.close();
        }
    }

    /** One side of the H.245 conversation: how the test sends PDUs and reads ours. */
    private interface H245Channel {
        void send(byte[] pdu) throws IOException;

        /** The next of our H.245 messages, decoded. */
        ChoiceValue next() throws IOException;
    }

    private static List<String> kinds(H245Channel channel, int count) throws IOException {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(H245Messages.kind(channel.next()));
        }
        return out;
    }

    /**
     * Pause and resume on an established call whose capability exchange and determination are over and
     * whose channel from us is open.
     */
    private static void pauseAndResume(H245Channel peer, RecordingMedia audio, Events.Call call) throws Exception {
        peer.send(H245Messages.encode(H245Messages.emptyTerminalCapabilitySet(7)));
        assertEquals(List.of("response.terminalCapabilitySetAck", "request.closeLogicalChannel"), kinds(peer, 2),
                "paused: the set acknowledged, our sending channel closed");
        assertEquals(CallState.REMOTE_HOLD, call.until(CallState.REMOTE_HOLD).getLast());

        peer.send(h245("04", 39)); // h323plus's full capability set resumes us
        assertEquals(List.of("response.terminalCapabilitySetAck", "request.terminalCapabilitySet",
                "request.masterSlaveDetermination"), kinds(peer, 3), "H.245 starts over at phase B");
        assertEquals(CallState.CONNECTED, call.until(CallState.CONNECTED).getLast());

        peer.send(h245("04", 44)); // h323plus acknowledges our capability set
        peer.send(h245("04", 46)); // and our determination request
        ChoiceValue confirm = peer.next();
        assertEquals("response.masterSlaveDeterminationAck", H245Messages.kind(confirm),
                "the side that asked confirms the determination with its own ack (H.245 C.2)");
        ChoiceValue olc = peer.next();
        assertEquals("request.openLogicalChannel", H245Messages.kind(olc), "our channel again, once determined");
        H245Messages.Channel channel = H245Messages.channel((SequenceValue) H245Messages.body(olc));
        assertEquals(201, channel.number(), "a fresh channel number");
        assertEquals(AudioCapability.PCMA, channel.codec().orElseThrow(), "h323plus lists A-law first");
        peer.send(H245Messages.encode(H245Messages.openLogicalChannelAck(201, PEER_RTP_AFTER_RESUME, PEER_RTCP_AFTER_RESUME)));
        RecordingMedia.Started again = Events.poll(audio.started, "our audio after the resume");
        assertEquals(PEER_RTP_AFTER_RESUME, again.rtp());
    }

    @Test
    void pauseAndResumeOnASeparateH245Connection() throws Exception {
        RecordingMedia.Factory media = new RecordingMedia.Factory(AudioCapability.PCMA, AudioCapability.PCMU);
        ours = new H323Session(new Account("ours", "h323", Map.of("alias", "alice", "port", "0")), new char[0],
                new Events.Session(), media);
        try (ServerSocket peer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ServerSocket h245Peer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Events.Call call = new Events.Call();
            ours.dial("bob@127.0.0.1:" + peer.getLocalPort(), call);
            try (Socket socket = peer.accept()) {
                assertEquals(Q931Message.SETUP, read(socket).messageType());
                send(socket, q931("04", 24)); // callProceeding
                send(socket, connectWithH245Address((InetSocketAddress) h245Peer.getLocalSocketAddress()));
                call.until(CallState.CONNECTED);
                try (Socket h245 = h245Peer.accept()) {
                    expectOurPhaseBOpening(h245);
                    answerPhaseB(h245, h245("04", 39)); // bob's TCS
                    assertEquals("request.openLogicalChannel", nextH245(h245));
                    send(h245, h245("04", 51)); // bob's openLogicalChannelAck
                    RecordingMedia audio = Events.poll(media.opened, "our media");
                    Events.poll(audio.started, "media start");

                    pauseAndResume(new H245Channel() {
                        @Override
                        public void send(byte[] pdu) throws IOException {
                            CaptureReplay.send(h245, pdu);
                        }

                        @Override
                        public ChoiceValue next() throws IOException {
                            return nextH245Message(h245);
                        }
                    }, audio, call);
                }
            }
        }
    }

    @Test
    void pauseAndResumeTunnelledInCallSignalling() throws Exception {
        RecordingMedia.Factory media = new RecordingMedia.Factory(AudioCapability.PCMA, AudioCapability.PCMU);
        ours = new H323Session(new Account("ours", "h323", Map.of("alias", "alice", "port", "0")), new char[0],
                new Events.Session(), media);
        try (ServerSocket peer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Events.Call call = new Events.Call();
            ours.dial("bob@127.0.0.1:" + peer.getLocalPort(), call);
            try (Socket socket = peer.accept()) {
                CallSignalling.Received setup = read(socket);
                CallIdentity identity = new CallIdentity(setup.callReference(), setup.conferenceId().orElseThrow(),
                        setup.callId().orElseThrow());
                send(socket, q931("01", 6)); // callProceeding
                send(socket, q931("01", 10)); // connect with h323plus's fastStart answer, tunnelling
                call.until(CallState.CONNECTED);
                RecordingMedia audio = Events.poll(media.opened, "our media");
                Events.poll(audio.started, "fastStart media");
                H245Channel tunnel = new H245Channel() {
                    private final List<byte[]> pending = new ArrayList<>();

                    @Override
                    public void send(byte[] pdu) throws IOException {
                        CaptureReplay.send(socket, CallSignalling.tunnelOnly(identity, true,
                                new H245Tunnel(true, List.of(pdu))).encode());
                    }

                    @Override
                    public ChoiceValue next() throws IOException {
                        while (pending.isEmpty()) {
                            pending.addAll(read(socket).h245Control());
                        }
                        return H245Messages.decode(pending.removeFirst());
                    }
                };
                assertEquals(List.of("request.terminalCapabilitySet", "request.masterSlaveDetermination"), kinds(tunnel, 2));
                for (int frame : new int[] {39, 43, 44, 46}) { // h323plus's TCS, MSD, TCS ack, MSD ack
                    tunnel.send(h245("04", frame));
                }
                assertEquals(List.of("response.terminalCapabilitySetAck", "response.masterSlaveDeterminationAck"), kinds(tunnel, 2));

                pauseAndResume(tunnel, audio, call);
            }
        }
    }
}

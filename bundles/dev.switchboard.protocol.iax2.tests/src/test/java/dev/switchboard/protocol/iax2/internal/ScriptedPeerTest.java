package dev.switchboard.protocol.iax2.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.call.CallState;
import dev.switchboard.core.call.EndReason;
import dev.switchboard.core.call.capability.QualityIndicator;
import dev.switchboard.core.call.capability.Transfer;
import dev.switchboard.core.spi.CallLeg;

/**
 * Exchanges the captures do not hold (QUELCH/UNQUELCH, TRANSFER, our challenge of a direct caller),
 * against a raw UDP peer scripted frame by frame as RFC 5456 and Asterisk's behaviour describe them.
 */
class ScriptedPeerTest {

    /** One call of the scripted peer: its call number, ours, and the sequence numbers both ways. */
    private static final class ScriptedCall {
        final RawPeer raw;
        final InetSocketAddress us;
        final int localCall;
        int remoteCall;
        int outboundSequence;
        int inboundSequence;
        /** Our leg of the call, when we dialled it. */
        CallLeg leg;

        ScriptedCall(RawPeer raw, InetSocketAddress us, int localCall) {
            this.raw = raw;
            this.us = us;
            this.localCall = localCall;
        }

        void send(int frameType, int subclass, byte[] payload) throws IOException {
            raw.send(FullFrame.of(localCall, remoteCall, 100 + outboundSequence, outboundSequence, inboundSequence,
                    frameType, subclass, payload), us);
            outboundSequence = (outboundSequence + 1) & 0xff;
        }

        void sendIax(int command, InformationElements.Builder elements) throws IOException {
            send(FrameType.IAX, command, elements.encode());
        }

        /** Our next sequenced frame (acknowledged here at once); our ACKs on the way are checked and skipped. */
        FullFrame expect(int frameType, int subclass) throws IOException {
            while (true) {
                FullFrame frame = raw.receiveFull(5_000);
                if (frame.unsequenced()) {
                    assertTrue(frame.isIax(IaxCommand.ACK), "only ACKs unsequenced: " + frame.describe());
                    continue;
                }
                if (remoteCall == 0) {
                    remoteCall = frame.sourceCall();
                }
                assertEquals(inboundSequence, frame.outboundSequence(), "in sequence: " + frame.describe());
                inboundSequence = (frame.outboundSequence() + 1) & 0xff;
                raw.send(FullFrame.of(localCall, remoteCall, frame.timestamp(), outboundSequence, inboundSequence,
                        FrameType.IAX, IaxCommand.ACK, new byte[0]), us);
                assertEquals(frameType, frame.frameType(), frame.describe());
                assertEquals(subclass, frame.rawSubclass(), frame.describe());
                return frame;
            }
        }
    }

    private static Iax2Session session(String password, Recorders.Session listener) {
        return new Iax2Session(new Account("scripted", "iax2", Map.of("user", "alice", "port", "0", "bind",
                "127.0.0.1")), password.toCharArray(), listener, TestMedia.factory());
    }

    /** We dial the scripted peer; it accepts µ-law and answers as Asterisk does. */
    private static ScriptedCall connect(Iax2Session session, RawPeer raw, Recorders.Call call) throws Exception {
        CallLeg leg = session.dial("127.0.0.1:" + raw.address().getPort() + "/600", call);
        FullFrame first = raw.receiveFull(5_000);
        assertTrue(first.isIax(IaxCommand.NEW), first.describe());
        ScriptedCall scripted = new ScriptedCall(raw, raw.lastSender(), 1234);
        scripted.leg = leg;
        scripted.remoteCall = first.sourceCall();
        scripted.inboundSequence = 1;
        scripted.sendIax(IaxCommand.ACCEPT, InformationElements.builder().u32(InformationElement.FORMAT,
                MediaFormats.ULAW));
        scripted.send(FrameType.CONTROL, ControlSubclass.ANSWER, new byte[0]);
        assertEquals(CallState.CONNECTED, call.until(CallState.CONNECTED).getLast());
        return scripted;
    }

    @Test
    void quelchAndUnquelchPutTheCallOnRemoteHoldAndBack() throws Exception {
        Recorders.Call call = new Recorders.Call();
        try (RawPeer raw = new RawPeer(); Iax2Session session = session("", new Recorders.Session())) {
            ScriptedCall server = connect(session, raw, call);
            // QUELCH asks us to stop sending audio (RFC 5456), which Asterisk and we take as hold
            server.sendIax(IaxCommand.QUELCH, InformationElements.builder());
            assertEquals(CallState.REMOTE_HOLD, call.next());
            server.sendIax(IaxCommand.UNQUELCH, InformationElements.builder());
            assertEquals(CallState.CONNECTED, call.next());
            server.send(FrameType.CONTROL, ControlSubclass.HANGUP, new byte[0]);
            assertEquals(EndReason.Kind.REMOTE_HANGUP, ((EndReason) call.next()).kind());
        }
    }

    @Test
    void blindTransferAsksTheServerWhichHangsOurLegUp() throws Exception {
        Recorders.Call call = new Recorders.Call();
        try (RawPeer raw = new RawPeer(); Iax2Session session = session("", new Recorders.Session())) {
            ScriptedCall server = connect(session, raw, call);
            // the call offers its media's quality for the UI's icon (here the test media's fixed verdict)
            QualityIndicator quality = server.leg.capability(QualityIndicator.class).orElseThrow();
            assertEquals(QualityIndicator.Rating.GOOD, quality.rating());
            assertTrue(quality.detail().startsWith("PCMU/8000, loss 0.0 %"), quality.detail());

            server.leg.capability(Transfer.class).orElseThrow().transfer("700");
            assertEquals(CallState.TRANSFERRING, call.next());
            FullFrame transfer = server.expect(FrameType.IAX, IaxCommand.TRANSFER);
            assertEquals("700", transfer.informationElements().string(InformationElement.CALLED_NUMBER).orElseThrow());
            // Asterisk sends the bridged party to 700 and hangs our leg up
            server.sendIax(IaxCommand.HANGUP, InformationElements.builder()
                    .string(InformationElement.CAUSE, "Normal Clearing").u8(InformationElement.CAUSECODE, 16));
            assertEquals(EndReason.Kind.TRANSFERRED, ((EndReason) call.next()).kind());
        }
    }

    @Test
    void aDirectCallerIsChallengedWithMd5AndRejectedOnAWrongAnswerAsAsteriskDoes() throws Exception {
        Recorders.Session listener = new Recorders.Session();
        try (RawPeer raw = new RawPeer(); Iax2Session session = session("s3cret", listener)) {
            InetSocketAddress us = session.localAddress();
            for (String password : new String[] { "wrong", "s3cret" }) {
                ScriptedCall caller = new ScriptedCall(raw, us, password.length());
                caller.sendIax(IaxCommand.NEW, InformationElements.builder().u16(InformationElement.VERSION, 2)
                        .string(InformationElement.CALLED_NUMBER, "100").string(InformationElement.USERNAME, "carol")
                        .u32(InformationElement.FORMAT, MediaFormats.ULAW)
                        .u32(InformationElement.CAPABILITY, MediaFormats.ULAW));
                FullFrame authreq = caller.expect(FrameType.IAX, IaxCommand.AUTHREQ);
                InformationElements asked = authreq.informationElements();
                assertEquals(InformationElement.AUTH_MD5, asked.number(InformationElement.AUTHMETHODS).orElseThrow());
                assertEquals("carol", asked.string(InformationElement.USERNAME).orElseThrow());
                String challenge = asked.string(InformationElement.CHALLENGE).orElseThrow();
                assertTrue(challenge.matches("\\d{9}"), challenge);
                caller.sendIax(IaxCommand.AUTHREP, InformationElements.builder().string(InformationElement.MD5_RESULT,
                        Authentication.md5(challenge, password.toCharArray())));
                if (password.equals("wrong")) {
                    InformationElements reject = caller.expect(FrameType.IAX, IaxCommand.REJECT).informationElements();
                    assertEquals("No authority found", reject.string(InformationElement.CAUSE).orElseThrow());
                    assertEquals(50L, reject.number(InformationElement.CAUSECODE).orElseThrow());
                    assertEquals(null, listener.incoming.peek(), "the core never heard of the refused call");
                } else {
                    caller.expect(FrameType.IAX, IaxCommand.ACCEPT);
                    caller.expect(FrameType.CONTROL, ControlSubclass.RINGING);
                    CallLeg leg = listener.incoming.poll(5, TimeUnit.SECONDS);
                    assertTrue(leg != null, "the caller who proved the password rings");
                    leg.reject("busy");
                    caller.expect(FrameType.IAX, IaxCommand.REJECT);
                }
            }
        }
    }
}

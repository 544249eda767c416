package dev.switchboard.protocol.iax2.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;

import dev.switchboard.core.call.CallState;
import dev.switchboard.core.spi.CallLeg;

/** One call of the scripted peer: its call number, ours, and the sequence numbers both ways. */
final class ScriptedCall {
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

    void send(int frameType, long subclass, byte[] payload) throws IOException {
        raw.send(FullFrame.of(localCall, remoteCall, 100 + outboundSequence, outboundSequence, inboundSequence,
                frameType, subclass, payload), us);
        outboundSequence = (outboundSequence + 1) & 0xff;
    }

    void sendIax(int command, InformationElements.Builder elements) throws IOException {
        send(FrameType.IAX, command, elements.encode());
    }

    /** Our next sequenced frame (acknowledged here at once); our ACKs on the way are checked and skipped. */
    FullFrame expect(int frameType, int subclass) throws IOException {
        return expect(frameType, subclass, 5_000);
    }

    /** As {@link #expect(int, int)}, waiting up to {@code millis} for each frame. */
    FullFrame expect(int frameType, int subclass, int millis) throws IOException {
        while (true) {
            FullFrame frame = raw.receiveFull(millis);
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
            if (frame.isIax(IaxCommand.PING) && !(frameType == FrameType.IAX && subclass == IaxCommand.PING)) {
                // our keep-alive during a long wait: answered as Asterisk answers it
                sendIax(IaxCommand.PONG, InformationElements.builder());
                continue;
            }
            assertEquals(frameType, frame.frameType(), frame.describe());
            assertEquals(subclass, frame.rawSubclass(), frame.describe());
            return frame;
        }
    }

    /** We dial the scripted peer; it accepts µ-law and answers as Asterisk does. */
    static ScriptedCall connect(Iax2Session session, RawPeer raw, Recorders.Call call) throws Exception {
        CallLeg leg = session.dial("127.0.0.1:" + raw.address().getPort() + "/600", call);
        FullFrame first = raw.receiveFull(5_000);
        assertTrue(first.isIax(IaxCommand.NEW), first.describe());
        // µ-law and A-law fit the 32-bit elements: an RFC 5456 peer gets no 64-bit ones it does not know
        assertFalse(first.informationElements().has(InformationElement.FORMAT2), "no FORMAT2 without Opus");
        assertFalse(first.informationElements().has(InformationElement.CAPABILITY2), "no CAPABILITY2 without Opus");
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
}

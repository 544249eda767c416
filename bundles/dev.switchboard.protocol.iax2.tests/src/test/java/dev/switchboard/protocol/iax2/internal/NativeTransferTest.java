package dev.switchboard.protocol.iax2.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.call.EndReason;
import dev.switchboard.core.call.capability.Dtmf;

/**
 * Call path optimisation (RFC 5456 section 6.3) between two of our sessions: each has a call with a
 * server scripted as Asterisk behaves when it bridges two IAX2 calls natively. The server sends both
 * TXREQ with the other's address and call number; they connect (TXCNT → TXACC) and report TXREADY;
 * TXREL moves both calls onto the direct path, which then carries voice, DTMF and the hang-up
 * without the server.
 */
class NativeTransferTest {

    private static Iax2Session session(String user, BlockingQueue<TestMedia> media) {
        return new Iax2Session(new Account(user, "iax2", Map.of("user", user, "port", "0", "bind", "127.0.0.1")),
                new char[0], new Recorders.Session(), TestMedia.factory(media));
    }

    private static <T> T poll(BlockingQueue<T> queue) throws InterruptedException {
        T value = queue.poll(10, TimeUnit.SECONDS);
        if (value == null) {
            throw new AssertionError("nothing arrived within 10 s");
        }
        return value;
    }

    /**
     * The next frame that is not a retransmission: on a loaded machine a TXREADY may be resent before
     * the server's ACK of it is read, and that copy can still be queued at the server.
     */
    private static FullFrame nextFirstTransmission(RawPeer server) throws Exception {
        while (true) {
            FullFrame frame = server.receiveFull(5_000);
            if (!frame.retransmission()) {
                return frame;
            }
        }
    }

    private static byte[] voice(int marker) {
        byte[] frame = new byte[160];
        Arrays.fill(frame, (byte) marker);
        return frame;
    }

    @Test
    void theServerMovesBothCallsOntoTheDirectPathAndStepsOut() throws Exception {
        BlockingQueue<TestMedia> aliceMedia = new LinkedBlockingQueue<>();
        BlockingQueue<TestMedia> bobMedia = new LinkedBlockingQueue<>();
        Recorders.Call aliceCall = new Recorders.Call();
        Recorders.Call bobCall = new Recorders.Call();
        try (RawPeer legA = new RawPeer(); RawPeer legB = new RawPeer();
                Iax2Session alice = session("alice", aliceMedia); Iax2Session bob = session("bob", bobMedia)) {
            ScriptedCall a = ScriptedCall.connect(alice, legA, aliceCall);
            ScriptedCall b = ScriptedCall.connect(bob, legB, bobCall);
            TestMedia aliceAudio = poll(aliceMedia);
            TestMedia bobAudio = poll(bobMedia);
            InetSocketAddress aliceAddress = alice.localAddress();
            InetSocketAddress bobAddress = bob.localAddress();

            a.sendIax(IaxCommand.TXREQ, InformationElements.builder()
                    .address(InformationElement.APPARENT_ADDR, bobAddress)
                    .u16(InformationElement.CALLNO, b.remoteCall).u32(InformationElement.TRANSFERID, 7));
            b.sendIax(IaxCommand.TXREQ, InformationElements.builder()
                    .address(InformationElement.APPARENT_ADDR, aliceAddress)
                    .u16(InformationElement.CALLNO, a.remoteCall).u32(InformationElement.TRANSFERID, 7));
            // each side reports ready only after the other accepted its TXCNT, naming its own call number
            assertEquals((long) a.remoteCall, a.expect(FrameType.IAX, IaxCommand.TXREADY).informationElements()
                    .number(InformationElement.CALLNO).orElseThrow());
            assertEquals((long) b.remoteCall, b.expect(FrameType.IAX, IaxCommand.TXREADY).informationElements()
                    .number(InformationElement.CALLNO).orElseThrow());
            a.sendIax(IaxCommand.TXREL, InformationElements.builder().u16(InformationElement.CALLNO, b.remoteCall));
            b.sendIax(IaxCommand.TXREL, InformationElements.builder().u16(InformationElement.CALLNO, a.remoteCall));
            // the release is acknowledged to the server before the calls leave it
            assertTrue(nextFirstTransmission(legA).isIax(IaxCommand.ACK), "TXREL acknowledged to the server");
            assertTrue(nextFirstTransmission(legB).isIax(IaxCommand.ACK), "TXREL acknowledged to the server");

            // voice both ways on the direct path: a full frame first (the far end's clock is new), then minis
            for (int i = 0; i < 3; i++) {
                aliceAudio.out.send(voice(0x10 + i), 0, 160, 1_000 + 20 * i);
                bobAudio.out.send(voice(0x20 + i), 0, 160, 5_000 + 20 * i);
            }
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(voice(0x10 + i), poll(bobAudio.received), "alice's frame " + i + " at bob");
                assertArrayEquals(voice(0x20 + i), poll(aliceAudio.received), "bob's frame " + i + " at alice");
            }
            a.leg.capability(Dtmf.class).orElseThrow().send("42");
            assertEquals("42", bobCall.digits(2));
            a.leg.hangup();
            assertEquals(EndReason.Kind.LOCAL_HANGUP, ((EndReason) aliceCall.next()).kind(),
                    "alice's call went on unchanged until her hang-up");
            assertEquals(EndReason.Kind.REMOTE_HANGUP, ((EndReason) bobCall.next()).kind(),
                    "bob's call went on unchanged until alice hung up");
            assertNull(legA.receive(300), "nothing more went through the server");
            assertNull(legB.receive(300), "nothing more went through the server");
        }
    }
}

package dev.switchboard.protocol.iax2.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reliable transport (RFC 5456 section 7) against a bare UDP peer on loopback. */
class TransportTest {
    private Iax2Endpoint endpoint;
    private RawPeer peer;
    private final BlockingQueue<FullFrame> delivered = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> failures = new LinkedBlockingQueue<>();
    private final DialogHandler recorder = new DialogHandler() {
        @Override
        public boolean frame(Dialog dialog, FullFrame frame) {
            delivered.add(frame);
            return false;
        }

        @Override
        public void failed(Dialog dialog, String reason) {
            failures.add(reason);
        }
    };

    @BeforeEach
    void open() throws Exception {
        endpoint = new Iax2Endpoint(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), "test",
                (dialog, frame) -> recorder);
        peer = new RawPeer();
    }

    @AfterEach
    void close() {
        endpoint.close();
        peer.close();
    }

    private Dialog dialogSending(int command) {
        return endpoint.call(() -> {
            Dialog dialog = endpoint.open(peer.address(), recorder);
            dialog.sendIax(command, InformationElements.builder());
            return dialog;
        });
    }

    private FullFrame from(int source, int destination, long timestamp, int oseq, int iseq, int command) {
        return FullFrame.of(source, destination, timestamp, oseq, iseq, FrameType.IAX, command, new byte[0]);
    }

    @Test
    void unacknowledgedFramesAreRetransmittedAtDoublingIntervalsUntilTheDialogGivesUp() throws Exception {
        long start = System.nanoTime();
        dialogSending(IaxCommand.POKE);
        FullFrame first = peer.receiveFull(1_000);
        assertTrue(!first.retransmission());
        List<Long> gaps = new ArrayList<>();
        long last = System.nanoTime();
        for (int i = 0; i < 4; i++) {
            FullFrame again = peer.receiveFull(3_000);
            long now = System.nanoTime();
            gaps.add(TimeUnit.NANOSECONDS.toMillis(now - last));
            last = now;
            assertTrue(again.retransmission(), "R bit on " + again);
            assertEquals(first.timestamp(), again.timestamp());
            assertEquals(first.outboundSequence(), again.outboundSequence());
        }
        String reason = failures.poll(5, TimeUnit.SECONDS);
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(reason != null && reason.startsWith("no answer from 127.0.0.1:"), "gave up: " + reason);
        // nominally 500 then 1000 ms; a late first retransmission (a busy machine) lengthens the first gap only
        assertTrue(gaps.get(1) > gaps.get(0) * 5 / 4, "backoff doubles: " + gaps);
        assertTrue(elapsed >= Dialog.GIVE_UP.toMillis() && elapsed < Dialog.GIVE_UP.toMillis() + 3_000,
                "gave up after " + elapsed + " ms");
        assertNull(peer.receive(300), "nothing after giving up");
    }

    @Test
    void anAcknowledgedFrameIsNotSentAgain() throws Exception {
        dialogSending(IaxCommand.POKE);
        FullFrame poke = peer.receiveFull(1_000);
        peer.send(from(77, poke.sourceCall(), poke.timestamp(), 0, 1, IaxCommand.ACK), address());
        assertNull(peer.receive((int) Dialog.FIRST_RETRANSMISSION.toMillis() * 3), "no retransmission after ACK");
    }

    @Test
    void aDuplicateIsAcknowledgedAgainButDeliveredOnceAndAGapIsAnsweredWithVnak() throws Exception {
        dialogSending(IaxCommand.POKE);
        FullFrame poke = peer.receiveFull(1_000);
        int ours = poke.sourceCall();
        FullFrame pong = from(77, ours, 40, 0, 1, IaxCommand.PONG);
        peer.send(pong, address());
        peer.send(pong.retransmitted(), address());
        FullFrame firstAck = peer.receiveFull(1_000);
        FullFrame secondAck = peer.receiveFull(1_000);
        assertTrue(firstAck.isIax(IaxCommand.ACK) && secondAck.isIax(IaxCommand.ACK), firstAck + " / " + secondAck);
        assertEquals(40, secondAck.timestamp());
        assertEquals(1, secondAck.inboundSequence());
        assertEquals(IaxCommand.PONG, delivered.poll(1, TimeUnit.SECONDS).rawSubclass());
        assertNull(delivered.poll(200, TimeUnit.MILLISECONDS), "the duplicate is not delivered");
        // oseq 2 while 1 is expected: the peer is told what we miss
        peer.send(from(77, ours, 60, 2, 1, IaxCommand.LAGRP), address());
        FullFrame vnak = peer.receiveFull(1_000);
        assertTrue(vnak.isIax(IaxCommand.VNAK), "VNAK, got " + vnak);
        assertEquals(1, vnak.inboundSequence());
    }

    @Test
    void vnakMakesUsSendEverythingUnacknowledgedAgain() throws Exception {
        Dialog dialog = dialogSending(IaxCommand.POKE);
        FullFrame poke = peer.receiveFull(1_000);
        endpoint.execute(() -> dialog.sendIax(IaxCommand.PING, InformationElements.builder()));
        FullFrame ping = peer.receiveFull(1_000);
        peer.send(from(77, poke.sourceCall(), 5, 0, 0, IaxCommand.VNAK), address());
        FullFrame again1 = peer.receiveFull(400);
        FullFrame again2 = peer.receiveFull(400);
        assertEquals(List.of(poke.outboundSequence(), ping.outboundSequence()),
                List.of(again1.outboundSequence(), again2.outboundSequence()));
        assertTrue(again1.retransmission() && again2.retransmission());
    }

    @Test
    void framesForAnUnknownCallAreAnsweredWithInval() throws Exception {
        peer.send(from(55, 4242, 100, 3, 2, IaxCommand.HANGUP), address());
        FullFrame inval = peer.receiveFull(1_000);
        assertTrue(inval.isIax(IaxCommand.INVAL), "INVAL, got " + inval);
        assertEquals(4242, inval.sourceCall());
        assertEquals(55, inval.destinationCall());
    }

    @Test
    void pingIsAnsweredWithPongAndLagRequestWithItsOwnTimestamp() throws Exception {
        dialogSending(IaxCommand.POKE);
        FullFrame poke = peer.receiveFull(1_000);
        int ours = poke.sourceCall();
        peer.send(from(77, ours, 1234, 0, 1, IaxCommand.PING), address());
        FullFrame pong = peer.receiveFull(1_000);
        assertTrue(pong.isIax(IaxCommand.PONG), "PONG, got " + pong);
        assertEquals(1, pong.inboundSequence());
        peer.send(from(77, ours, 5678, 1, 2, IaxCommand.LAGRQ), address());
        FullFrame lagrp = peer.receiveFull(1_000);
        assertTrue(lagrp.isIax(IaxCommand.LAGRP), "LAGRP, got " + lagrp);
        assertEquals(5678, lagrp.timestamp());
    }

    @Test
    void garbageIsDroppedAndTheEndpointKeepsWorking() throws Exception {
        peer.sendRaw(new byte[] { 1, 2 }, address());
        peer.sendRaw(new byte[] { (byte) 0x80, 1, 0, 0, 0 }, address());
        peer.sendRaw(new byte[] { 0, 0, 9, 0, 0, 0, 0, 0, 0 }, address());
        peer.send(from(99, 0, 10, 0, 0, IaxCommand.POKE), address());
        FullFrame pong = peer.receiveFull(1_000);
        assertTrue(pong.isIax(IaxCommand.PONG), "PONG to a POKE after garbage, got " + pong);
        assertEquals(99, pong.destinationCall());
    }

    private InetSocketAddress address() {
        return endpoint.localAddress();
    }
}

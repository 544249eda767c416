package dev.switchboard.protocol.iax2.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One IAX2 "call" in the RFC's sense (a registration, a poke or a real call): a local call number,
 * the peer's, and reliable in-order delivery of full frames (RFC 5456 section 7). Sent frames are
 * kept until the peer's ISeqno covers them and retransmitted with the R bit at a doubling interval
 * until {@link #GIVE_UP}; received frames are delivered once, in OSeqno order; a duplicate is
 * acknowledged again and dropped, a gap is answered with VNAK. Only the endpoint's loop thread uses
 * a dialog.
 */
final class Dialog {
    private static final Logger LOG = System.getLogger(Dialog.class.getName());

    static final Duration FIRST_RETRANSMISSION = Duration.ofMillis(500);
    static final Duration LONGEST_RETRANSMISSION = Duration.ofSeconds(2);
    /** After this long without an acknowledgement the peer is taken as gone. */
    static final Duration GIVE_UP = Duration.ofMillis(7_500);

    private record Pending(FullFrame frame, long firstSentNanos, ScheduledFuture<?>[] timer) {
    }

    private final Iax2Endpoint endpoint;
    private final int localCall;
    /** Where the dialog's frames go; changes once, when a native transfer completes (TXREL). */
    private InetSocketAddress peer;
    private final long startNanos = System.nanoTime();
    private final Deque<Pending> unacknowledged = new ArrayDeque<>();
    private DialogHandler handler;
    private int remoteCall;
    private int outboundSequence;
    private int inboundSequence;
    private long lastTimestamp = -1;
    private long lastFullVoiceTimestamp;
    private long lastReceivedVoiceTimestamp;
    private boolean closeWhenDelivered;
    private Aes128Cipher cipher;
    /** Whether our frames go out encrypted (the caller's side: from its AUTHREP on). */
    private boolean sendEncrypted;
    /** Whether a frame of the peer decrypted with {@link #cipher}; until then clear frames are still taken. */
    private boolean cipherConfirmed;
    private boolean closed;
    /** A native transfer under way: the far end's address and call number the server gave in TXREQ. */
    private InetSocketAddress transferPeer;
    private ScheduledFuture<?> transferConnectTimer;
    /** After the media path moved, mini frames wait for the new peer's first full voice frame. */
    private boolean awaitingFullVoice;

    Dialog(Iax2Endpoint endpoint, int localCall, InetSocketAddress peer, DialogHandler handler) {
        this.endpoint = endpoint;
        this.localCall = localCall;
        this.peer = peer;
        this.handler = handler;
    }

    int localCall() {
        return localCall;
    }

    int remoteCall() {
        return remoteCall;
    }

    InetSocketAddress peer() {
        return peer;
    }

    boolean closed() {
        return closed;
    }

    /**
     * The caller's side of an encrypted call: from now on every frame we send is encrypted with
     * {@code cipher} (the AUTHREP already is, as Asterisk expects), and so are the peer's.
     */
    void encrypt(Aes128Cipher cipher) {
        this.cipher = cipher;
        this.sendEncrypted = true;
    }

    /**
     * The called side: after our AUTHREQ offered encryption the caller's answer comes encrypted with
     * {@code cipher}; we keep sending in clear (a lost AUTHREQ is resent as the caller can read it)
     * until a frame of the caller decrypts, as Asterisk does, then encrypt both ways.
     */
    void expectEncrypted(Aes128Cipher cipher) {
        this.cipher = cipher;
        this.sendEncrypted = false;
    }

    Aes128Cipher cipher() {
        return cipher;
    }

    /** A frame of the peer decrypted: the key is agreed, everything goes encrypted from here on. */
    void cipherConfirmed() {
        cipherConfirmed = true;
        sendEncrypted = true;
    }

    /** Whether the peer has shown it encrypts with our key (a frame of it decrypted). */
    boolean encryptedBothWays() {
        return cipherConfirmed;
    }

    /**
     * Whether a frame in clear is still taken: before the key is confirmed (a NEW or AUTHREQ resent,
     * or a REJECT from a peer that could not decrypt us); never after, so nobody can inject clear
     * frames into an encrypted call.
     */
    boolean acceptsClear() {
        return cipher == null || !cipherConfirmed;
    }

    /** A datagram for this dialog neither decrypted nor read in clear. */
    void undecryptable() {
        if (!closed) {
            handler.undecryptable(this);
        }
    }

    private void transmit(IaxFrame frame) {
        endpoint.transmit(frame, peer, sendEncrypted ? cipher : null);
    }

    void handler(DialogHandler handler) {
        this.handler = handler;
    }

    /** Milliseconds since the dialog began: the timestamp of frames we originate. */
    long now() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    /** Sends a sequenced frame stamped now (and after the previous one, as the peer expects). */
    FullFrame send(int frameType, long subclass, byte[] payload) {
        long timestamp = Math.max(now(), lastTimestamp + 1);
        return sendStamped(frameType, subclass, payload, timestamp);
    }

    FullFrame sendIax(int command, InformationElements.Builder elements) {
        return send(FrameType.IAX, command, elements.encode());
    }

    /** Sends a sequenced frame with a given timestamp (voice frames carry the media clock). */
    FullFrame sendStamped(int frameType, long subclass, byte[] payload, long timestamp) {
        if (closed) {
            return null;
        }
        FullFrame frame = FullFrame.of(localCall, remoteCall, timestamp, outboundSequence, inboundSequence,
                frameType, subclass, payload);
        outboundSequence = (outboundSequence + 1) & 0xff;
        lastTimestamp = Math.max(lastTimestamp, timestamp);
        if (frameType == FrameType.VOICE) {
            lastFullVoiceTimestamp = timestamp;
        }
        ScheduledFuture<?>[] timer = new ScheduledFuture<?>[1];
        Pending pending = new Pending(frame, System.nanoTime(), timer);
        unacknowledged.add(pending);
        transmit(frame);
        scheduleRetransmission(pending, FIRST_RETRANSMISSION);
        return frame;
    }

    private void scheduleRetransmission(Pending pending, Duration delay) {
        pending.timer()[0] = endpoint.schedule(() -> retransmit(pending, delay), delay);
    }

    private void retransmit(Pending pending, Duration lastDelay) {
        if (closed || !unacknowledged.contains(pending)) {
            return;
        }
        long waited = System.nanoTime() - pending.firstSentNanos();
        if (waited >= GIVE_UP.toNanos()) {
            LOG.log(Level.DEBUG, "IAX2 call {0}: no acknowledgement of {1}", localCall, pending.frame().describe());
            fail("no answer from " + peer.getAddress().getHostAddress() + ":" + peer.getPort());
            return;
        }
        transmit(pending.frame().withInboundSequence(inboundSequence).retransmitted());
        Duration next = lastDelay.multipliedBy(2);
        if (next.compareTo(LONGEST_RETRANSMISSION) > 0) {
            next = LONGEST_RETRANSMISSION;
        }
        Duration remaining = GIVE_UP.minusNanos(waited);
        scheduleRetransmission(pending, next.compareTo(remaining) < 0 ? next : remaining);
    }

    /** A mini frame of voice in the format of the last full voice frame. */
    void sendMini(long timestamp, byte[] payload) {
        if (!closed) {
            transmit(new MiniFrame(localCall, (int) (timestamp & 0xffff), payload));
        }
    }

    /** Whether voice at {@code timestamp} must go in a full frame: the 16-bit mini timestamp wrapped. */
    boolean needsFullVoiceFrame(long timestamp) {
        return (timestamp & ~0xffffL) != (lastFullVoiceTimestamp & ~0xffffL);
    }

    // ---- call path optimisation (RFC 5456 section 6.3) ----

    /**
     * TXCNT to the far end the server named, with our call number as source and its as destination,
     * resent like a full frame until {@link #transferConnected()} or, after {@link #GIVE_UP}, {@code gaveUp}.
     */
    void connectForTransfer(InetSocketAddress target, int targetCall, InformationElements.Builder elements,
            Runnable gaveUp) {
        transferPeer = target;
        FullFrame connect = FullFrame.of(localCall, targetCall, now(), 0, 0, FrameType.IAX, IaxCommand.TXCNT,
                elements.encode());
        long started = System.nanoTime();
        endpoint.transmit(connect, target);
        resendTransferConnect(connect, started, FIRST_RETRANSMISSION, gaveUp);
    }

    private void resendTransferConnect(FullFrame connect, long started, Duration delay, Runnable gaveUp) {
        transferConnectTimer = endpoint.schedule(() -> {
            if (closed || transferPeer == null) {
                return;
            }
            if (System.nanoTime() - started >= GIVE_UP.toNanos()) {
                transferConnectTimer = null;
                gaveUp.run();
                return;
            }
            endpoint.transmit(connect.retransmitted(), transferPeer);
            Duration next = delay.multipliedBy(2);
            resendTransferConnect(connect, started, next.compareTo(LONGEST_RETRANSMISSION) > 0
                    ? LONGEST_RETRANSMISSION : next, gaveUp);
        }, delay);
    }

    /** The far end accepted our TXCNT: stop resending it. */
    void transferConnected() {
        if (transferConnectTimer != null) {
            transferConnectTimer.cancel(false);
            transferConnectTimer = null;
        }
    }

    /** Whether {@code from} is the far end of a native transfer under way (its TXCNT/TXACC come from there). */
    boolean isTransferPeer(InetSocketAddress from) {
        return transferPeer != null && transferPeer.equals(from);
    }

    /** TXCNT or TXACC from the far end of the transfer (not sequenced: they belong to no dialog yet). */
    void receiveFromTransferPeer(FullFrame frame) {
        if (!closed) {
            handler.transferFrame(this, frame);
        }
    }

    /** Answers the far end's TXCNT with TXACC, to its call number at its address. */
    void acceptTransferConnect(FullFrame connect) {
        endpoint.transmit(FullFrame.of(localCall, connect.sourceCall(), now(), 0, 0, FrameType.IAX,
                IaxCommand.TXACC, new byte[0]), transferPeer);
    }

    /** The transfer was refused or failed: the call stays with the server. */
    void abandonTransfer() {
        transferConnected();
        transferPeer = null;
    }

    /**
     * TXREL: from now on the dialog talks to the far end directly, which knows us as
     * {@code newRemoteCall}'s peer; sequence numbers start again at 0, frames still unacknowledged by
     * the server are dropped (as Asterisk does: nobody there cares any more) and the far end's voice
     * timestamps are learnt anew from its first full voice frame.
     */
    void completeTransfer(int newRemoteCall) {
        cancelTimers();
        unacknowledged.clear();
        transferConnected();
        peer = transferPeer;
        remoteCall = newRemoteCall;
        transferPeer = null;
        outboundSequence = 0;
        inboundSequence = 0;
        lastFullVoiceTimestamp = 0;
        lastReceivedVoiceTimestamp = 0;
        awaitingFullVoice = true;
        endpoint.moved(this);
    }

    /** Answers a frame with an unsequenced IAX frame (ACK, INVAL, VNAK). */
    void sendUnsequenced(int command, long timestamp) {
        if (!closed) {
            transmit(FullFrame.of(localCall, remoteCall, timestamp, outboundSequence, inboundSequence,
                    FrameType.IAX, command, new byte[0]));
        }
    }

    /**
     * Starts the dialog over, as after a CALLTOKEN: the peer forgets the first attempt, so the next
     * frame is OSeqno 0 again and the peer's call number is learnt anew.
     */
    void restart() {
        cancelTimers();
        unacknowledged.clear();
        outboundSequence = 0;
        inboundSequence = 0;
        remoteCall = 0;
    }

    /** Closes the dialog once every frame sent has been acknowledged (or given up on). */
    void closeWhenDelivered() {
        closeWhenDelivered = true;
        if (unacknowledged.isEmpty()) {
            close();
        }
    }

    void close() {
        if (!closed) {
            closed = true;
            cancelTimers();
            transferConnected();
            unacknowledged.clear();
            endpoint.forget(this);
        }
    }

    private void cancelTimers() {
        for (Pending pending : unacknowledged) {
            if (pending.timer()[0] != null) {
                pending.timer()[0].cancel(false);
            }
        }
    }

    private void fail(String reason) {
        boolean quietly = closeWhenDelivered;
        close();
        if (!quietly) {
            handler.failed(this, reason);
        }
    }

    void receive(FullFrame frame) {
        if (closed) {
            return;
        }
        if (remoteCall == 0 && frame.sourceCall() != 0 && !frame.isIax(IaxCommand.CALLTOKEN)) {
            remoteCall = frame.sourceCall();
        }
        acknowledgeUpTo(frame.inboundSequence());
        if (frame.unsequenced()) {
            if (frame.isIax(IaxCommand.VNAK)) {
                for (Pending pending : unacknowledged) {
                    transmit(pending.frame().withInboundSequence(inboundSequence).retransmitted());
                }
            } else if (frame.isIax(IaxCommand.INVAL)) {
                fail("the peer does not know the call any more");
            }
            return;
        }
        int distance = (frame.outboundSequence() - inboundSequence) & 0xff;
        if (distance != 0) {
            if (distance >= 0x80) {
                // already delivered: our ACK was lost, so acknowledge again
                sendUnsequenced(IaxCommand.ACK, frame.timestamp());
            } else {
                sendUnsequenced(IaxCommand.VNAK, frame.timestamp());
            }
            return;
        }
        inboundSequence = (inboundSequence + 1) & 0xff;
        if (frame.frameType() == FrameType.VOICE) {
            lastReceivedVoiceTimestamp = frame.timestamp();
            awaitingFullVoice = false;
        }
        boolean answered = answerKeepAlive(frame) || handler.frame(this, frame);
        if (!answered && !closed) {
            sendUnsequenced(IaxCommand.ACK, frame.timestamp());
        }
    }

    /** The full 32-bit timestamp of a mini frame, from the last full voice frame's upper bits. */
    long extendMiniTimestamp(int timestamp16) {
        long base = lastReceivedVoiceTimestamp & ~0xffffL;
        long candidate = base | timestamp16;
        if (candidate + 0x8000 < lastReceivedVoiceTimestamp) {
            candidate += 0x10000;
        }
        return candidate;
    }

    void receiveVoice(int timestamp16, byte[] payload) {
        if (!closed && !awaitingFullVoice) {
            long timestamp = extendMiniTimestamp(timestamp16);
            if (timestamp > lastReceivedVoiceTimestamp) {
                lastReceivedVoiceTimestamp = timestamp;
            }
            handler.voice(this, timestamp, payload);
        }
    }

    private boolean answerKeepAlive(FullFrame frame) {
        if (frame.frameType() != FrameType.IAX) {
            return false;
        }
        if (frame.rawSubclass() == IaxCommand.PING || frame.rawSubclass() == IaxCommand.POKE) {
            send(FrameType.IAX, IaxCommand.PONG, new byte[0]);
            if (frame.rawSubclass() == IaxCommand.POKE) {
                closeWhenDelivered();
            }
            return true;
        }
        if (frame.rawSubclass() == IaxCommand.LAGRQ) {
            // LAGRP echoes the LAGRQ's timestamp, so the requester measures the round trip
            sendStamped(FrameType.IAX, IaxCommand.LAGRP, new byte[0], frame.timestamp());
            return true;
        }
        return false;
    }

    private void acknowledgeUpTo(int peerInboundSequence) {
        while (!unacknowledged.isEmpty()) {
            Pending oldest = unacknowledged.peekFirst();
            int behind = (peerInboundSequence - oldest.frame().outboundSequence()) & 0xff;
            if (behind == 0 || behind >= 0x80) {
                break;
            }
            unacknowledged.removeFirst();
            if (oldest.timer()[0] != null) {
                oldest.timer()[0].cancel(false);
            }
        }
        if (closeWhenDelivered && unacknowledged.isEmpty()) {
            close();
        }
    }

    @Override
    public String toString() {
        return "IAX2 call " + localCall + "/" + remoteCall + " with " + peer;
    }
}

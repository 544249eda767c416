package dev.switchboard.protocol.iax2.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The IAX2 side of one account: one UDP socket, a receiving thread and one loop thread on which
 * every dialog and every timer runs (so protocol state needs no locks). Datagrams are routed to
 * dialogs by our call number (full frames) or by the peer's address and call number (mini and trunk
 * frames); frames for calls we do not know are answered with INVAL.
 */
final class Iax2Endpoint implements AutoCloseable {
    private static final Logger LOG = System.getLogger(Iax2Endpoint.class.getName());
    private static final int MAX_DATAGRAM = 4096;

    /** Told of a call the peer starts; POKE, PING and REGREQ without a call the endpoint answers itself. */
    interface UnsolicitedHandler {
        /** A NEW for a call we do not know yet; returns the handler of the new dialog, or null to refuse. */
        DialogHandler incomingCall(Dialog dialog, FullFrame newFrame);
    }

    private final DatagramChannel channel;
    private final ScheduledExecutorService loop;
    private final Thread receiver;
    private final Map<Integer, Dialog> dialogs = new HashMap<>();
    private final Map<String, Dialog> byRemote = new HashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final UnsolicitedHandler unsolicited;
    private volatile boolean closed;

    Iax2Endpoint(InetSocketAddress bindAddress, String name, UnsolicitedHandler unsolicited) throws IOException {
        this.unsolicited = unsolicited;
        this.channel = DatagramChannel.open();
        try {
            channel.bind(bindAddress);
        } catch (IOException e) {
            channel.close();
            throw new IOException("cannot bind IAX2 to " + bindAddress + ": " + e.getMessage(), e);
        }
        this.loop = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "iax2-" + name);
            thread.setDaemon(true);
            return thread;
        });
        this.receiver = new Thread(this::receive, "iax2-" + name + "-receive");
        receiver.setDaemon(true);
        receiver.start();
    }

    InetSocketAddress localAddress() {
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException("IAX2 socket closed", e);
        }
    }

    void execute(Runnable task) {
        try {
            loop.execute(() -> runSafely(task));
        } catch (RejectedExecutionException e) {
            LOG.log(Level.DEBUG, "IAX2 endpoint closed; task dropped");
        }
    }

    /** Runs {@code task} on the loop and waits for its result (for API calls that must answer). */
    <T> T call(Callable<T> task) {
        try {
            return loop.submit(task).get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("IAX2 loop did not answer", e);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("IAX2 session closed", e);
        }
    }

    ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        try {
            return loop.schedule(() -> runSafely(task), delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    private static void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "IAX2: " + e.getMessage(), e);
        }
    }

    /** Opens a dialog with a fresh call number (1-32767, random and unused). */
    Dialog open(InetSocketAddress peer, DialogHandler handler) {
        int number;
        do {
            number = 1 + random.nextInt(0x7fff);
        } while (dialogs.containsKey(number));
        Dialog dialog = new Dialog(this, number, peer, handler);
        dialogs.put(number, dialog);
        return dialog;
    }

    /** The dialog's peer changed (native transfer): mini frames are found under its new address and call number. */
    void moved(Dialog dialog) {
        byRemote.values().removeIf(known -> known == dialog);
        byRemote.put(key(dialog.peer(), dialog.remoteCall()), dialog);
    }

    void forget(Dialog dialog) {
        dialogs.remove(dialog.localCall(), dialog);
        byRemote.values().removeIf(known -> known == dialog);
    }

    void transmit(IaxFrame frame, InetSocketAddress peer) {
        transmit(frame, peer, null);
    }

    /** Sends {@code frame}, encrypted when the dialog has a cipher. */
    void transmit(IaxFrame frame, InetSocketAddress peer, Aes128Cipher cipher) {
        if (frame instanceof FullFrame full) {
            LOG.log(Level.TRACE, () -> "IAX2 -> " + peer + " " + full.describe());
        }
        try {
            byte[] bytes = FrameCodec.encode(frame);
            channel.send(ByteBuffer.wrap(cipher == null ? bytes : cipher.encrypt(bytes)), peer);
        } catch (IOException e) {
            if (!closed) {
                LOG.log(Level.DEBUG, "IAX2 send to " + peer + " failed: " + e.getMessage());
            }
        }
    }

    private void receive() {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
        while (!closed) {
            try {
                buffer.clear();
                SocketAddress from = channel.receive(buffer);
                if (from instanceof InetSocketAddress peer) {
                    byte[] datagram = new byte[buffer.position()];
                    buffer.flip();
                    buffer.get(datagram);
                    execute(() -> dispatch(datagram, peer));
                }
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(Level.DEBUG, "IAX2 receive failed: " + e.getMessage());
                }
            }
        }
    }

    /** Routes one datagram; runs on the loop. Package-private so tests can feed frames directly. */
    void dispatch(byte[] received, InetSocketAddress peer) {
        IaxFrame frame;
        try {
            byte[] datagram = decryptIfNeeded(received, peer);
            if (datagram == null) {
                return;
            }
            frame = FrameCodec.decode(datagram, 0, datagram.length);
        } catch (MalformedFrameException e) {
            LOG.log(Level.DEBUG, "IAX2 from " + peer + " dropped: " + e.getMessage());
            return;
        }
        switch (frame) {
            case FullFrame full -> dispatchFull(full, peer);
            case MiniFrame mini -> voice(peer, mini.sourceCall(), mini.timestamp16(), mini.payload());
            case TrunkFrame trunk -> trunk.entries().forEach(entry -> voice(peer, entry.sourceCall(),
                    entry.timestamp16() >= 0 ? entry.timestamp16() : (int) (trunk.timestamp() & 0xffff),
                    entry.payload()));
        }
    }

    /**
     * The datagram in clear, or null to drop it: frames of an encrypted dialog are found by their call
     * numbers, which stay clear. AES-CBC has no integrity check, so a decryption counts when it gives a
     * plausible frame; the first such frame confirms the key. Until then a plausible clear frame is
     * taken as it is; anything else is reported to the dialog and dropped.
     */
    private byte[] decryptIfNeeded(byte[] datagram, InetSocketAddress peer) {
        if (datagram.length < 4) {
            return datagram;
        }
        int first = (datagram[0] & 0xff) << 8 | datagram[1] & 0xff;
        Dialog dialog;
        if ((first & 0x8000) != 0) {
            int destination = ((datagram[2] & 0x7f) << 8) | datagram[3] & 0xff;
            dialog = destination == 0 ? null : dialogs.get(destination);
        } else {
            dialog = first == 0 ? null : byRemote.get(key(peer, first));
        }
        if (dialog == null || dialog.cipher() == null) {
            return datagram;
        }
        byte[] decrypted;
        try {
            decrypted = dialog.cipher().decrypt(datagram);
        } catch (MalformedFrameException e) {
            decrypted = null;
        }
        if ((first & 0x8000) == 0) {
            // a mini frame has nothing to check: voice flows only once the call is up and keyed
            return decrypted != null ? decrypted : dialog.acceptsClear() ? datagram : null;
        }
        if (decrypted != null && plausibleFullFrame(decrypted)) {
            if (!dialog.encryptedBothWays()) {
                dialog.cipherConfirmed();
            }
            return decrypted;
        }
        if (dialog.acceptsClear() && plausibleFullFrame(datagram)) {
            return datagram;
        }
        LOG.log(Level.DEBUG, "IAX2 from " + peer + ": a frame of an encrypted call did not decrypt; dropped");
        dialog.undecryptable();
        return null;
    }

    /** A known frame type (and for IAX frames a known command with well-formed elements). */
    private static boolean plausibleFullFrame(byte[] datagram) {
        try {
            if (!(FrameCodec.decode(datagram, 0, datagram.length) instanceof FullFrame full)) {
                return false;
            }
            if (full.frameType() < FrameType.DTMF_END || full.frameType() > FrameType.DTMF_BEGIN) {
                return false;
            }
            if (full.frameType() == FrameType.IAX) {
                full.informationElements();
                return full.rawSubclass() >= IaxCommand.NEW && full.rawSubclass() <= IaxCommand.CALLTOKEN;
            }
            return true;
        } catch (MalformedFrameException e) {
            return false;
        }
    }

    private void voice(InetSocketAddress peer, int remoteCall, int timestamp16, byte[] payload) {
        Dialog dialog = byRemote.get(key(peer, remoteCall));
        if (dialog != null) {
            dialog.receiveVoice(timestamp16, payload);
        }
    }

    private void dispatchFull(FullFrame frame, InetSocketAddress peer) {
        LOG.log(Level.TRACE, () -> "IAX2 <- " + peer + " " + frame.describe());
        if (frame.destinationCall() != 0) {
            Dialog dialog = dialogs.get(frame.destinationCall());
            if (dialog != null && !dialog.peer().equals(peer) && dialog.isTransferPeer(peer)
                    && (frame.isIax(IaxCommand.TXCNT) || frame.isIax(IaxCommand.TXACC))) {
                dialog.receiveFromTransferPeer(frame);
                return;
            }
            if (dialog == null || !dialog.peer().equals(peer)) {
                if (!frame.unsequenced()) {
                    // RFC 5456 section 6.9.2: a frame for a call we do not know is answered with INVAL
                    transmit(FullFrame.of(frame.destinationCall(), frame.sourceCall(), frame.timestamp(),
                            frame.inboundSequence(), (frame.outboundSequence() + 1) & 0xff, FrameType.IAX,
                            IaxCommand.INVAL, new byte[0]), peer);
                }
                return;
            }
            dialog.receive(frame);
            // (a TXREL just moved the dialog to another peer: moved() has filed it there)
            if (dialog.remoteCall() != 0 && !dialog.closed() && dialog.peer().equals(peer)) {
                byRemote.putIfAbsent(key(peer, dialog.remoteCall()), dialog);
            }
            return;
        }
        Dialog known = byRemote.get(key(peer, frame.sourceCall()));
        if (known != null) {
            // a retransmission of the first frame, before the peer learnt our call number
            known.receive(frame);
            return;
        }
        if (frame.frameType() != FrameType.IAX || frame.unsequenced()) {
            return;
        }
        switch (frame.rawSubclass()) {
            case IaxCommand.NEW -> {
                Dialog dialog = open(peer, null);
                DialogHandler handler = unsolicited.incomingCall(dialog, frame);
                if (handler == null) {
                    dialog.close();
                    return;
                }
                dialog.handler(handler);
                dialog.receive(frame);
                byRemote.put(key(peer, frame.sourceCall()), dialog);
            }
            case IaxCommand.POKE, IaxCommand.PING -> {
                Dialog dialog = open(peer, new DialogHandler() {
                    @Override
                    public boolean frame(Dialog d, FullFrame f) {
                        return false;
                    }

                    @Override
                    public void failed(Dialog d, String reason) {
                    }
                });
                byRemote.put(key(peer, frame.sourceCall()), dialog);
                dialog.receive(frame);
                dialog.closeWhenDelivered();
            }
            case IaxCommand.REGREQ, IaxCommand.REGREL -> {
                // we are a client, not a registrar: refuse at once so the peer does not retry forever
                Dialog dialog = open(peer, new DialogHandler() {
                    @Override
                    public boolean frame(Dialog d, FullFrame f) {
                        d.sendIax(IaxCommand.REGREJ, InformationElements.builder()
                                .string(InformationElement.CAUSE, "Registration Refused")
                                .u8(InformationElement.CAUSECODE, 29));
                        d.closeWhenDelivered();
                        return true;
                    }

                    @Override
                    public void failed(Dialog d, String reason) {
                    }
                });
                byRemote.put(key(peer, frame.sourceCall()), dialog);
                dialog.receive(frame);
            }
            default -> LOG.log(Level.DEBUG, "IAX2 from " + peer + ": unexpected " + frame.describe());
        }
    }

    private static String key(InetSocketAddress peer, int remoteCall) {
        return peer.getAddress().getHostAddress() + ":" + peer.getPort() + "/" + remoteCall;
    }

    /** Runs {@code task} on the loop (e.g. hang-ups), then stops the threads and the socket. */
    void close(Runnable lastTask) {
        if (closed) {
            return;
        }
        try {
            loop.submit(() -> runSafely(lastTask)).get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            LOG.log(Level.DEBUG, "IAX2 close: " + e);
        }
        close();
    }

    @Override
    public void close() {
        closed = true;
        loop.shutdownNow();
        try {
            channel.close();
            receiver.join(2000);
            loop.awaitTermination(2, TimeUnit.SECONDS);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "IAX2 close: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

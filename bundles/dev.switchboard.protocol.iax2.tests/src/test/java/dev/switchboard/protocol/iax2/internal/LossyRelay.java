package dev.switchboard.protocol.iax2.internal;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A UDP relay on loopback between one caller and one callee that drops a share of the datagrams
 * and holds some back to deliver them after the next one (reordering), with a fixed seed so a run
 * can be repeated. The caller sends to {@link #port()}; the relay forwards to the callee and
 * everything from the callee back to whoever spoke last.
 */
final class LossyRelay implements AutoCloseable {
    private final DatagramSocket socket;
    private final InetSocketAddress callee;
    private final double loss;
    private final double reorder;
    private final Random random;
    private final Thread thread;
    private volatile InetSocketAddress caller;
    private DatagramPacket heldBack;
    final AtomicInteger dropped = new AtomicInteger();
    final AtomicInteger reordered = new AtomicInteger();
    /** Every datagram that reached the relay, both ways, as it arrived (for tests that look at the wire). */
    final java.util.Queue<byte[]> seen = new java.util.concurrent.ConcurrentLinkedQueue<>();

    LossyRelay(InetSocketAddress callee, double loss, double reorder, long seed) throws SocketException {
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.callee = callee;
        this.loss = loss;
        this.reorder = reorder;
        this.random = new Random(seed);
        this.thread = new Thread(this::relay, "lossy-relay");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void relay() {
        byte[] buffer = new byte[4096];
        try {
            while (true) {
                DatagramPacket in = new DatagramPacket(buffer, buffer.length);
                socket.receive(in);
                InetSocketAddress from = (InetSocketAddress) in.getSocketAddress();
                InetSocketAddress to;
                if (from.equals(callee)) {
                    to = caller;
                } else {
                    caller = from;
                    to = callee;
                }
                if (to == null) {
                    continue;
                }
                byte[] copy = java.util.Arrays.copyOf(in.getData(), in.getLength());
                seen.add(copy);
                DatagramPacket out = new DatagramPacket(copy, copy.length, to);
                double dice = random.nextDouble();
                if (dice < loss) {
                    dropped.incrementAndGet();
                    continue;
                }
                if (dice < loss + reorder && heldBack == null) {
                    heldBack = out;
                    reordered.incrementAndGet();
                    continue;
                }
                socket.send(out);
                if (heldBack != null) {
                    socket.send(heldBack);
                    heldBack = null;
                }
            }
        } catch (IOException e) {
            // closed: the test is over
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}

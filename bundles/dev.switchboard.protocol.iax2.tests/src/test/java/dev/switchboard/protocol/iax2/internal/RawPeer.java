package dev.switchboard.protocol.iax2.internal;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;

/** A bare UDP socket on loopback that speaks IAX2 frames, for driving our transport in tests. */
final class RawPeer implements AutoCloseable {
    private final DatagramSocket socket;
    private volatile InetSocketAddress lastSender;

    RawPeer() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    void send(IaxFrame frame, InetSocketAddress to) throws IOException {
        byte[] bytes = FrameCodec.encode(frame);
        socket.send(new DatagramPacket(bytes, bytes.length, to));
    }

    void sendRaw(byte[] bytes, InetSocketAddress to) throws IOException {
        socket.send(new DatagramPacket(bytes, bytes.length, to));
    }

    /** The next frame, or null when none arrives within {@code millis}. */
    IaxFrame receive(int millis) throws IOException {
        socket.setSoTimeout(millis);
        byte[] buffer = new byte[4096];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            return null;
        }
        lastSender = (InetSocketAddress) packet.getSocketAddress();
        return FrameCodec.decode(buffer, 0, packet.getLength());
    }

    /** The next datagram as it came (e.g. still encrypted), or null when none arrives within {@code millis}. */
    byte[] receiveDatagram(int millis) throws IOException {
        socket.setSoTimeout(millis);
        byte[] buffer = new byte[4096];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            return null;
        }
        lastSender = (InetSocketAddress) packet.getSocketAddress();
        return java.util.Arrays.copyOf(buffer, packet.getLength());
    }

    /** Where the last frame received came from. */
    InetSocketAddress lastSender() {
        return lastSender;
    }

    FullFrame receiveFull(int millis) throws IOException {
        IaxFrame frame = receive(millis);
        if (frame == null) {
            throw new AssertionError("no frame within " + millis + " ms");
        }
        if (!(frame instanceof FullFrame full)) {
            throw new AssertionError("expected a full frame, got " + frame);
        }
        return full;
    }

    @Override
    public void close() {
        socket.close();
    }
}

package dev.switchboard.testing.peers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Readiness probes shared by several peers. */
final class Probes {
    static final int CONNECT_TIMEOUT_MILLIS = 250;

    private Probes() {
    }

    /** True once something accepts TCP connections on the loopback {@code port}. */
    static boolean acceptsTcp(int port) throws IOException {
        try (Socket socket = connect(port)) {
            return true;
        }
    }

    static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(FreePorts.LOOPBACK, port), CONNECT_TIMEOUT_MILLIS);
            socket.setSoTimeout(CONNECT_TIMEOUT_MILLIS * 4);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }
}

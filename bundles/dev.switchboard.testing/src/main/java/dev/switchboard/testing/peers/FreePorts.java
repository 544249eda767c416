package dev.switchboard.testing.peers;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.Set;

/**
 * Finds loopback ports that are free right now. Ports handed out once are never handed out again in this
 * JVM, so peers started one after another before binding cannot be given the same port.
 */
final class FreePorts {
    static final String LOOPBACK_HOST = "127.0.0.1";
    static final InetAddress LOOPBACK = loopback();
    private static final int ATTEMPTS = 200;
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private FreePorts() {
    }

    /** A port free for TCP. */
    static int tcp() {
        return firstOfFreeRun(1, false);
    }

    /** A port free for both TCP and UDP, as SIP servers listen on both. */
    static int tcpAndUdp() {
        return firstOfFreeRun(1, true);
    }

    /** The first of {@code count} consecutive ports that are each free for TCP and UDP. */
    static int tcpAndUdpRun(int count) {
        return firstOfFreeRun(count, true);
    }

    private static synchronized int firstOfFreeRun(int count, boolean udpToo) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int first = ephemeralPort();
            if (first + count > 65535) {
                continue;
            }
            boolean allFree = true;
            for (int port = first; port < first + count && allFree; port++) {
                allFree = !HANDED_OUT.contains(port) && isFree(port, udpToo);
            }
            if (allFree) {
                for (int port = first; port < first + count; port++) {
                    HANDED_OUT.add(port);
                }
                return first;
            }
        }
        throw new PeerStartException("no run of " + count + " free loopback port(s) found in " + ATTEMPTS + " attempts");
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress(LOOPBACK_HOST, new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static int ephemeralPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new PeerStartException("cannot bind any TCP port on " + LOOPBACK.getHostAddress(), e);
        }
    }

    private static boolean isFree(int port, boolean udpToo) {
        try (ServerSocket tcp = new ServerSocket()) {
            tcp.setReuseAddress(false);
            tcp.bind(new InetSocketAddress(LOOPBACK, port), 1);
            if (udpToo) {
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(LOOPBACK, port))) {
                    return udp.getLocalPort() == port;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

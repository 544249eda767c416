package dev.switchboard.testing.peers;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Finds loopback ports that are free right now. Ports handed out once are never handed out again in this
 * JVM, so peers started one after another before binding cannot be given the same port. They are taken from
 * below the kernel's ephemeral range: every bind to port 0 (RTP sockets, the outgoing connections of our code
 * and of the peers) takes from that range, so a port handed out there could be taken in the moment before its
 * peer binds it.
 */
final class FreePorts {
    static final String LOOPBACK_HOST = "127.0.0.1";
    static final InetAddress LOOPBACK = loopback();
    private static final int ATTEMPTS = 200;
    /** The lowest port handed out: above the registered ports of services a test machine may run. */
    private static final int LOWEST = 20_000;
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
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
            int first = candidate(count);
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

    /**
     * A random port below the ephemeral range with room for {@code count}; a port of that range where the range
     * starts too low to leave any (or is not known).
     */
    private static int candidate(int count) {
        int ephemeralStart = ephemeralRangeStart();
        return ephemeralStart - count > LOWEST ? ThreadLocalRandom.current().nextInt(LOWEST, ephemeralStart - count + 1)
                : ephemeralPort();
    }

    /** The first port of the kernel's ephemeral range; 0 when it cannot be read (not Linux). */
    private static int ephemeralRangeStart() {
        try {
            // line by line: Files.readString gives only the first byte of this sysctl file (it reports size 0)
            return Integer.parseInt(Files.readAllLines(EPHEMERAL_RANGE).getFirst().trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 0;
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

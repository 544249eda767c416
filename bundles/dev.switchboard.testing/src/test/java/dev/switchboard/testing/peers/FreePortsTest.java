package dev.switchboard.testing.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class FreePortsTest {
    @Test
    void runOfPortsCanBeBoundForTcpAndUdpOnLoopback() throws IOException {
        int first = FreePorts.tcpAndUdpRun(3);
        for (int port = first; port < first + 3; port++) {
            try (ServerSocket tcp = new ServerSocket(port, 1, FreePorts.LOOPBACK);
                    DatagramSocket udp = new DatagramSocket(new InetSocketAddress(FreePorts.LOOPBACK, port))) {
                assertEquals(port, tcp.getLocalPort());
                assertEquals(port, udp.getLocalPort());
            }
        }
    }

    @Test
    void portIsNeverHandedOutTwice() {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            assertTrue(ports.add(FreePorts.tcp()), "port handed out twice: " + ports);
        }
    }

    @Test
    void portsComeFromBelowTheKernelsEphemeralRange() throws IOException {
        int ephemeralStart = Integer.parseInt(
                Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).getFirst().trim().split("\\s+")[0]);
        for (int i = 0; i < 20; i++) {
            int port = FreePorts.tcpAndUdp();
            assertTrue(port >= 20_000 && port < ephemeralStart, port + " outside 20000-" + ephemeralStart);
        }
    }

    @Test
    void loopbackIsIpv4Loopback() {
        assertEquals("127.0.0.1", FreePorts.LOOPBACK.getHostAddress());
        assertFalse(FreePorts.LOOPBACK.isAnyLocalAddress());
    }
}

package dev.switchboard.media.tests;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Just enough of a SIP UAS over UDP to let SIPp place a call whose media goes to an RTP session: answers
 * INVITE with 200 OK and an SDP naming {@code rtpPort}, and BYE with 200 OK. Signalling belongs to the SIP
 * adapter; this exists only so the RTP layer can meet a real RTP stack before that adapter does.
 */
final class MinimalSipAnswerer implements AutoCloseable {
    private final DatagramSocket socket;
    private final int rtpPort;
    private final Thread thread;
    private final List<String> requests = new ArrayList<>();

    MinimalSipAnswerer(InetAddress address, int rtpPort) throws SocketException {
        this.socket = new DatagramSocket(new InetSocketAddress(address, 0));
        this.rtpPort = rtpPort;
        this.thread = Thread.ofPlatform().daemon().name("sip-answerer").start(this::serve);
    }

    int port() {
        return socket.getLocalPort();
    }

    /** The request lines received so far. */
    synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join();
    }

    private void serve() {
        byte[] buffer = new byte[8192];
        while (!socket.isClosed()) {
            DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(datagram);
                String request = new String(buffer, 0, datagram.getLength(), StandardCharsets.UTF_8);
                String requestLine = request.substring(0, request.indexOf("\r\n"));
                synchronized (this) {
                    requests.add(requestLine);
                }
                String response = null;
                if (requestLine.startsWith("INVITE ")) {
                    String sdp = "v=0\r\no=switchboard 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                            + "m=audio " + rtpPort + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
                    response = ok(request, "Contact: <sip:rtp@127.0.0.1:" + port() + ">\r\nContent-Type: application/sdp\r\n",
                            sdp);
                } else if (requestLine.startsWith("BYE ")) {
                    response = ok(request, "", "");
                }
                if (response != null) {
                    byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
                    socket.send(new DatagramPacket(bytes, bytes.length, datagram.getSocketAddress()));
                }
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    throw new IllegalStateException("SIP answerer failed", e);
                }
            }
        }
    }

    private static String ok(String request, String extraHeaders, String body) {
        StringBuilder response = new StringBuilder("SIP/2.0 200 OK\r\n");
        for (String line : request.split("\r\n")) {
            String name = line.contains(":") ? line.substring(0, line.indexOf(':')).trim().toLowerCase() : "";
            switch (name) {
                case "via", "from", "call-id", "cseq" -> response.append(line).append("\r\n");
                case "to" -> response.append(line).append(line.contains(";tag=") ? "" : ";tag=switchboard").append("\r\n");
                default -> {
                    // other headers are not echoed in a response
                }
            }
        }
        return response.append(extraHeaders).append("Content-Length: ").append(body.length()).append("\r\n\r\n")
                .append(body).toString();
    }
}

package dev.switchboard.protocol.iax2.internal;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * Plays the server's side of a real captured IAX2 exchange against our client, frame by frame: the
 * server's frames go out as captured (our call number put in for the captured client's), and each
 * frame the captured client sent is awaited from us and compared (type, subclass, call numbers,
 * sequence numbers, ACK timestamps, and the information elements unless told otherwise). Used
 * because no IAX2 server (Asterisk) is packaged for Debian 12.
 */
final class ReplayPeer implements AutoCloseable {
    private static final int RECEIVE_TIMEOUT_MILLIS = 3_000;

    private final DatagramSocket socket;
    private final List<CaptureFile.CapturedFrame> script;
    private final int serverPort;
    private final boolean compareNewElements;
    private final List<String> mismatches = new ArrayList<>();
    private final Map<Integer, Integer> callNumbers = new HashMap<>();
    private final CompletableFuture<List<String>> done = new CompletableFuture<>();
    /** Where the server's first frames go when the server starts the exchange (a call to us). */
    private final CompletableFuture<InetSocketAddress> calledClient = new CompletableFuture<>();
    private InetSocketAddress client;
    private int encryptedFrom = Integer.MAX_VALUE;
    private Aes128Cipher clientCipher;
    private volatile java.util.Set<Integer> ignoredElements = java.util.Set.of();

    /**
     * @param belongs which captured frames are part of the exchange (e.g. not the server's POKEs)
     */
    ReplayPeer(String capture, int serverPort, Predicate<CaptureFile.CapturedFrame> belongs, boolean compareNewElements)
            throws IOException {
        this.script = CaptureFile.read(capture).stream().filter(belongs).toList();
        this.serverPort = serverPort;
        this.compareNewElements = compareNewElements;
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setSoTimeout(RECEIVE_TIMEOUT_MILLIS);
        Thread thread = new Thread(this::run, "replay-" + capture);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * From captured frame {@code frameNumber} on the call is AES-128 encrypted: the server's frames go
     * out as captured (only the clear call number rewritten); the captured client's and ours are
     * decrypted with the key from {@code challenge} and {@code secret} before they are compared.
     * Must be called before the script reaches that frame.
     */
    ReplayPeer encryptedFrom(int frameNumber, String challenge, String secret) {
        this.clientCipher = Aes128Cipher.fromChallenge(challenge, secret.toCharArray());
        this.encryptedFrom = frameNumber;
        return this;
    }

    /**
     * For an exchange the server starts (it calls us): where our client listens. Until this is
     * known the server's first frame waits.
     */
    ReplayPeer calling(InetSocketAddress ourClient) {
        calledClient.complete(ourClient);
        return this;
    }

    /**
     * Leaves IEs of {@code elementTypes} out of the comparison, where the captured client sent one
     * that is optional and ours leaves out. Must be called before the script reaches that frame.
     */
    ReplayPeer ignoringElements(int... elementTypes) {
        this.ignoredElements = java.util.Arrays.stream(elementTypes).boxed().collect(java.util.stream.Collectors.toSet());
        return this;
    }

    int port() {
        return socket.getLocalPort();
    }

    /** Waits for the whole script; returns every difference found (empty: our client matched). */
    List<String> result() throws Exception {
        return done.get(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** After the script: whether anything else arrives within {@code millis} (a retry storm would). */
    FullFrame nextWithin(int millis) throws IOException {
        socket.setSoTimeout(millis);
        byte[] buffer = new byte[4096];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            socket.receive(packet);
            return (FullFrame) FrameCodec.decode(buffer, 0, packet.getLength());
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    private void run() {
        try {
            for (CaptureFile.CapturedFrame captured : script) {
                if (captured.sourcePort() == serverPort) {
                    send(captured);
                } else {
                    expect(captured);
                }
            }
            done.complete(mismatches);
        } catch (IOException | RuntimeException e) {
            mismatches.add("replay stopped: " + e);
            done.complete(mismatches);
        }
    }

    private void send(CaptureFile.CapturedFrame captured) throws IOException {
        if (client == null) {
            try {
                client = calledClient.get(RECEIVE_TIMEOUT_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IOException("the server starts this exchange but was not told where our client is", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
        if (captured.number() >= encryptedFrom) {
            byte[] bytes = captured.datagram().clone();
            int destination = callNumbers.getOrDefault(captured.destinationCall(), captured.destinationCall());
            bytes[2] = (byte) (bytes[2] & 0x80 | destination >> 8);
            bytes[3] = (byte) destination;
            socket.send(new DatagramPacket(bytes, bytes.length, client));
            return;
        }
        FullFrame frame = (FullFrame) FrameCodec.decode(captured.datagram(), 0, captured.datagram().length);
        int destination = frame.destinationCall() == 0 ? 0
                : callNumbers.getOrDefault(frame.destinationCall(), frame.destinationCall());
        FullFrame rewritten = new FullFrame(frame.sourceCall(), destination, frame.retransmission(), frame.timestamp(),
                frame.outboundSequence(), frame.inboundSequence(), frame.frameType(), frame.rawSubclass(),
                frame.payload());
        byte[] bytes = FrameCodec.encode(rewritten);
        socket.send(new DatagramPacket(bytes, bytes.length, client));
    }

    private void expect(CaptureFile.CapturedFrame captured) throws IOException {
        boolean encrypted = captured.number() >= encryptedFrom;
        byte[] captureBytes = encrypted ? clientCipher.decrypt(captured.datagram()) : captured.datagram();
        FullFrame want = (FullFrame) FrameCodec.decode(captureBytes, 0, captureBytes.length);
        byte[] buffer = new byte[4096];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            mismatches.add("frame " + captured.number() + ": expected " + want.describe() + ", got nothing");
            throw new IOException("our client went silent at captured frame " + captured.number());
        }
        client = (InetSocketAddress) packet.getSocketAddress();
        byte[] ourBytes = java.util.Arrays.copyOf(buffer, packet.getLength());
        if (encrypted) {
            ourBytes = clientCipher.decrypt(ourBytes);
        }
        IaxFrame got = FrameCodec.decode(ourBytes, 0, ourBytes.length);
        if (!(got instanceof FullFrame ours)) {
            mismatches.add("frame " + captured.number() + ": expected " + want.describe() + ", got " + got);
            return;
        }
        callNumbers.putIfAbsent(want.sourceCall(), ours.sourceCall());
        String where = "frame " + captured.number() + " (" + want.describe() + " vs ours " + ours.describe() + ")";
        check(where, "type", want.frameType(), ours.frameType());
        check(where, "subclass", want.rawSubclass(), ours.rawSubclass());
        check(where, "source call", callNumbers.get(want.sourceCall()), ours.sourceCall());
        check(where, "destination call", want.destinationCall(), ours.destinationCall());
        check(where, "oseq", want.outboundSequence(), ours.outboundSequence());
        check(where, "iseq", want.inboundSequence(), ours.inboundSequence());
        if (want.isIax(IaxCommand.ACK)) {
            check(where, "ACK timestamp", want.timestamp(), ours.timestamp());
        }
        if (want.frameType() == FrameType.IAX && (compareNewElements || !want.isIax(IaxCommand.NEW))) {
            check(where, "information elements", elements(want), elements(ours));
        }
    }

    /**
     * IEs as text in type order (their order carries no meaning: libiax2 and Asterisk differ), without
     * an empty CALLTOKEN: clients that do not support it (libiax2) send none, we always offer it;
     * and without those the test said to ignore.
     */
    private List<String> elements(FullFrame frame) {
        return frame.informationElements().elements().stream()
                .filter(element -> element.type() != InformationElement.CALLTOKEN || element.data().length > 0)
                .filter(element -> !ignoredElements.contains(element.type()))
                .sorted(java.util.Comparator.comparingInt(InformationElements.Element::type))
                .map(element -> element.type() + "=" + HexFormat.of().formatHex(element.data())).toList();
    }

    private void check(String where, String what, Object want, Object got) {
        if (!want.equals(got)) {
            mismatches.add(where + ": " + what + " expected " + want + " but was " + got);
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}

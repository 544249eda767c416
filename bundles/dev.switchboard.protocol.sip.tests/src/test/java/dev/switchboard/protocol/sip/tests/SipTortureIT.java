package dev.switchboard.protocol.sip.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import dev.switchboard.core.account.Account;

/**
 * The 400 parser torture cases of NIST JAIN-SIP's test data, each sent as a UDP datagram to a SIP session's port,
 * the way the network delivers them. After each one a probe OPTIONS must be answered 200 (the stack neither hung
 * nor died); every case marked invalid that is a request whose Via can be answered must get 400; no exception
 * reaches our code's error log; and no uncaught exception kills a thread.
 */
class SipTortureIT {

    private static final int PROBE_TIMEOUT_MILLIS = 5000;

    record TortureCase(int number, String description, String message, boolean invalid) {
        boolean request() {
            return !message.startsWith("SIP/");
        }
    }

    record Outcome(TortureCase tortureCase, List<String> statusLines) {
    }

    @Test
    void everyTortureMessageIsSurvivedAndInvalidRequestsGet400() throws Exception {
        List<TortureCase> cases = load();
        assertTrue(cases.size() >= 300, "expected the torture file's messages, found " + cases.size());

        List<LogRecord> errors = new CopyOnWriteArrayList<>();
        Handler errorCollector = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.SEVERE.intValue() && record.getThrown() != null) {
                    errors.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger ours = Logger.getLogger("dev.switchboard.protocol.sip");
        ours.addHandler(errorCollector);
        List<Throwable> uncaught = new CopyOnWriteArrayList<>();
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> uncaught.add(error));

        int port = freeUdpPort();
        Account account = SipPlugin.account("torture", "alice", "127.0.0.1", "127.0.0.1:9", "localport",
                Integer.toString(port));
        List<Outcome> outcomes = new ArrayList<>();
        try (ClosingSession closing = new ClosingSession(SipPlugin.provider().open(account, new char[0],
                new RecordingSessionListener()));
                DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.setSoTimeout(PROBE_TIMEOUT_MILLIS);
            InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            for (TortureCase tortureCase : cases) {
                send(socket, target, tortureCase.message());
                outcomes.add(new Outcome(tortureCase, awaitProbe(socket, target, tortureCase)));
            }
        } finally {
            ours.removeHandler(errorCollector);
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }

        List<String> unanswered = new ArrayList<>();
        int rejected = 0;
        for (Outcome outcome : outcomes) {
            TortureCase tortureCase = outcome.tortureCase();
            if (tortureCase.invalid() && tortureCase.request() && answerable(tortureCase.message())) {
                if (acceptableRejection(tortureCase.message(), outcome.statusLines())) {
                    rejected++;
                } else {
                    unanswered.add("#" + tortureCase.number() + " got " + outcome.statusLines() + ": "
                            + tortureCase.message().lines().findFirst().orElse(""));
                }
            }
        }
        System.out.printf("SIP torture: %d messages survived, %d invalid requests answered 400%n", outcomes.size(),
                rejected);
        assertEquals(List.of(), unanswered, "invalid requests not answered 400");
        assertTrue(rejected > 0, "no invalid request was answered 400");
        assertEquals(List.of(), errors.stream().map(record -> record.getMessage() + ": " + record.getThrown()).toList());
        assertEquals(List.of(), uncaught);
    }

    /**
     * 400 for a malformed request; nothing for a malformed ACK (an ACK is never answered, RFC 3261 section 17.2.3);
     * a request with a method nobody defined (the torture file's NEWMETHOD) may be well formed but unknown, which
     * section 8.2.1 answers 501 (or 405) with an Allow header.
     */
    private static boolean acceptableRejection(String message, List<String> statusLines) {
        String method = message.substring(0, Math.max(0, message.indexOf(' ')));
        if (method.equals("ACK")) {
            return statusLines.isEmpty();
        }
        return statusLines.stream().anyMatch(line -> line.startsWith("SIP/2.0 400 ")
                || !KNOWN_METHODS.contains(method) && line.startsWith("SIP/2.0 501 "));
    }

    private static final java.util.Set<String> KNOWN_METHODS = java.util.Set.of("INVITE", "ACK", "BYE", "CANCEL",
            "OPTIONS", "REGISTER", "INFO", "PRACK", "UPDATE", "SUBSCRIBE", "NOTIFY", "REFER", "MESSAGE", "PUBLISH");

    /**
     * Whether a response to the message can be formed and routed at all: a response copies Via, From, To, Call-ID
     * and CSeq (RFC 3261 section 8.2.6.2), so a request lacking one of them, or with a Via too broken to carry a
     * response back, cannot be answered and is dropped.
     */
    private static boolean answerable(String message) {
        String head = message.split("\r\n\r\n", 2)[0];
        return head.lines().anyMatch(line -> line.matches("(?i)(via|v) *: *SIP */ *2\\.0 */ *UDP +[^ ;,]+.*"))
                && has(head, "from|f") && has(head, "to|t") && has(head, "call-id|i") && has(head, "cseq");
    }

    private static boolean has(String head, String names) {
        return head.lines().anyMatch(line -> line.matches("(?i)(" + names + ") *:.*"));
    }

    /** Sends a probe OPTIONS and collects the status lines that arrive before the probe's 200. */
    private static List<String> awaitProbe(DatagramSocket socket, InetSocketAddress target, TortureCase tortureCase)
            throws IOException {
        String callId = UUID.randomUUID() + "@probe";
        String probe = "OPTIONS sip:alice@127.0.0.1:" + target.getPort() + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + socket.getLocalPort() + ";rport;branch=z9hG4bK" + callId.hashCode()
                + "x" + tortureCase.number() + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:probe@127.0.0.1>;tag=probe\r\n"
                + "To: <sip:alice@127.0.0.1>\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Content-Length: 0\r\n\r\n";
        send(socket, target, probe);
        List<String> statusLines = new ArrayList<>();
        byte[] buffer = new byte[65536];
        while (true) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the session stopped answering after torture case #" + tortureCase.number()
                        + " (" + tortureCase.description() + "):\n" + tortureCase.message(), e);
            }
            String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.ISO_8859_1);
            String first = text.lines().findFirst().orElse("");
            if (text.contains(callId) && first.startsWith("SIP/2.0 200")) {
                return statusLines;
            }
            statusLines.add(first);
        }
    }

    private static void send(DatagramSocket socket, InetSocketAddress target, String message) throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.ISO_8859_1);
        socket.send(new DatagramPacket(bytes, bytes.length, target));
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return socket.getLocalPort();
        }
    }

    private static List<TortureCase> load() throws Exception {
        String location = System.getProperty("switchboard.sip.torture");
        if (location == null) {
            throw new AssertionError("system property switchboard.sip.torture (the torture.xml path) is not set");
        }
        Path file = Path.of(location).normalize();
        if (!Files.isReadable(file)) {
            throw new AssertionError("torture messages not found at " + file
                    + " (the project keeps NIST JAIN-SIP's torture.xml in ../shared/data/sip-torture beside the repository)");
        }
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setExpandEntityReferences(false);
        Document document = factory.newDocumentBuilder().parse(file.toFile());
        NodeList testcases = document.getElementsByTagName("testcase");
        List<TortureCase> cases = new ArrayList<>();
        for (int i = 0; i < testcases.getLength(); i++) {
            Element testcase = (Element) testcases.item(i);
            NodeList messages = testcase.getElementsByTagName("message");
            if (messages.getLength() == 0) {
                continue;
            }
            String raw = messages.item(0).getTextContent();
            String message = raw.strip().replace("\r\n", "\n").replace("\n", "\r\n") + "\r\n";
            if (!message.contains("\r\n\r\n")) {
                message += "\r\n";
            }
            NodeList description = testcase.getElementsByTagName("description");
            boolean invalid = testcase.getElementsByTagName("expect-exception-callback").getLength() > 0;
            cases.add(new TortureCase(i + 1, description.getLength() > 0
                    ? description.item(0).getTextContent().strip() : "", message, invalid));
        }
        return cases;
    }
}

package dev.switchboard.testing.tests;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deliberately small SIP REGISTER client over one UDP socket, with the digest response computed here from
 * RFC 7616 (MD5 and SHA-256, qop=auth, nc, cnonce) rather than by a SIP stack, so a test can see every
 * header that crosses the wire.
 */
final class SipRegistrationClient implements AutoCloseable {
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(3);
    private static final Pattern AUTH_PARAMETER = Pattern.compile("(\\w+)\\s*=\\s*(?:\"([^\"]*)\"|([^,\\s]+))");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A received SIP response: status code, the whole text, and header lookup by name. */
    record Response(int status, String text) {
        String header(String name) {
            for (String line : text.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).strip();
                }
            }
            return null;
        }
    }

    /** The parameters of a {@code WWW-Authenticate: Digest ...} challenge. */
    record Challenge(Map<String, String> parameters) {
        static Challenge parse(String header) {
            if (header == null || !header.regionMatches(true, 0, "Digest ", 0, 7)) {
                throw new AssertionError("not a digest challenge: " + header);
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            Matcher matcher = AUTH_PARAMETER.matcher(header.substring(7));
            while (matcher.find()) {
                parameters.put(matcher.group(1).toLowerCase(Locale.ROOT),
                        matcher.group(2) != null ? matcher.group(2) : matcher.group(3));
            }
            return new Challenge(parameters);
        }

        String realm() {
            return parameters.get("realm");
        }

        String nonce() {
            return parameters.get("nonce");
        }

        /** RFC 7616: absent means MD5. */
        String algorithm() {
            return parameters.getOrDefault("algorithm", "MD5");
        }

        boolean offersQopAuth() {
            String qop = parameters.get("qop");
            return qop != null && Pattern.compile("(^|,)\\s*auth\\s*($|,)").matcher(qop).find();
        }
    }

    private final DatagramSocket socket;
    private final InetSocketAddress registrar;
    private final String user;
    private final String domain;
    private final String callId = randomToken() + "@127.0.0.1";
    private final String fromTag = randomToken();
    private int cseq;
    private int nonceCount;

    SipRegistrationClient(InetSocketAddress registrar, String user, String domain) throws IOException {
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        this.socket.setSoTimeout((int) RESPONSE_TIMEOUT.toMillis());
        this.registrar = registrar;
        this.user = user;
        this.domain = domain;
    }

    String requestUri() {
        return "sip:" + registrar.getAddress().getHostAddress() + ":" + registrar.getPort();
    }

    /** Sends a REGISTER without credentials. */
    Response register() throws IOException {
        return send(null);
    }

    /** Sends a REGISTER answering {@code challenge} with a digest computed from {@code password}. */
    Response register(Challenge challenge, String password) throws IOException {
        return send(authorization(challenge, password));
    }

    String authorization(Challenge challenge, String password) {
        String algorithm = challenge.algorithm();
        String uri = requestUri();
        StringBuilder header = new StringBuilder("Digest username=\"").append(user).append("\", realm=\"")
                .append(challenge.realm()).append("\", nonce=\"").append(challenge.nonce()).append("\", uri=\"")
                .append(uri).append("\", algorithm=").append(algorithm);
        String response;
        if (challenge.offersQopAuth()) {
            String nc = String.format("%08x", ++nonceCount);
            String cnonce = randomToken();
            response = digestResponse(algorithm, user, challenge.realm(), password, "REGISTER", uri, challenge.nonce(),
                    nc, cnonce);
            header.append(", qop=auth, nc=").append(nc).append(", cnonce=\"").append(cnonce).append('"');
        } else {
            response = digestResponse(algorithm, user, challenge.realm(), password, "REGISTER", uri, challenge.nonce(),
                    null, null);
        }
        header.append(", response=\"").append(response).append('"');
        if (challenge.parameters().containsKey("opaque")) {
            header.append(", opaque=\"").append(challenge.parameters().get("opaque")).append('"');
        }
        return header.toString();
    }

    /**
     * RFC 7616 section 3.4.1: with qop=auth (nc and cnonce given) H(H(A1):nonce:nc:cnonce:auth:H(A2)), else the
     * RFC 2069 form H(H(A1):nonce:H(A2)); A1 = user:realm:password, A2 = method:uri.
     */
    static String digestResponse(String algorithm, String user, String realm, String password, String method,
            String uri, String nonce, String nc, String cnonce) {
        String ha1 = hash(algorithm, user + ":" + realm + ":" + password);
        String ha2 = hash(algorithm, method + ":" + uri);
        return nc != null
                ? hash(algorithm, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2)
                : hash(algorithm, ha1 + ":" + nonce + ":" + ha2);
    }

    private Response send(String authorization) throws IOException {
        int localPort = socket.getLocalPort();
        String branch = "z9hG4bK" + randomToken();
        String request = "REGISTER " + requestUri() + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + localPort + ";branch=" + branch + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:" + user + "@" + domain + ">;tag=" + fromTag + "\r\n"
                + "To: <sip:" + user + "@" + domain + ">\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + (++cseq) + " REGISTER\r\n"
                + "Contact: <sip:" + user + "@127.0.0.1:" + localPort + ">\r\n"
                + "Expires: 60\r\n"
                + (authorization != null ? "Authorization: " + authorization + "\r\n" : "")
                + "User-Agent: switchboard-harness-test\r\n"
                + "Content-Length: 0\r\n\r\n";
        byte[] bytes = request.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(bytes, bytes.length, registrar));
        while (true) {
            DatagramPacket packet = new DatagramPacket(new byte[8192], 8192);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no response to REGISTER within " + RESPONSE_TIMEOUT.toMillis() + " ms", e);
            }
            String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
            Response response = new Response(Integer.parseInt(text.substring(8, 11)), text);
            // provisional responses and stray retransmissions of earlier transactions are not the answer
            if (response.status() >= 200 && text.contains(branch)) {
                return response;
            }
        }
    }

    static String hash(String algorithm, String input) {
        String javaName = switch (algorithm.toUpperCase(Locale.ROOT)) {
            case "MD5" -> "MD5";
            case "SHA-256" -> "SHA-256";
            default -> throw new AssertionError("unsupported digest algorithm " + algorithm);
        };
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(javaName).digest(input.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(javaName + " missing from the JDK", e);
        }
    }

    private static String randomToken() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public void close() {
        socket.close();
    }
}

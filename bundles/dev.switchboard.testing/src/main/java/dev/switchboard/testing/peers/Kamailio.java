package dev.switchboard.testing.peers;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kamailio SIP registrar and proxy listening on UDP and TCP on one free loopback port. Users
 * authenticate with digest (MD5 by default, SHA-256 on request) against a db_text table generated from the
 * builder's users; INVITEs from local users are challenged too unless turned off. Registered users can be
 * called through it.
 */
public final class Kamailio implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration KAMCMD_TIMEOUT = Duration.ofSeconds(5);
    private static final Pattern CONTACT_ADDRESS = Pattern.compile("^\\s*Address: (\\S+)\\s*$", Pattern.MULTILINE);

    private final Workspace workspace;
    private final PeerProcess process;
    private final int port;
    private final String domain;
    private final Path controlSocket;
    private final int tlsPort;

    private Kamailio(Workspace workspace, PeerProcess process, int port, int tlsPort, String domain,
            Path controlSocket) {
        this.tlsPort = tlsPort;
        this.workspace = workspace;
        this.process = process;
        this.port = port;
        this.domain = domain;
        this.controlSocket = controlSocket;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Always {@code 127.0.0.1}. */
    public String host() {
        return FreePorts.LOOPBACK_HOST;
    }

    /** The port Kamailio listens on, for both UDP and TCP. */
    public int port() {
        return port;
    }

    /**
     * The port Kamailio accepts SIP over TLS on, when started with {@link Builder#tls}.
     *
     * @throws IllegalStateException if it was started without TLS
     */
    public int tlsPort() {
        if (tlsPort == 0) {
            throw new IllegalStateException("this Kamailio was started without TLS");
        }
        return tlsPort;
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(FreePorts.LOOPBACK, port);
    }

    /** The SIP domain and digest realm of the users (default {@code 127.0.0.1}). */
    public String domain() {
        return domain;
    }

    /** {@code sip:127.0.0.1:<port>}, the Request-URI of a REGISTER and a usable outbound proxy. */
    public String uri() {
        return "sip:" + host() + ":" + port;
    }

    /** The contact URIs currently registered for {@code user}, asked from Kamailio's location table. */
    public List<String> contacts(String user) {
        process.requireAlive();
        String kamcmd = Installed.program("kamcmd", "kamailio");
        Command.Outcome outcome = Command.run(KAMCMD_TIMEOUT, workspace.directory(), Map.of(),
                // "s:" keeps a numeric user (an extension) a string: kamcmd would send 202 as an integer, not found
                List.of(kamcmd, "-s", "unix:" + controlSocket, "ul.lookup", "location", "s:" + user));
        if (!outcome.succeeded()) {
            throw new IllegalStateException("kamcmd ul.lookup failed with " + outcome.exitCode() + ": " + outcome.output());
        }
        List<String> contacts = new ArrayList<>();
        Matcher matcher = CONTACT_ADDRESS.matcher(outcome.output());
        while (matcher.find()) {
            contacts.add(matcher.group(1));
        }
        return contacts;
    }

    /**
     * Waits until {@code user} has at least one registered contact and returns the contacts.
     *
     * @throws AssertionError if none is registered within {@code timeout}
     */
    public List<String> awaitContacts(String user, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> contacts = contacts(user);
            if (!contacts.isEmpty()) {
                return contacts;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("no contact of " + user + " registered at Kamailio within " + timeout.toMillis()
                        + " ms");
            }
            PeerProcess.pause();
        }
    }

    public Path logFile() {
        return process.logFile();
    }

    @Override
    public void close() {
        workspace.close();
    }

    /** Collects the users and options of a Kamailio, then starts it. */
    public static final class Builder {
        private final Map<String, String> passwords = new LinkedHashMap<>();
        private String domain = FreePorts.LOOPBACK_HOST;
        private boolean sha256Digest;
        private boolean inviteAuthentication = true;
        private int fixedPort;
        private TestCertificateAuthority.Issued tlsCertificate;
        private boolean connectionAliases = true;

        private Builder() {
        }

        /**
         * Listens on this port instead of a free one, e.g. to start a Kamailio again where a stopped one was
         * (clients that lost it must find it at the same address).
         */
        public Builder port(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.fixedPort = port;
            return this;
        }

        /** Adds a subscriber; db_text cannot store empty values, so neither may be empty. */
        public Builder user(String name, String password) {
            requireStorable(name, "user name");
            requireStorable(password, "password");
            passwords.put(name, password);
            return this;
        }

        /** The users' domain, also the digest realm; default {@code 127.0.0.1}. */
        public Builder domain(String domain) {
            requireStorable(domain, "domain");
            this.domain = domain;
            return this;
        }

        /** Challenge with {@code algorithm=SHA-256} (RFC 8760) instead of MD5. */
        public Builder sha256Digest() {
            this.sha256Digest = true;
            return this;
        }

        /** Relay INVITEs without a proxy challenge (407), as some tests only care about the call itself. */
        public Builder withoutInviteAuthentication() {
            this.inviteAuthentication = false;
            return this;
        }

        /** Also listens for SIP over TLS on a free port ({@link Kamailio#tlsPort()}) with this certificate. */
        public Builder tls(TestCertificateAuthority.Issued certificate) {
            this.tlsCertificate = Objects.requireNonNull(certificate, "certificate");
            return this;
        }

        /**
         * Reaches TCP/TLS users at their registered Contact over a new connection, as a proxy reaches a client that
         * accepts connections, instead of over the connection they registered or called on (no contact aliases, no
         * received address), so a client that does not listen on its Contact cannot be reached.
         */
        public Builder reachContactsOverNewConnections() {
            this.connectionAliases = false;
            return this;
        }

        public Kamailio start() {
            String kamailio = Installed.program("kamailio", "kamailio");
            return Workspace.open("kamailio", workspace -> {
                int port = fixedPort != 0 ? fixedPort : FreePorts.tcpAndUdp();
                Path database = workspace.createDirectories("db");
                workspace.write("db/version", "id(int,auto) table_name(string) table_version(int) \n0:subscriber:7\n");
                workspace.write("db/subscriber", subscriberTable());
                Path runDirectory = workspace.createDirectories("run");
                Path controlSocket = runDirectory.resolve("ctl");
                int tlsPort = tlsCertificate == null ? 0 : FreePorts.tcp();
                String tls = "";
                if (tlsCertificate != null) {
                    Path tlsConfig = workspace.write("tls.cfg", "[server:default]\nmethod = TLSv1.2+\n"
                            + "verify_certificate = no\nrequire_certificate = no\n"
                            + "private_key = " + tlsCertificate.keyFile() + "\n"
                            + "certificate = " + tlsCertificate.certificateFile() + "\n"
                            // connecting to a client's Contact: its certificate is its own, issued by nobody
                            + "[client:default]\nmethod = TLSv1.2+\nverify_certificate = no\n"
                            + "require_certificate = no\n");
                    tls = "enable_tls=yes\nlisten=tls:127.0.0.1:" + tlsPort + "\nloadmodule \"tls.so\"\n"
                            + "modparam(\"tls\", \"config\", \"" + tlsConfig + "\")\n";
                }
                Path config = workspace.write("kamailio.cfg", configuration(port, database, controlSocket)
                        .replace("@TLS@", tls));
                PeerProcess process = workspace.launch(Map.of(), List.of(kamailio, "-f", config.toString(), "-DD", "-E",
                        "-Y", runDirectory.toString(), "-w", runDirectory.toString()));
                Kamailio started = new Kamailio(workspace, process, port, tlsPort, domain, controlSocket);
                process.awaitReady("SIP OPTIONS over UDP answered 200 and TCP port accepting", START_TIMEOUT,
                        () -> answersOptions(port) && Probes.acceptsTcp(port)
                                && (tlsPort == 0 || Probes.acceptsTcp(tlsPort)));
                return started;
            });
        }

        private String subscriberTable() {
            StringBuilder table = new StringBuilder("id(int,auto) username(string) domain(string) password(string) \n");
            int id = 1;
            for (Map.Entry<String, String> user : passwords.entrySet()) {
                table.append(id++).append(':').append(user.getKey()).append(':').append(domain).append(':')
                        .append(user.getValue()).append('\n');
            }
            return table.toString();
        }

        private String configuration(int port, Path database, Path controlSocket) {
            String inviteAuthentication = this.inviteAuthentication ? """
                        if ($fd=="@DOMAIN@" && !is_method("ACK|CANCEL|PRACK|BYE")) {
                            if (!proxy_authorize("$fd", "subscriber")) {
                                proxy_challenge("$fd", "1");
                                exit;
                            }
                            consume_credentials();
                        }
                    """ : "";
            return """
                    #!KAMAILIO
                    # generated by dev.switchboard.testing for one test run
                    debug=2
                    log_stderror=yes
                    fork=yes
                    children=2
                    listen=udp:127.0.0.1:@PORT@
                    listen=tcp:127.0.0.1:@PORT@
                    auto_aliases=no
                    # no alias for the bare domain: with the default domain 127.0.0.1 it would make every loopback
                    # contact "myself", and loose routing would take the callee's contact for the proxy; the script
                    # matches the domain without a port itself where it decides what is local
                    alias="@DOMAIN@:@PORT@"
                    tcp_connection_lifetime=3605
                    @TLS@
                    loadmodule "kex.so"
                    loadmodule "corex.so"
                    loadmodule "tm.so"
                    loadmodule "tmx.so"
                    loadmodule "sl.so"
                    loadmodule "rr.so"
                    loadmodule "pv.so"
                    loadmodule "maxfwd.so"
                    loadmodule "usrloc.so"
                    loadmodule "registrar.so"
                    loadmodule "textops.so"
                    loadmodule "siputils.so"
                    loadmodule "xlog.so"
                    loadmodule "sanity.so"
                    loadmodule "db_text.so"
                    loadmodule "auth.so"
                    loadmodule "auth_db.so"
                    loadmodule "ctl.so"
                    loadmodule "nathelper.so"

                    modparam("ctl", "binrpc", "unix:@CONTROL_SOCKET@")
                    modparam("rr", "append_fromtag", 1)
                    modparam("usrloc", "db_mode", 0)
                    modparam("registrar", "max_expires", 3600)
                    modparam("registrar", "gruu_enabled", 0)
                    # TCP: remember the connection a client registered over, so calls to it reuse that connection
                    modparam("nathelper", "received_avp", "$avp(RECEIVED)")
                    modparam("registrar", "received_avp", "$avp(RECEIVED)")
                    modparam("auth", "nonce_count", 1)
                    @ALGORITHM@
                    modparam("auth_db", "db_url", "text://@DATABASE@")
                    modparam("auth_db", "calculate_ha1", yes)
                    modparam("auth_db", "password_column", "password")
                    modparam("auth_db", "load_credentials", "")

                    request_route {
                        # one line per request in the log, so a failing test shows what reached the proxy
                        xlog("L_NOTICE", "request $rm $ru from $si:$sp ($pr) call-id $ci route [$(hdr(Route)[*])]\\n");
                        if (!mf_process_maxfwd_header("10")) { sl_send_reply("483", "Too Many Hops"); exit; }
                        if (!sanity_check("17895", "7")) { xlog("L_WARN", "malformed SIP from $si:$sp\\n"); exit; }

                        if (is_method("OPTIONS") && uri==myself && $rU==$null) { sl_send_reply("200", "Keepalive"); exit; }

                        if (has_totag()) {
                            # a TCP/TLS client's Contact was given an alias of its connection (below): in-dialog
                            # requests go back over that connection, as a TLS client has no certificate to accept with
                            if (loose_route()) { if (!isdsturiset()) handle_ruri_alias(); route(RELAY); exit; }
                            if (is_method("ACK")) {
                                if (t_check_trans()) { route(RELAY); }
                                exit;
                            }
                            sl_send_reply("404", "Not here");
                            exit;
                        }
                        if (is_method("CANCEL")) {
                            if (t_check_trans()) { route(RELAY); }
                            exit;
                        }
                        t_check_trans();
                        remove_hf("Route");
                        if (is_method("INVITE|SUBSCRIBE")) record_route();
                    @ALIAS_REQUEST@

                        if (is_method("REGISTER")) {
                            # flag 1: challenge with qop="auth"
                            if (!www_authorize("$td", "subscriber")) {
                                www_challenge("$td", "1");
                                exit;
                            }
                    @ALIAS_REGISTER@
                            if (!save("location")) sl_reply_error();
                            exit;
                        }
                    @INVITE_AUTHENTICATION@
                        if ($rU==$null) { sl_send_reply("484", "Address Incomplete"); exit; }
                        if (uri==myself || ($rd=="@DOMAIN@" && $(ru{uri.port})=="")) {
                            if (!lookup("location")) {
                                t_newtran();
                                t_reply("404", "Not Found");
                                exit;
                            }
                        }
                        route(RELAY);
                    }

                    onreply_route {
                        xlog("L_NOTICE", "reply $rs $rr for $rm from $si:$sp call-id $ci\\n");
                    @ALIAS_REPLY@
                    }

                    route[RELAY] {
                        if (!t_relay()) sl_reply_error();
                        exit;
                    }
                    """.replace("@INVITE_AUTHENTICATION@", inviteAuthentication)
                    .replace("@ALIAS_REQUEST@", connectionAliases
                            ? "    if (is_method(\"INVITE|SUBSCRIBE\") && (proto==TCP || proto==TLS)) set_contact_alias();"
                            : "")
                    .replace("@ALIAS_REGISTER@", connectionAliases ? "        if (proto != UDP) fix_nated_register();" : "")
                    .replace("@ALIAS_REPLY@", connectionAliases
                            ? "    if (is_method(\"INVITE|SUBSCRIBE\") && (proto==TCP || proto==TLS) && $rs=~\"^(18|2)\") "
                                    + "set_contact_alias();"
                            : "")
                    .replace("@PORT@", Integer.toString(port))
                    .replace("@DOMAIN@", domain)
                    .replace("@CONTROL_SOCKET@", controlSocket.toString())
                    .replace("@DATABASE@", database.toString())
                    .replace("@ALGORITHM@", sha256Digest ? "modparam(\"auth\", \"algorithm\", \"SHA-256\")" : "");
        }

        private static void requireStorable(String value, String what) {
            Objects.requireNonNull(value, what);
            if (value.isEmpty() || value.contains(":") || value.contains("\n")) {
                throw new IllegalArgumentException(what + " must be non-empty, without ':' or line breaks (db_text)");
            }
        }
    }

    private static boolean answersOptions(int port) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(FreePorts.LOOPBACK, 0))) {
            socket.setSoTimeout(250);
            String branch = "z9hG4bK" + UUID.randomUUID().toString().replace("-", "");
            String request = "OPTIONS sip:127.0.0.1:" + port + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + socket.getLocalPort() + ";branch=" + branch + "\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "From: <sip:probe@127.0.0.1>;tag=" + branch.substring(7, 15) + "\r\n"
                    + "To: <sip:127.0.0.1:" + port + ">\r\n"
                    + "Call-ID: " + branch + "@127.0.0.1\r\n"
                    + "CSeq: 1 OPTIONS\r\n"
                    + "Content-Length: 0\r\n\r\n";
            byte[] bytes = request.getBytes(StandardCharsets.US_ASCII);
            socket.send(new DatagramPacket(bytes, bytes.length, FreePorts.LOOPBACK, port));
            DatagramPacket response = new DatagramPacket(new byte[4096], 4096);
            socket.receive(response);
            return new String(response.getData(), 0, response.getLength(), StandardCharsets.US_ASCII)
                    .startsWith("SIP/2.0 200 ");
        }
    }
}

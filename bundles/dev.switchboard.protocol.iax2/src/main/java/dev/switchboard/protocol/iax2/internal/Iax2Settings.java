package dev.switchboard.protocol.iax2.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.spi.SettingField;
import dev.switchboard.core.spi.SettingField.Kind;

/**
 * An IAX2 account's settings. {@code user} (the peer name at the server), {@code server=host:port}
 * (port 4569 when left out; needed to register and to dial numbers), {@code bind} (local address,
 * default: loopback when the server is on loopback, else every interface), {@code port} (local UDP
 * port, default 4569, 0 = any free one), {@code context} (the called context sent in NEW),
 * {@code number} (our caller number), {@code refresh} (registration lifetime asked for, seconds),
 * {@code encryption} ({@code aes128}: every call, placed or received, must be encrypted, as with
 * Asterisk's {@code encryption=aes128}; default {@code no}), {@code codecs} (the formats to offer and
 * accept, in order, e.g. {@code PCMU,G722,opus}; default: every one the media engine codes, in its
 * order, Opus last).
 * Hosts are IP literals: the plug-in does no DNS. The password is the account's secret.
 */
record Iax2Settings(String user, Optional<InetSocketAddress> server, InetSocketAddress bind, Optional<String> context,
        String callerNumber, String callerName, int refreshSeconds, boolean encrypted, List<Long> codecs) {

    static final int DEFAULT_PORT = 4569;
    static final int DEFAULT_REFRESH = 60;

    /**
     * The keys above as an account form shows them, with {@code audio.in}/{@code audio.out} that the
     * provider reads when a call starts. The password is the account's secret, optional because a peer
     * need not ask for one.
     */
    static final List<SettingField> FIELDS = List.of(
            SettingField.text(Account.DISPLAY_NAME, "Display name", false, "Sent as our caller name"),
            SettingField.text("user", "Peer name", true, "alice"),
            SettingField.secret("password", "Password", false),
            SettingField.text("server", "Server", false, "IP:port, e.g. 127.0.0.1:4569; needed to register"),
            SettingField.text("bind", "Local address", false, "IP; default: loopback for a loopback server, else all"),
            new SettingField("port", "Local UDP port", Kind.NUMBER, false, String.valueOf(DEFAULT_PORT), "0 = any free port",
                    List.of()),
            SettingField.text("context", "Called context", false, "The server's dialplan context"),
            SettingField.text("number", "Caller number", false, "Default: the peer name"),
            new SettingField("refresh", "Registration lifetime (s)", Kind.NUMBER, false, String.valueOf(DEFAULT_REFRESH),
                    "10-3600", List.of()),
            new SettingField("encryption", "Encryption", Kind.CHOICE, false, "no", "", List.of("no", "aes128")),
            SettingField.text("codecs", "Codecs", false, "In order, e.g. PCMU,G722; default: all"),
            SettingField.text("audio.in", "Microphone device", false, "Default: the system's"),
            SettingField.text("audio.out", "Speaker device", false, "Default: the system's"));

    static Iax2Settings of(Account account) {
        String user = account.setting("user").filter(value -> !value.isBlank())
                .orElseThrow(() -> new IllegalArgumentException("user: missing (the peer name at the IAX2 server)"));
        if (!user.matches("[A-Za-z0-9._@+-]{1,64}")) {
            throw new IllegalArgumentException("user: only letters, digits and . _ @ + - are allowed: " + user);
        }
        Optional<InetSocketAddress> server = account.setting("server").map(value -> address("server", value, DEFAULT_PORT));
        InetAddress bindAddress = account.setting("bind").map(value -> literal("bind", value))
                .orElseGet(() -> server.map(s -> s.getAddress().isLoopbackAddress()).orElse(true)
                        ? InetAddress.getLoopbackAddress() : wildcard());
        int port = account.setting("port").map(value -> number("port", value, 0, 65535)).orElse(DEFAULT_PORT);
        int refresh = account.setting("refresh").map(value -> number("refresh", value, 10, 3600)).orElse(DEFAULT_REFRESH);
        String callerNumber = account.setting("number").orElse(user);
        String encryption = account.setting("encryption").orElse("no");
        if (!encryption.equals("no") && !encryption.equals("aes128")) {
            throw new IllegalArgumentException("encryption: aes128 or no, got " + encryption);
        }
        return new Iax2Settings(user, server, new InetSocketAddress(bindAddress, port), account.setting("context"),
                callerNumber, account.displayName(), refresh, encryption.equals("aes128"),
                account.setting("codecs").map(Iax2Settings::codecs).orElse(List.of()));
    }

    /** {@code PCMU,G722}: IAX2 formats by their codecs' names (rtpmap without the clock rate). */
    private static List<Long> codecs(String value) {
        List<Long> formats = new java.util.ArrayList<>();
        for (String name : value.split(",")) {
            String wanted = name.strip();
            long format = MediaFormats.SUPPORTED.stream()
                    .filter(candidate -> MediaFormats.rtpmap(candidate).orElseThrow().split("/")[0]
                            .equalsIgnoreCase(wanted))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException(
                            "codecs: IAX2 carries PCMU, PCMA, G722, iLBC and opus, not " + wanted));
            if (!formats.contains(format)) {
                formats.add(format);
            }
        }
        return List.copyOf(formats);
    }

    private static InetSocketAddress address(String key, String value, int defaultPort) {
        String host = value;
        int port = defaultPort;
        int colon = value.lastIndexOf(':');
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException(key + ": unclosed [ in " + value);
            }
            host = value.substring(1, close);
            if (close + 1 < value.length()) {
                if (value.charAt(close + 1) != ':') {
                    throw new IllegalArgumentException(key + ": expected host:port, got " + value);
                }
                port = number(key, value.substring(close + 2), 1, 65535);
            }
        } else if (colon >= 0 && value.indexOf(':') == colon) {
            host = value.substring(0, colon);
            port = number(key, value.substring(colon + 1), 1, 65535);
        }
        return new InetSocketAddress(literal(key, host), port);
    }

    private static InetAddress literal(String key, String host) {
        if (!host.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
            throw new IllegalArgumentException(key + ": an IP address is needed (no DNS), got " + host);
        }
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(key + ": not an IP address: " + host, e);
        }
    }

    private static InetAddress wildcard() {
        return new InetSocketAddress(0).getAddress();
    }

    private static int number(String key, String value, int min, int max) {
        try {
            int number = Integer.parseInt(value.strip());
            if (number < min || number > max) {
                throw new IllegalArgumentException(key + ": must be " + min + "-" + max + ", got " + value);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": not a number: " + value, e);
        }
    }
}

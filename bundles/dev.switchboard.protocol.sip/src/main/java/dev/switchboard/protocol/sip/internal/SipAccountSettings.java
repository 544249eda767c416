package dev.switchboard.protocol.sip.internal;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.spi.SettingField;
import dev.switchboard.core.spi.SettingField.Kind;

/**
 * A SIP account's settings, checked. Keys (all strings in {@link Account#settings()}):
 * <ul>
 * <li>{@code user} (required), {@code domain} (required): the address of record {@code sip:user@domain};</li>
 * <li>{@code extension}: digits the account registers as instead of {@code user}, as a contact-center
 * softphone registers dynamically as {@code extension@domain};</li>
 * <li>{@code display}: the display name put in From;</li>
 * <li>{@code authuser}: the digest user name, default {@code user};</li>
 * <li>{@code registrar}: {@code host[:port]}, default the domain;</li>
 * <li>{@code proxy}: outbound proxy {@code host[:port]}; requests go there instead of the registrar;</li>
 * <li>{@code transport}: {@code udp} (default), {@code tcp}, {@code tls} (then the default port is 5061) or
 * {@code sips}: TLS with a {@code sips:} address of record (RFC 5630), so the Contact and every name dialled at the
 * domain are {@code sips:} URIs, reached over TLS on every hop;</li>
 * <li>{@code tls.ca}: a PEM file of certificate authorities trusted for TLS besides the system's;</li>
 * <li>{@code tls.pin}: the SHA-256 fingerprint of one server certificate trusted as is (e.g. self-signed),
 * {@code AB:CD:...} or 64 hex digits;</li>
 * <li>{@code expires}: requested registration lifetime in seconds (default 600, 10..86400);</li>
 * <li>{@code keepalive}: seconds between keep-alives (default 5, 1..60), which bounds how long a dead
 * registrar goes unnoticed;</li>
 * <li>{@code dtmf}: {@code rfc4733} (default) or {@code info} (SIP INFO application/dtmf-relay);</li>
 * <li>{@code localport}: local SIP port, default chosen free;</li>
 * <li>{@code capture}, {@code playback}: the audio device ids calls of this account use (e.g. a headset, or
 * {@code file:/path.wav} in tests), default the system's devices;</li>
 * <li>{@code mailbox}: the voice mailbox (a user at the domain, or a SIP URI) whose message-summary (RFC 3842) the
 * account subscribes to once registered; without it only unsolicited NOTIFYs are shown;</li>
 * <li>{@code codecs}: encoding names in the order to offer, e.g. {@code PCMU,G722}; default every installed codec in
 * the media engine's order;</li>
 * <li>{@code blf}: extensions (users at the domain, or SIP URIs) whose calls the account watches once registered
 * (busy lamps, RFC 4235 dialog event package), comma-separated, e.g. {@code 201,202}; shown as their presence.</li>
 * </ul>
 */
public record SipAccountSettings(String user, String domain, Optional<String> extension, String displayName,
        String authUser, HostPort registrar, Optional<HostPort> outboundProxy, Transport transport,
        int expiresSeconds, Duration keepAliveInterval, DtmfMode dtmfMode, int localPort,
        Optional<String> captureDevice, Optional<String> playbackDevice, List<String> codecs,
        Optional<java.nio.file.Path> tlsAuthorities, Optional<byte[]> tlsPinnedSha256, Optional<String> mailbox,
        List<String> watchedExtensions, boolean secure) {

    public enum Transport {
        UDP, TCP, TLS;

        /** The transport name jain-sip and Via headers use. */
        public String sipName() {
            return name();
        }

        public boolean reliable() {
            return this != UDP;
        }
    }

    public enum DtmfMode {
        RFC4733, INFO
    }

    /** A host (name or IP literal, no brackets) and port. */
    public record HostPort(String host, int port) {
        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    static final String TLS_AUTHORITIES = "tls.ca";
    static final String TLS_PIN = "tls.pin";

    /**
     * The keys above as an account form shows them. The password is not a setting: it is the account's secret,
     * optional because a registrar need not challenge.
     */
    public static final List<SettingField> FIELDS = List.of(
            SettingField.text(Account.DISPLAY_NAME, "Display name", false, "Shown to the people you call"),
            SettingField.text("user", "User name", true, "alice"),
            SettingField.text("domain", "Domain", true, "example.org"),
            SettingField.secret("password", "Password", false),
            SettingField.text("extension", "Extension", false, "Digits to register as instead of the user name"),
            SettingField.text("authuser", "Authentication user", false, "Default: the user name"),
            SettingField.text("registrar", "Registrar", false, "host[:port], default: the domain"),
            SettingField.text("proxy", "Outbound proxy", false, "host[:port]"),
            new SettingField("transport", "Transport", Kind.CHOICE, false, "udp",
                    "sips: TLS and a sips: address, TLS on every hop", List.of("udp", "tcp", "tls", "sips")),
            SettingField.text(TLS_AUTHORITIES, "Trusted authorities (PEM file)", false,
                    "TLS: certificate authorities trusted besides the system's"),
            SettingField.text(TLS_PIN, "Trusted certificate (SHA-256)", false,
                    "TLS: the fingerprint of a self-signed server certificate to trust"),
            new SettingField("expires", "Registration lifetime (s)", Kind.NUMBER, false, "600", "10-86400", List.of()),
            new SettingField("keepalive", "Keep-alive interval (s)", Kind.NUMBER, false, "5", "1-60", List.of()),
            new SettingField("dtmf", "DTMF", Kind.CHOICE, false, "rfc4733", "", List.of("rfc4733", "info")),
            new SettingField("localport", "Local SIP port", Kind.NUMBER, false, "", "Default: any free port",
                    List.of()),
            SettingField.text("capture", "Microphone device", false, "Default: the system's"),
            SettingField.text("playback", "Speaker device", false, "Default: the system's"),
            SettingField.text("mailbox", "Voice mailbox", false, "e.g. 8000 or sip:vm@example.org; shows waiting messages"),
            SettingField.text("codecs", "Codecs in order", false, "e.g. PCMU,G722; default: all installed"),
            SettingField.text("blf", "Busy lamps", false, "extensions to watch, e.g. 201,202; shown as their presence"));

    private static final int DEFAULT_SIP_PORT = 5060;
    private static final int DEFAULT_SIPS_PORT = 5061;
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9\\-_.!~*'()&=+$,;?/%]+");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-]+|\\[[0-9A-Fa-f:.]+\\]");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,16}");

    /**
     * Reads and checks an account's settings.
     *
     * @throws IllegalArgumentException naming the first missing or malformed setting
     */
    public static SipAccountSettings of(Account account) {
        Map<String, String> settings = account.settings();
        String user = required(settings, "user");
        if (!USER.matcher(user).matches()) {
            throw new IllegalArgumentException("user '" + user + "' is not a valid SIP user part");
        }
        String domain = required(settings, "domain");
        if (!HOST.matcher(domain).matches()) {
            throw new IllegalArgumentException("domain '" + domain + "' is not a host name or IP address");
        }
        Optional<String> extension = Optional.ofNullable(settings.get("extension"));
        extension.ifPresent(value -> {
            if (!DIGITS.matcher(value).matches()) {
                throw new IllegalArgumentException("extension must be 1-16 digits: " + value);
            }
        });
        String authUser = settings.getOrDefault("authuser", user);
        String transportName = settings.getOrDefault("transport", "udp").strip().toLowerCase(Locale.ROOT);
        Transport transport = switch (transportName) {
            case "udp" -> Transport.UDP;
            case "tcp" -> Transport.TCP;
            case "tls", "sips" -> Transport.TLS;
            default -> throw new IllegalArgumentException("transport must be udp, tcp, tls or sips: "
                    + settings.get("transport"));
        };
        boolean secure = transportName.equals("sips");
        int defaultPort = transport == Transport.TLS ? DEFAULT_SIPS_PORT : DEFAULT_SIP_PORT;
        HostPort registrar = hostPort("registrar", settings.getOrDefault("registrar", domain), defaultPort);
        Optional<HostPort> proxy = Optional.ofNullable(settings.get("proxy"))
                .map(value -> hostPort("proxy", value, defaultPort));
        Optional<java.nio.file.Path> authorities = Optional.ofNullable(settings.get(TLS_AUTHORITIES))
                .filter(value -> !value.isBlank()).map(value -> java.nio.file.Path.of(value.strip()));
        Optional<byte[]> pin = Optional.ofNullable(settings.get(TLS_PIN)).filter(value -> !value.isBlank())
                .map(SipAccountSettings::fingerprint);
        int expires = number(settings, "expires", 600, 10, 86400);
        int keepAlive = number(settings, "keepalive", 5, 1, 60);
        DtmfMode dtmf = switch (settings.getOrDefault("dtmf", "rfc4733").toLowerCase(Locale.ROOT)) {
            case "rfc4733", "rfc2833" -> DtmfMode.RFC4733;
            case "info" -> DtmfMode.INFO;
            default -> throw new IllegalArgumentException("dtmf must be rfc4733 or info: " + settings.get("dtmf"));
        };
        int localPort = number(settings, "localport", 0, 0, 65535);
        Optional<String> mailbox = Optional.ofNullable(settings.get("mailbox")).map(String::strip)
                .filter(value -> !value.isEmpty());
        mailbox.ifPresent(value -> {
            if (value.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("mailbox must be a user or SIP URI without blanks: " + value);
            }
        });
        return new SipAccountSettings(user, domain, extension, settings.getOrDefault(Account.DISPLAY_NAME, ""),
                authUser, registrar, proxy, transport, expires, Duration.ofSeconds(keepAlive), dtmf, localPort,
                Optional.ofNullable(settings.get("capture")), Optional.ofNullable(settings.get("playback")),
                codecs(settings.get("codecs")), authorities, pin, mailbox, watchedExtensions(settings.get("blf")), secure);
    }

    private static List<String> watchedExtensions(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        List<String> watched = new java.util.ArrayList<>();
        for (String item : value.split(",")) {
            String extension = item.strip();
            if (extension.isEmpty() || extension.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("blf must be extensions or SIP URIs separated by commas: " + value);
            }
            if (!watched.contains(extension)) {
                watched.add(extension);
            }
        }
        return List.copyOf(watched);
    }

    /** Parses {@code AB:CD:...} or 64 hex digits. */
    static byte[] fingerprint(String text) {
        String hex = text.replace(":", "").strip().toLowerCase(Locale.ROOT);
        try {
            byte[] bytes = java.util.HexFormat.of().parseHex(hex);
            if (bytes.length == 32) {
                return bytes;
            }
        } catch (IllegalArgumentException e) {
            // reported below with the setting's name
        }
        throw new IllegalArgumentException(TLS_PIN + " must be a SHA-256 fingerprint (64 hex digits): " + text);
    }

    /** {@code AB:CD:...}, as shown to the user and accepted by {@code tls.pin}. */
    static String formatFingerprint(byte[] sha256) {
        return java.util.HexFormat.ofDelimiter(":").withUpperCase().formatHex(sha256);
    }

    /**
     * The codecs to offer and accept: {@code installed} in this account's order when it names some, else all of
     * them in the media engine's order.
     */
    public <C> List<C> choose(List<C> installed, java.util.function.Function<C, String> encodingName) {
        if (codecs.isEmpty()) {
            return installed;
        }
        List<C> chosen = new java.util.ArrayList<>();
        for (String wanted : codecs) {
            installed.stream().filter(codec -> encodingName.apply(codec).equalsIgnoreCase(wanted)).findFirst()
                    .ifPresent(chosen::add);
        }
        return chosen;
    }

    private static List<String> codecs(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(value.split(",")).map(String::strip).filter(name -> !name.isEmpty()).toList();
    }

    /** The user part the account registers as: the extension when there is one. */
    public String registeredUser() {
        return extension.orElse(user);
    }

    /** {@code sips} for a {@code transport=sips} account, else {@code sip}. */
    public String scheme() {
        return secure ? "sips" : "sip";
    }

    /** {@code sip:<registered user>@domain} (or {@code sips:}), the address of record. */
    public String addressOfRecord() {
        return scheme() + ":" + registeredUser() + "@" + domain;
    }

    /** Where requests are sent first: the outbound proxy, else the registrar. */
    public HostPort nextHop() {
        return outboundProxy.orElse(registrar);
    }

    /**
     * Turns what a user typed into a SIP URI: a full {@code sip:} URI as is, {@code user@host} with {@code sip:},
     * anything else (a name or a numeric extension) as a user at the account's domain; with scheme {@code sips} the
     * last two get {@code sips:}.
     *
     * @throws IllegalArgumentException for an empty address or one with blanks
     */
    public String targetUri(String address) {
        String trimmed = address.strip();
        if (trimmed.isEmpty() || trimmed.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("not a SIP address: '" + address + "'");
        }
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.startsWith("sips:") && transport != Transport.TLS) {
            // RFC 5630: a sips: target must be reached over TLS on every hop, which this account cannot start
            throw new IllegalArgumentException("'" + trimmed + "' is a sips: address: it needs an account with "
                    + "transport=tls");
        }
        if (lower.startsWith("sip:") || lower.startsWith("sips:")) {
            return trimmed;
        }
        if (trimmed.contains("@")) {
            return scheme() + ":" + trimmed;
        }
        return scheme() + ":" + trimmed + "@" + domain;
    }

    private static String required(Map<String, String> settings, String key) {
        String value = settings.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("SIP setting '" + key + "' is missing");
        }
        return value.strip();
    }

    private static int number(Map<String, String> settings, String key, int fallback, int min, int max) {
        String value = settings.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed < min || parsed > max) {
                throw new IllegalArgumentException(key + " must be between " + min + " and " + max + ": " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number: " + value, e);
        }
    }

    static HostPort hostPort(String key, String value, int defaultPort) {
        String text = value.strip();
        String host;
        int port = defaultPort;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException(key + " has an unclosed IPv6 bracket: " + value);
            }
            host = text.substring(1, close);
            String rest = text.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new IllegalArgumentException(key + " must be host[:port]: " + value);
                }
                port = port(key, rest.substring(1), value);
            }
        } else {
            int colon = text.lastIndexOf(':');
            host = colon < 0 ? text : text.substring(0, colon);
            if (colon >= 0) {
                port = port(key, text.substring(colon + 1), value);
            }
            if (!HOST.matcher(host).matches()) {
                throw new IllegalArgumentException(key + " must be host[:port]: " + value);
            }
        }
        return new HostPort(host, port);
    }

    private static int port(String key, String text, String value) {
        try {
            int port = Integer.parseInt(text);
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException(key + " port out of range: " + value);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be host[:port]: " + value, e);
        }
    }
}

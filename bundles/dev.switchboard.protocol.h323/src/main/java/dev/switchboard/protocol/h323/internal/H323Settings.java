package dev.switchboard.protocol.h323.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.spi.SettingField;
import dev.switchboard.core.spi.SettingField.Kind;
import dev.switchboard.protocol.h323.internal.h245.AudioCapability;
import dev.switchboard.protocol.h323.internal.ras.AliasAddress;

/**
 * An H.323 account's settings: {@code alias} (our h323-ID), {@code e164} (our number, optional),
 * {@code gatekeeper=host:port} (port 1719 when left out; without it the account makes and takes
 * direct calls only), {@code bind} (local IP, default loopback), {@code port} (call signalling TCP
 * port, default 1720, 0 = any free one), {@code faststart} and {@code tunnelling} ({@code yes}/
 * {@code no}, default yes: whether our Setup offers fastStart and whether we tunnel H.245 in the
 * call signalling instead of a separate H.245 connection), {@code ttl} (registration lifetime asked
 * of the gatekeeper, seconds), {@code codecs} (comma-separated PCMU, PCMA, G722, G729, iLBC in order of
 * preference; default: every one the media engine has, in its order), {@code dtmf} ({@code rfc2833}, the
 * default: RFC 2833/4733 telephone events in the media when the peer's H.245 capabilities list them, else
 * userInputIndication; {@code h245}: always userInputIndication), {@code setupauth} ({@code none}, the
 * default, or {@code md5}: our Setups carry an H.235 MD5 password hash of the account's password, and
 * incoming Setups must carry one that verifies with it). Hosts are IP literals: no DNS. The password
 * is the account's secret.
 */
record H323Settings(String alias, Optional<String> e164, Optional<InetSocketAddress> gatekeeper,
        InetSocketAddress bind, boolean fastStart, boolean tunnelling, long timeToLive, String displayName,
        Optional<List<AudioCapability>> codecs, boolean rfc2833, boolean setupPasswordHash) {

    static final int CALL_SIGNALLING_PORT = 1720;
    static final int RAS_PORT = 1719;
    static final long DEFAULT_TTL = 300;

    static final List<SettingField> FIELDS = List.of(
            SettingField.text(Account.DISPLAY_NAME, "Display name", false, "Shown to the people we call"),
            SettingField.text("alias", "Alias (h323-ID)", true, "alice"),
            SettingField.text("e164", "Number (E.164)", false, "Digits, e.g. 2001"),
            SettingField.text("gatekeeper", "Gatekeeper", false, "IP:port, e.g. 127.0.0.1:1719; empty for direct calls only"),
            SettingField.secret("password", "Password", false),
            SettingField.text("bind", "Local address", false, "IP; default 127.0.0.1"),
            new SettingField("port", "Call signalling TCP port", Kind.NUMBER, false, String.valueOf(CALL_SIGNALLING_PORT),
                    "0 = any free port", List.of()),
            new SettingField("faststart", "Fast start", Kind.CHOICE, false, "yes", "", List.of("yes", "no")),
            new SettingField("tunnelling", "H.245 tunnelling", Kind.CHOICE, false, "yes", "", List.of("yes", "no")),
            new SettingField("ttl", "Registration lifetime (s)", Kind.NUMBER, false, String.valueOf(DEFAULT_TTL),
                    "30-3600", List.of()),
            SettingField.text("codecs", "Codecs", false, "e.g. PCMA,PCMU; default: all the media engine has"),
            new SettingField("dtmf", "DTMF", Kind.CHOICE, false, "rfc2833",
                    "rfc2833: in the media when the peer has it; h245: userInputIndication", List.of("rfc2833", "h245")),
            new SettingField("setupauth", "Call authentication", Kind.CHOICE, false, "none",
                    "md5: calls carry and must carry an H.235 MD5 hash of the password", List.of("none", "md5")),
            SettingField.text("audio.in", "Microphone device", false, "Default: the system's"),
            SettingField.text("audio.out", "Speaker device", false, "Default: the system's"));

    static H323Settings of(Account account) {
        String alias = account.setting("alias").map(String::strip).filter(value -> !value.isEmpty())
                .orElseThrow(() -> new IllegalArgumentException("alias: missing (our h323-ID)"));
        if (alias.length() > 256 || alias.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("alias: 1-256 printable characters, got " + alias);
        }
        Optional<String> e164 = account.setting("e164").map(String::strip).filter(value -> !value.isEmpty());
        if (e164.isPresent() && !e164.get().matches("[0-9#*,]{1,128}")) {
            throw new IllegalArgumentException("e164: digits, # and * only, got " + e164.get());
        }
        Optional<InetSocketAddress> gatekeeper = account.setting("gatekeeper").map(String::strip)
                .filter(value -> !value.isEmpty()).map(value -> address("gatekeeper", value, RAS_PORT));
        InetAddress bind = account.setting("bind").map(value -> literal("bind", value.strip()))
                .orElse(InetAddress.getLoopbackAddress());
        int port = account.setting("port").map(value -> (int) number("port", value, 0, 65535)).orElse(CALL_SIGNALLING_PORT);
        long ttl = account.setting("ttl").map(value -> number("ttl", value, 30, 3600)).orElse(DEFAULT_TTL);
        Optional<List<AudioCapability>> codecs = account.setting("codecs").map(String::strip).filter(v -> !v.isEmpty())
                .map(H323Settings::codecs);
        String dtmf = account.setting("dtmf").map(String::strip).orElse("rfc2833");
        if (!dtmf.equals("rfc2833") && !dtmf.equals("h245")) {
            throw new IllegalArgumentException("dtmf: rfc2833 or h245, got " + dtmf);
        }
        String setupAuthentication = account.setting("setupauth").map(String::strip).orElse("none");
        if (!setupAuthentication.equals("none") && !setupAuthentication.equals("md5")) {
            throw new IllegalArgumentException("setupauth: none or md5, got " + setupAuthentication);
        }
        return new H323Settings(alias, e164, gatekeeper, new InetSocketAddress(bind, port),
                yesNo(account, "faststart"), yesNo(account, "tunnelling"), ttl, account.displayName(), codecs,
                dtmf.equals("rfc2833"), setupAuthentication.equals("md5"));
    }

    private static List<AudioCapability> codecs(String value) {
        List<AudioCapability> out = new ArrayList<>();
        for (String name : value.split(",")) {
            AudioCapability codec = AudioCapability.ofEncodingName(name.strip()).orElseThrow(() -> new IllegalArgumentException(
                    "codecs: " + name.strip() + " is not one of PCMU, PCMA, G722, G729, iLBC"));
            if (!out.contains(codec)) {
                out.add(codec);
            }
        }
        return List.copyOf(out);
    }

    /** Our aliases as registered and sent as the caller: the h323-ID, then the number. */
    List<AliasAddress> aliases() {
        List<AliasAddress> out = new ArrayList<>();
        out.add(new AliasAddress.H323Id(alias));
        e164.ifPresent(number -> out.add(new AliasAddress.DialledDigits(number)));
        return List.copyOf(out);
    }

    private static boolean yesNo(Account account, String key) {
        String value = account.setting(key).map(String::strip).orElse("yes");
        return switch (value) {
            case "yes" -> true;
            case "no" -> false;
            default -> throw new IllegalArgumentException(key + ": yes or no, got " + value);
        };
    }

    static InetSocketAddress address(String key, String value, int defaultPort) {
        int colon = value.lastIndexOf(':');
        String host = colon >= 0 ? value.substring(0, colon) : value;
        int port = colon >= 0 ? (int) number(key, value.substring(colon + 1), 1, 65535) : defaultPort;
        return new InetSocketAddress(literal(key, host), port);
    }

    private static InetAddress literal(String key, String host) {
        if (!host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
            throw new IllegalArgumentException(key + ": an IPv4 address is needed (no DNS), got " + host);
        }
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(key + ": not an IP address: " + host, e);
        }
    }

    private static long number(String key, String value, long min, long max) {
        try {
            long number = Long.parseLong(value.strip());
            if (number < min || number > max) {
                throw new IllegalArgumentException(key + ": must be " + min + "-" + max + ", got " + value);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": not a number: " + value, e);
        }
    }
}

package dev.switchboard.protocol.xmpp.internal;

import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.spi.SettingField;
import dev.switchboard.core.spi.SettingField.Kind;

/**
 * An XMPP account's settings: {@code jid} (required, {@code user@domain}), {@code host} and
 * {@code port} (where to connect; default the domain and 5222), {@code resource} (default
 * {@code switchboard}), {@code priority} (of this client's presence, -128..127, default 0), {@code tls.pin} (the SHA-256 fingerprint of a certificate trusted although
 * no certificate authority vouches for it, hex with or without colons), {@code tls.direct} ({@code true}:
 * TLS from the first byte, XEP-0368, on a server's direct TLS port; default {@code false}: STARTTLS).
 */
record XmppSettings(EntityBareJid jid, String host, int port, String resource, int priority,
        Optional<byte[]> pinnedSha256, boolean directTls) {

    static final String JID = "jid";
    static final String HOST = "host";
    static final String PORT = "port";
    static final String RESOURCE = "resource";
    static final String PRIORITY = "priority";
    static final String TLS_PIN = "tls.pin";
    static final String DIRECT_TLS = "tls.direct";

    static final int DEFAULT_PORT = 5222;

    /**
     * The keys above as an account form shows them, plus the password (the account's secret; SCRAM
     * login always needs one). Priority is text because a form's number field takes no sign.
     */
    static final List<SettingField> FIELDS = List.of(
            SettingField.text(Account.DISPLAY_NAME, "Display name", false, "How the account is shown"),
            SettingField.text(JID, "Address (JID)", true, "alice@example.org"),
            SettingField.secret("password", "Password", true),
            SettingField.text(HOST, "Server host", false, "Default: the address's domain"),
            new SettingField(PORT, "Server port", Kind.NUMBER, false, String.valueOf(DEFAULT_PORT), "1-65535", List.of()),
            new SettingField(RESOURCE, "Resource", Kind.TEXT, false, "switchboard", "", List.of()),
            new SettingField(PRIORITY, "Presence priority", Kind.TEXT, false, "0", "-128..127", List.of()),
            SettingField.text(TLS_PIN, "Trusted certificate (SHA-256)", false,
                    "AB:CD:... for a server no certificate authority vouches for"),
            new SettingField(DIRECT_TLS, "Direct TLS (XEP-0368)", Kind.FLAG, false, "false",
                    "TLS from the first byte; the port must be the server's direct TLS port", List.of()));

    /** @throws IllegalArgumentException naming the first missing or malformed setting */
    static XmppSettings of(Account account) {
        String jidText = account.setting(JID)
                .orElseThrow(() -> new IllegalArgumentException("setting jid (user@domain) is missing"));
        EntityBareJid jid;
        try {
            jid = JidCreate.entityBareFrom(jidText);
        } catch (XmppStringprepException | IllegalArgumentException e) {
            throw new IllegalArgumentException("setting jid is not a user@domain address: " + jidText);
        }
        String host = account.setting(HOST).orElse(jid.getDomain().toString());
        int port = account.setting(PORT).map(XmppSettings::port).orElse(DEFAULT_PORT);
        String resource = account.setting(RESOURCE).orElse("switchboard");
        if (resource.isBlank()) {
            throw new IllegalArgumentException("setting resource must not be blank");
        }
        int priority = account.setting(PRIORITY).map(XmppSettings::priority).orElse(0);
        Optional<byte[]> pin = account.setting(TLS_PIN).map(XmppSettings::fingerprint);
        boolean directTls = account.setting(DIRECT_TLS).map(XmppSettings::flag).orElse(false);
        return new XmppSettings(jid, host, port, resource, priority, pin, directTls);
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text.trim());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("setting port must be 1-65535: " + text);
    }

    private static boolean flag(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false", "" -> false;
            default -> throw new IllegalArgumentException("setting tls.direct must be true or false: " + text);
        };
    }

    private static int priority(String text) {
        try {
            int priority = Integer.parseInt(text.trim());
            if (priority >= -128 && priority <= 127) {
                return priority;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("setting priority must be -128..127: " + text);
    }

    /** Parses {@code AB:CD:...} or {@code abcd...} (32 bytes). */
    static byte[] fingerprint(String text) {
        String hex = text.replace(":", "").trim().toLowerCase(Locale.ROOT);
        try {
            byte[] bytes = HexFormat.of().parseHex(hex);
            if (bytes.length == 32) {
                return bytes;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new IllegalArgumentException("setting tls.pin must be a SHA-256 fingerprint (64 hex digits): " + text);
    }

    /** {@code AB:CD:...}, as shown to the user and accepted by {@code tls.pin}. */
    static String formatFingerprint(byte[] sha256) {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(sha256);
    }
}

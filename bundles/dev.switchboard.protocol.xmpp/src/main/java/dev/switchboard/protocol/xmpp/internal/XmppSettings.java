package dev.switchboard.protocol.xmpp.internal;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;

import dev.switchboard.core.account.Account;

/**
 * An XMPP account's settings: {@code jid} (required, {@code user@domain}), {@code host} and
 * {@code port} (where to connect; default the domain and 5222), {@code resource} (default
 * {@code switchboard}), {@code priority} (of this client's presence, -128..127, default 0), {@code tls.pin} (the SHA-256 fingerprint of a certificate trusted although
 * no certificate authority vouches for it, hex with or without colons).
 */
record XmppSettings(EntityBareJid jid, String host, int port, String resource, int priority,
        Optional<byte[]> pinnedSha256) {

    static final String JID = "jid";
    static final String HOST = "host";
    static final String PORT = "port";
    static final String RESOURCE = "resource";
    static final String PRIORITY = "priority";
    static final String TLS_PIN = "tls.pin";

    static final int DEFAULT_PORT = 5222;

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
        return new XmppSettings(jid, host, port, resource, priority, pin);
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

package dev.switchboard.core.spi;

import java.util.List;

import dev.switchboard.core.account.Account;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One DS service per protocol plug-in (SIP, XMPP, IAX2, H.323). The core looks providers up by
 * {@link #protocol()}; installing a plug-in bundle is all it takes to make its accounts work.
 */
@ConsumerType
public interface ProtocolProvider {

    /** Service property carrying {@link #protocol()}, so consumers can filter. */
    String PROTOCOL_PROPERTY = "switchboard.protocol";

    /** Lower-case protocol name, the value of {@link Account#protocol()}. */
    String protocol();

    /**
     * The protocol's name for people, e.g. "SIP" or "XMPP (Jabber)".
     *
     * @since 1.1
     */
    default String label() {
        return protocol().toUpperCase(java.util.Locale.ROOT);
    }

    /**
     * The settings an account of this protocol has, in the order a form should show them; empty
     * when the provider does not describe them (front ends then offer plain key/value settings).
     * {@link #validate(Account)} still decides whether an account is acceptable.
     *
     * @since 1.1
     */
    default List<SettingField> settingFields() {
        return List.of();
    }

    /**
     * Checks an account's settings before they are stored.
     *
     * @throws IllegalArgumentException naming the first missing or malformed setting
     */
    void validate(Account account);

    /**
     * Opens a session for one account; nothing is sent until {@link ProtocolSession#register()}.
     *
     * @param secret the account's password (the provider must not keep the array) or an empty array
     */
    ProtocolSession open(Account account, char[] secret, SessionListener listener);
}

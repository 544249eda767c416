package dev.switchboard.core.contacts;

/** What an address reaches. */
public enum AddressKind {
    TEL, SIP, XMPP, IAX2, H323, EMAIL
}

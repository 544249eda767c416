package dev.switchboard.protocol.h323.internal.per;

/** The one value of the ASN.1 NULL type. */
public enum AsnNull {
    NULL
}

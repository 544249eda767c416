package dev.switchboard.protocol.h323.internal.ras;

/** An H.225.0 AliasAddress in the two forms endpoints register with: E.164 digits and h323-ID. */
public sealed interface AliasAddress {
    String value();

    /** dialledDigits: "0123456789#*," only (checked by the PER alphabet constraint on encode). */
    record DialledDigits(String value) implements AliasAddress {
    }

    record H323Id(String value) implements AliasAddress {
    }

    /** Any other alternative (url-ID, email-ID, transportID, partyNumber, …), kept by its name and text form. */
    record Other(String kind, String value) implements AliasAddress {
    }
}

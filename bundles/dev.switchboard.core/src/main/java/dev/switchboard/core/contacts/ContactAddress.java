package dev.switchboard.core.contacts;

import java.util.Objects;

/**
 * @param label free text such as {@code work}, {@code mobile}; empty when unknown
 */
public record ContactAddress(AddressKind kind, String value, String label) {

    public ContactAddress {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(label, "label");
    }
}

package dev.switchboard.protocol.h323.internal.per;

/** An ENUMERATED value by its position: in the root, or (if {@code extension}) among the extension values. */
public record EnumeratedValue(int index, boolean extension) {
}

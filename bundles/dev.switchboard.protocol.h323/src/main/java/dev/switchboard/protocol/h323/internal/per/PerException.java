package dev.switchboard.protocol.h323.internal.per;

/**
 * A PER encoding could not be read (truncated, out of range, unsupported form) or a value could not
 * be encoded under its type's constraints. Unchecked so that the schema tree can be walked without
 * wrapping; protocol handlers catch it at the datagram/message boundary and report it.
 */
public final class PerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PerException(String message) {
        super(message);
    }
}

package dev.switchboard.protocol.h323.internal.per;

/**
 * A CHOICE value. {@code name} is null for an extension alternative this schema does not know; then
 * {@code value} is the byte[] content of its open type, kept so that re-encoding gives the same bytes.
 */
public record ChoiceValue(int index, boolean extension, String name, Object value) {
    public boolean isUnknown() {
        return name == null;
    }
}

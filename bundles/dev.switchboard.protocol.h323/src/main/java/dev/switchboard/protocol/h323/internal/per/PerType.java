package dev.switchboard.protocol.h323.internal.per;

/**
 * An ASN.1 type with its PER (ALIGNED) encoding. Values are plain Java objects: Long (INTEGER),
 * Boolean, {@link AsnNull}, byte[] (OCTET STRING, open type), {@link BitString}, String (character
 * strings), {@link ObjectIdentifier}, {@link EnumeratedValue}, {@link ChoiceValue},
 * {@link SequenceValue}, and java.util.List (SEQUENCE OF).
 */
public interface PerType {
    void encode(PerOutput out, Object value);

    Object decode(PerInput in);

    /** The complete encoding of one value of this type (X.691 11.1). */
    default byte[] encode(Object value) {
        PerOutput out = new PerOutput();
        encode(out, value);
        return out.toByteArray();
    }

    /** Decodes one value that must fill {@code data} (apart from the final octet's padding). */
    default Object decode(byte[] data) {
        PerInput in = new PerInput(data);
        Object value = decode(in);
        boolean emptyEncoding = data.length == 1 && in.remainingBits() == 8; // X.691 11.1: one zero octet
        if (in.remainingBits() >= 8 && !emptyEncoding) {
            throw new PerException(in.remainingBits() / 8 + " octets left over after the value");
        }
        return value;
    }
}

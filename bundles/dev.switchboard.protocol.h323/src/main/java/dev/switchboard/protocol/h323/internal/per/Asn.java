package dev.switchboard.protocol.h323.internal.per;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * The ASN.1 types used by H.225.0/H.235/H.245, each with its ALIGNED PER encoding (ITU-T X.691).
 * Schemas are built from these factories; recursive types are tied with {@link #lazy}.
 */
public final class Asn {
    private Asn() {
    }

    public static final PerType NULL = new PerType() {
        @Override
        public void encode(PerOutput out, Object value) {
            if (value != AsnNull.NULL) {
                throw new PerException("NULL expected, got " + value);
            }
        }

        @Override
        public Object decode(PerInput in) {
            return AsnNull.NULL;
        }
    };

    public static final PerType BOOLEAN = new PerType() {
        @Override
        public void encode(PerOutput out, Object value) {
            out.writeBit((Boolean) value);
        }

        @Override
        public Object decode(PerInput in) {
            return in.readBit();
        }
    };

    /** OBJECT IDENTIFIER (X.691 24): length in octets, then the BER contents octets. */
    public static final PerType OBJECT_IDENTIFIER = new PerType() {
        @Override
        public void encode(PerOutput out, Object value) {
            byte[] contents = ((ObjectIdentifier) value).contents();
            out.writeUnconstrainedLength(contents.length);
            out.writeOctets(contents);
        }

        @Override
        public Object decode(PerInput in) {
            return ObjectIdentifier.fromContents(in.readOctets(in.readUnconstrainedLength()));
        }
    };

    /** An open type whose contents are kept as the raw complete encoding (e.g. TYPE-IDENTIFIER.&amp;Type). */
    public static final PerType OPEN_TYPE = new PerType() {
        @Override
        public void encode(PerOutput out, Object value) {
            out.writeOpenType((byte[]) value);
        }

        @Override
        public Object decode(PerInput in) {
            return in.readOpenType();
        }
    };

    /** INTEGER: {@code lb}/{@code ub} null for no bound; {@code extensible} for "(lb..ub, ...)". */
    public static PerType integer(Long lb, Long ub, boolean extensible) {
        return new PerType() {
            private boolean inRoot(long v) {
                return (lb == null || v >= lb) && (ub == null || v <= ub);
            }

            @Override
            public void encode(PerOutput out, Object value) {
                long v = (Long) value;
                if (extensible) {
                    boolean outside = !inRoot(v);
                    out.writeBit(outside);
                    if (outside) {
                        out.writeUnconstrainedWholeNumber(v);
                        return;
                    }
                } else if (!inRoot(v)) {
                    throw new PerException("integer " + v + " outside its constraint");
                }
                if (lb != null && ub != null) {
                    out.writeConstrainedWholeNumber(v, lb, ub);
                } else if (lb != null) {
                    out.writeSemiConstrainedWholeNumber(v, lb);
                } else {
                    out.writeUnconstrainedWholeNumber(v);
                }
            }

            @Override
            public Object decode(PerInput in) {
                if (extensible && in.readBit()) {
                    return in.readUnconstrainedWholeNumber();
                }
                if (lb != null && ub != null) {
                    return in.readConstrainedWholeNumber(lb, ub);
                } else if (lb != null) {
                    return in.readSemiConstrainedWholeNumber(lb);
                }
                return in.readUnconstrainedWholeNumber();
            }
        };
    }

    public static PerType integer(long lb, long ub) {
        return integer(lb, ub, false);
    }

    public static final PerType UNCONSTRAINED_INTEGER = integer(null, null, false);

    /** ENUMERATED with {@code rootCount} root values (indices in value order) and an optional "...". */
    public static PerType enumerated(int rootCount, boolean extensible) {
        return new PerType() {
            @Override
            public void encode(PerOutput out, Object value) {
                EnumeratedValue e = (EnumeratedValue) value;
                if (extensible) {
                    out.writeBit(e.extension());
                }
                if (e.extension()) {
                    if (!extensible) {
                        throw new PerException("extension value of a non-extensible ENUMERATED");
                    }
                    out.writeNormallySmallNumber(e.index());
                } else {
                    out.writeConstrainedWholeNumber(e.index(), 0, rootCount - 1);
                }
            }

            @Override
            public Object decode(PerInput in) {
                if (extensible && in.readBit()) {
                    return new EnumeratedValue(toIndex(in.readNormallySmallNumber()), true);
                }
                return new EnumeratedValue((int) in.readConstrainedWholeNumber(0, rootCount - 1), false);
            }
        };
    }

    /** OCTET STRING (SIZE (lb..ub)); ub = Long.MAX_VALUE for no upper bound (X.691 17). */
    public static PerType octetString(long lb, long ub) {
        return new PerType() {
            @Override
            public void encode(PerOutput out, Object value) {
                byte[] v = (byte[]) value;
                if (lb == ub && ub < 65536) {
                    if (v.length != lb) {
                        throw new PerException("octet string of " + v.length + " octets, fixed size " + lb);
                    }
                    if (lb > 2) {
                        out.align();
                    }
                } else {
                    out.writeLength(v.length, lb, ub);
                    if (v.length > 0) {
                        out.align();
                    }
                }
                out.writeOctets(v);
            }

            @Override
            public Object decode(PerInput in) {
                int length;
                if (lb == ub && ub < 65536) {
                    length = (int) lb;
                    if (lb > 2) {
                        in.align();
                    }
                } else {
                    length = in.readLength(lb, ub);
                    if (length > 0) {
                        in.align();
                    }
                }
                return in.readOctets(length);
            }
        };
    }

    public static final PerType OCTET_STRING = octetString(0, Long.MAX_VALUE);

    /** BIT STRING (SIZE (lb..ub)); ub = Long.MAX_VALUE for no upper bound (X.691 16). */
    public static PerType bitString(long lb, long ub) {
        return new PerType() {
            @Override
            public void encode(PerOutput out, Object value) {
                BitString v = (BitString) value;
                if (lb == ub && ub < 65536) {
                    if (v.bitLength() != lb) {
                        throw new PerException("bit string of " + v.bitLength() + " bits, fixed size " + lb);
                    }
                    if (lb > 16) {
                        out.align();
                    }
                } else {
                    out.writeLength(v.bitLength(), lb, ub);
                    if (v.bitLength() > 0) {
                        out.align();
                    }
                }
                byte[] bytes = v.bytes();
                for (int i = 0; i < v.bitLength(); i++) {
                    out.writeBit((bytes[i >> 3] & (0x80 >> (i & 7))) != 0);
                }
            }

            @Override
            public Object decode(PerInput in) {
                int length;
                if (lb == ub && ub < 65536) {
                    length = (int) lb;
                    if (lb > 16) {
                        in.align();
                    }
                } else {
                    length = in.readLength(lb, ub);
                    if (length > 0) {
                        in.align();
                    }
                }
                if (length > in.remainingBits()) {
                    throw new PerException("truncated bit string of " + length + " bits");
                }
                byte[] bytes = new byte[(length + 7) / 8];
                for (int i = 0; i < length; i++) {
                    if (in.readBit()) {
                        bytes[i >> 3] |= (byte) (0x80 >> (i & 7));
                    }
                }
                return new BitString(bytes, length);
            }
        };
    }

    public static final PerType BIT_STRING = bitString(0, Long.MAX_VALUE);

    /** IA5String (SIZE (lb..ub)) (FROM (alphabet)); alphabet null for all of IA5 (X.691 30). */
    public static PerType ia5String(long lb, long ub, String alphabet) {
        return new KnownMultiplierString(lb, ub, alphabet == null ? rangeAlphabet(0, 127) : alphabet, 7);
    }

    /** BMPString (SIZE (lb..ub)): 16 bits per character (Basic Multilingual Plane only). */
    public static PerType bmpString(long lb, long ub) {
        return new KnownMultiplierString(lb, ub, null, 16);
    }

    /** PrintableString with no size constraint. */
    public static final PerType PRINTABLE_STRING = new KnownMultiplierString(0, Long.MAX_VALUE,
            " '()+,-./0123456789:=?ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", 7);

    private static String rangeAlphabet(int first, int last) {
        StringBuilder b = new StringBuilder();
        for (int c = first; c <= last; c++) {
            b.append((char) c);
        }
        return b.toString();
    }

    /**
     * Known-multiplier character strings (X.691 30.5). In the ALIGNED variant each character takes b
     * bits, b being the bits for the alphabet size rounded up to 1, 2, 4, 8 or 16; a character is
     * sent as its code if every code of the alphabet fits in b bits, else as its index in the
     * alphabet sorted by code (which is how dialledDigits "0123456789#*," becomes 4-bit indices).
     */
    private static final class KnownMultiplierString implements PerType {
        private final long lb;
        private final long ub;
        private final char[] sortedAlphabet; // null: the whole BMP
        private final int bitsPerChar;
        private final boolean useIndices;

        KnownMultiplierString(long lb, long ub, String alphabet, int unconstrainedBits) {
            this.lb = lb;
            this.ub = ub;
            if (alphabet == null) {
                sortedAlphabet = null;
                bitsPerChar = unconstrainedBits;
                useIndices = false;
            } else {
                sortedAlphabet = alphabet.toCharArray();
                Arrays.sort(sortedAlphabet);
                int bits = PerOutput.bitsFor(sortedAlphabet.length - 1);
                int aligned = 1;
                while (aligned < bits) {
                    aligned <<= 1;
                }
                bitsPerChar = aligned;
                useIndices = sortedAlphabet[sortedAlphabet.length - 1] > (1 << aligned) - 1;
            }
        }

        private boolean aligned(int length) {
            return length > 0 && !(ub != Long.MAX_VALUE && ub * bitsPerChar <= 16);
        }

        @Override
        public void encode(PerOutput out, Object value) {
            String s = (String) value;
            if (lb == ub && ub < 65536) {
                if (s.length() != lb) {
                    throw new PerException("string \"" + s + "\" is not " + lb + " characters");
                }
            } else {
                out.writeLength(s.length(), lb, ub);
            }
            if (aligned(s.length())) {
                out.align();
            }
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                int code = c;
                if (sortedAlphabet != null) {
                    int index = Arrays.binarySearch(sortedAlphabet, c);
                    if (index < 0) {
                        throw new PerException("character '" + c + "' not in the permitted alphabet");
                    }
                    code = useIndices ? index : c;
                }
                out.writeBits(code, bitsPerChar);
            }
        }

        @Override
        public Object decode(PerInput in) {
            int length = lb == ub && ub < 65536 ? (int) lb : in.readLength(lb, ub);
            if (aligned(length)) {
                in.align();
            }
            if ((long) length * bitsPerChar > in.remainingBits()) {
                throw new PerException("truncated string of " + length + " characters");
            }
            StringBuilder b = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                int code = (int) in.readBits(bitsPerChar);
                if (sortedAlphabet != null) {
                    if (useIndices) {
                        if (code >= sortedAlphabet.length) {
                            throw new PerException("character index " + code + " outside the permitted alphabet");
                        }
                        code = sortedAlphabet[code];
                    } else if (Arrays.binarySearch(sortedAlphabet, (char) code) < 0) {
                        throw new PerException("character " + code + " not in the permitted alphabet");
                    }
                }
                b.append((char) code);
            }
            return b.toString();
        }
    }

    /** SEQUENCE (SIZE (lb..ub)) OF element (X.691 20); ub = Long.MAX_VALUE for no upper bound. */
    public static PerType sequenceOf(PerType element, long lb, long ub) {
        return new PerType() {
            @Override
            public void encode(PerOutput out, Object value) {
                List<?> items = (List<?>) value;
                if (lb == ub && ub < 65536) {
                    if (items.size() != lb) {
                        throw new PerException(items.size() + " items, fixed count " + lb);
                    }
                } else {
                    out.writeLength(items.size(), lb, ub);
                }
                for (Object item : items) {
                    element.encode(out, item);
                }
            }

            @Override
            public Object decode(PerInput in) {
                int count = lb == ub && ub < 65536 ? (int) lb : in.readLength(lb, ub);
                List<Object> items = new ArrayList<>(Math.min(count, 64));
                for (int i = 0; i < count; i++) {
                    items.add(element.decode(in));
                }
                return List.copyOf(items);
            }
        };
    }

    public static PerType sequenceOf(PerType element) {
        return sequenceOf(element, 0, Long.MAX_VALUE);
    }

    /** A reference resolved on first use, for recursive and forward-referenced types. */
    public static PerType lazy(Supplier<PerType> target) {
        return new PerType() {
            private volatile PerType resolved;

            private PerType type() {
                PerType t = resolved;
                if (t == null) {
                    t = target.get();
                    resolved = t;
                }
                return t;
            }

            @Override
            public void encode(PerOutput out, Object value) {
                type().encode(out, value);
            }

            @Override
            public Object decode(PerInput in) {
                return type().decode(in);
            }
        };
    }

    public static ChoiceBuilder choice() {
        return new ChoiceBuilder();
    }

    public static SequenceBuilder sequence() {
        return new SequenceBuilder();
    }

    static int toIndex(long n) {
        if (n > 1_000_000) {
            throw new PerException("extension index " + n + " too large");
        }
        return (int) n;
    }

    record Component(String name, PerType type, boolean optional) {
    }

    /** Builds a CHOICE; alternatives added after {@link #extensible()} are extension additions. */
    public static final class ChoiceBuilder {
        private final List<Component> root = new ArrayList<>();
        private final List<Component> additions = new ArrayList<>();
        private boolean extensible;

        public ChoiceBuilder alt(String name, PerType type) {
            (extensible ? additions : root).add(new Component(name, type, false));
            return this;
        }

        public ChoiceBuilder extensible() {
            extensible = true;
            return this;
        }

        public PerType build() {
            return new ChoiceType(List.copyOf(root), List.copyOf(additions), extensible);
        }
    }

    /** X.691 23: CHOICE with an optional extension marker. */
    private record ChoiceType(List<Component> root, List<Component> additions, boolean extensible) implements PerType {
        @Override
        public void encode(PerOutput out, Object value) {
            ChoiceValue c = (ChoiceValue) value;
            if (extensible) {
                out.writeBit(c.extension());
            }
            if (!c.extension()) {
                out.writeConstrainedWholeNumber(c.index(), 0, root.size() - 1);
                root.get(c.index()).type().encode(out, c.value());
                return;
            }
            if (!extensible) {
                throw new PerException("extension alternative of a non-extensible CHOICE");
            }
            out.writeNormallySmallNumber(c.index());
            if (c.isUnknown()) {
                out.writeOpenType((byte[]) c.value());
            } else {
                out.writeOpenType(additions.get(c.index()).type().encode(c.value()));
            }
        }

        @Override
        public Object decode(PerInput in) {
            if (extensible && in.readBit()) {
                int index = toIndex(in.readNormallySmallNumber());
                byte[] contents = in.readOpenType();
                if (index >= additions.size()) {
                    return new ChoiceValue(index, true, null, contents);
                }
                Component alternative = additions.get(index);
                return new ChoiceValue(index, true, alternative.name(), alternative.type().decode(new PerInput(contents)));
            }
            int index = (int) in.readConstrainedWholeNumber(0, root.size() - 1);
            Component alternative = root.get(index);
            return new ChoiceValue(index, false, alternative.name(), alternative.type().decode(in));
        }
    }

    /**
     * Builds a SEQUENCE. Components added after {@link #extensible()} are extension additions (all
     * treated as possibly absent on decode, as X.691 requires of a receiver of an older version);
     * {@link #unknownAddition()} reserves the position of an addition this schema leaves undecoded.
     */
    public static final class SequenceBuilder {
        private final List<Component> root = new ArrayList<>();
        private final List<Component> additions = new ArrayList<>();
        private boolean extensible;

        public SequenceBuilder mandatory(String name, PerType type) {
            (extensible ? additions : root).add(new Component(name, type, false));
            return this;
        }

        public SequenceBuilder optional(String name, PerType type) {
            (extensible ? additions : root).add(new Component(name, type, true));
            return this;
        }

        public SequenceBuilder extensible() {
            extensible = true;
            return this;
        }

        public SequenceBuilder unknownAddition() {
            if (!extensible) {
                throw new IllegalStateException("unknown addition before the extension marker");
            }
            additions.add(new Component(null, null, true));
            return this;
        }

        public PerType build() {
            return new SequenceType(List.copyOf(root), List.copyOf(additions), extensible);
        }
    }

    /** X.691 19: SEQUENCE with OPTIONAL bit-map, extension bit and extension additions as open types. */
    private record SequenceType(List<Component> root, List<Component> additions, boolean extensible) implements PerType {
        @Override
        public void encode(PerOutput out, Object value) {
            SequenceValue s = (SequenceValue) value;
            // as long as decoded (so a received message re-encodes byte for byte), and longer when an
            // addition was set after decoding (a token added to a received or re-encoded message)
            int bitmapLength = Math.max(s.additionBitmapLength(), 0);
            for (int i = 0; i < additions.size(); i++) {
                String name = additions.get(i).name();
                if (name != null && s.has(name)) {
                    bitmapLength = Math.max(bitmapLength, i + 1);
                }
            }
            for (int index : s.unknownAdditions().keySet()) {
                bitmapLength = Math.max(bitmapLength, index + 1);
            }
            boolean[] present = new boolean[bitmapLength];
            boolean anyPresent = false;
            for (int i = 0; i < bitmapLength; i++) {
                String name = i < additions.size() ? additions.get(i).name() : null;
                present[i] = name != null ? s.has(name) : s.unknownAdditions().containsKey(i);
                anyPresent |= present[i];
            }
            if (extensible) {
                out.writeBit(anyPresent);
            } else if (anyPresent) {
                throw new PerException("extension additions in a non-extensible SEQUENCE");
            }
            for (Component c : root) {
                if (c.optional()) {
                    out.writeBit(s.has(c.name()));
                }
            }
            for (Component c : root) {
                if (s.has(c.name())) {
                    c.type().encode(out, s.get(c.name()));
                } else if (!c.optional()) {
                    throw new PerException("mandatory component " + c.name() + " missing");
                }
            }
            if (!anyPresent) {
                return;
            }
            out.writeNormallySmallLength(bitmapLength);
            for (boolean p : present) {
                out.writeBit(p);
            }
            for (int i = 0; i < bitmapLength; i++) {
                if (!present[i]) {
                    continue;
                }
                String name = i < additions.size() ? additions.get(i).name() : null;
                if (name != null) {
                    out.writeOpenType(additions.get(i).type().encode(s.get(name)));
                } else {
                    out.writeOpenType(s.unknownAdditions().get(i));
                }
            }
        }

        @Override
        public Object decode(PerInput in) {
            SequenceValue s = new SequenceValue();
            boolean hasAdditions = extensible && in.readBit();
            List<Component> optionals = root.stream().filter(Component::optional).toList();
            boolean[] rootPresent = new boolean[optionals.size()];
            for (int i = 0; i < rootPresent.length; i++) {
                rootPresent[i] = in.readBit();
            }
            int optionalIndex = 0;
            for (Component c : root) {
                if (!c.optional() || rootPresent[optionalIndex++]) {
                    s.with(c.name(), c.type().decode(in));
                }
            }
            if (!hasAdditions) {
                return s;
            }
            int bitmapLength = in.readNormallySmallLength();
            s.setAdditionBitmapLength(bitmapLength);
            boolean[] present = new boolean[bitmapLength];
            for (int i = 0; i < bitmapLength; i++) {
                present[i] = in.readBit();
            }
            for (int i = 0; i < bitmapLength; i++) {
                if (!present[i]) {
                    continue;
                }
                byte[] contents = in.readOpenType();
                Component c = i < additions.size() ? additions.get(i) : null;
                if (c == null || c.name() == null) {
                    s.putUnknownAddition(i, contents);
                } else {
                    s.with(c.name(), c.type().decode(new PerInput(contents)));
                }
            }
            return s;
        }
    }

    /** Convenience for tests and message builders: a choice value by alternative name. */
    public static ChoiceValue choose(PerType choiceType, String name, Object value) {
        ChoiceType c = (ChoiceType) choiceType;
        for (int i = 0; i < c.root().size(); i++) {
            if (c.root().get(i).name().equals(name)) {
                return new ChoiceValue(i, false, name, value);
            }
        }
        for (int i = 0; i < c.additions().size(); i++) {
            if (c.additions().get(i).name().equals(name)) {
                return new ChoiceValue(i, true, name, value);
            }
        }
        throw new IllegalArgumentException("no alternative " + name);
    }
}

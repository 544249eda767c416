package dev.switchboard.protocol.h323.internal.cs;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.switchboard.protocol.h323.internal.per.PerException;

/**
 * A Q.931 message as H.225.0 clause 7 profiles it: protocol discriminator 8, a two-octet call
 * reference with its flag, the message type, and the information elements in the order received
 * (so that re-encoding is exact). The user-user IE (0x7E) has a two-octet length in H.225.0.
 */
public record Q931Message(int callReference, boolean fromDestination, int messageType, List<InformationElement> elements) {
    public static final int PROTOCOL_DISCRIMINATOR = 0x08;
    public static final int USER_USER = 0x7E;
    /** User-user protocol discriminator for X.208/X.209-coded user information (H.225.0 7.2.2.1). */
    public static final int USER_USER_ASN1 = 0x05;

    public static final int ALERTING = 0x01;
    public static final int CALL_PROCEEDING = 0x02;
    public static final int SETUP = 0x05;
    public static final int CONNECT = 0x07;
    public static final int RELEASE_COMPLETE = 0x5A;
    public static final int FACILITY = 0x62;
    public static final int NOTIFY = 0x6E;
    public static final int STATUS_INQUIRY = 0x75;
    public static final int STATUS = 0x7D;
    public static final int INFORMATION = 0x7B;
    public static final int PROGRESS = 0x03;

    /** One IE; single-octet IEs (identifier ≥ 0x80) have no contents. */
    public record InformationElement(int identifier, byte[] contents) {
        public boolean singleOctet() {
            return identifier >= 0x80;
        }
    }

    public Q931Message {
        elements = List.copyOf(elements);
    }

    public Optional<byte[]> element(int identifier) {
        return elements.stream().filter(e -> e.identifier() == identifier).map(InformationElement::contents).findFirst();
    }

    /** The PER-encoded H323-UserInformation carried in the user-user IE, if any. */
    public Optional<byte[]> h323UserInformation() {
        return element(USER_USER).map(contents -> {
            if (contents.length < 1 || (contents[0] & 0xFF) != USER_USER_ASN1) {
                throw new PerException("user-user IE is not X.208/X.209 coded");
            }
            return java.util.Arrays.copyOfRange(contents, 1, contents.length);
        });
    }

    public static Q931Message parse(byte[] data) {
        if (data.length < 3 || (data[0] & 0xFF) != PROTOCOL_DISCRIMINATOR) {
            throw new PerException("not a Q.931 message");
        }
        int crLength = data[1] & 0x0F;
        if (crLength > 2 || data.length < 3 + crLength) {
            throw new PerException("call reference of " + crLength + " octets");
        }
        int callReference = 0;
        boolean flag = false;
        for (int i = 0; i < crLength; i++) {
            int b = data[2 + i] & 0xFF;
            if (i == 0) {
                flag = (b & 0x80) != 0;
                b &= 0x7F;
            }
            callReference = (callReference << 8) | b;
        }
        int pos = 2 + crLength;
        int messageType = data[pos++] & 0xFF;
        List<InformationElement> elements = new ArrayList<>();
        while (pos < data.length) {
            int id = data[pos++] & 0xFF;
            if (id >= 0x80) {
                elements.add(new InformationElement(id, new byte[0]));
                continue;
            }
            int length;
            if (id == USER_USER) {
                if (pos + 2 > data.length) {
                    throw new PerException("truncated user-user IE length");
                }
                length = ((data[pos] & 0xFF) << 8) | (data[pos + 1] & 0xFF);
                pos += 2;
            } else {
                if (pos >= data.length) {
                    throw new PerException("truncated IE 0x" + Integer.toHexString(id));
                }
                length = data[pos++] & 0xFF;
            }
            if (pos + length > data.length) {
                throw new PerException("IE 0x" + Integer.toHexString(id) + " of " + length + " octets overruns the message");
            }
            elements.add(new InformationElement(id, java.util.Arrays.copyOfRange(data, pos, pos + length)));
            pos += length;
        }
        return new Q931Message(callReference, flag, messageType, elements);
    }

    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(PROTOCOL_DISCRIMINATOR);
        out.write(2);
        out.write((fromDestination ? 0x80 : 0) | ((callReference >>> 8) & 0x7F));
        out.write(callReference & 0xFF);
        out.write(messageType);
        for (InformationElement e : elements) {
            out.write(e.identifier());
            if (e.singleOctet()) {
                continue;
            }
            if (e.identifier() == USER_USER) {
                out.write(e.contents().length >>> 8);
            } else if (e.contents().length > 255) {
                throw new PerException("IE 0x" + Integer.toHexString(e.identifier()) + " too long");
            }
            out.write(e.contents().length & 0xFF);
            out.writeBytes(e.contents());
        }
        return out.toByteArray();
    }
}

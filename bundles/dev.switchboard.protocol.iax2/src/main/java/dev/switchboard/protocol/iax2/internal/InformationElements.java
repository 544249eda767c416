package dev.switchboard.protocol.iax2.internal;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The information elements of an IAX frame (RFC 5456 section 8.6), in wire order so that decoding
 * and encoding give back the same bytes. Each element is a type byte, a length byte and the data.
 */
final class InformationElements {

    record Element(int type, byte[] data) {
    }

    private final List<Element> elements;

    private InformationElements(List<Element> elements) {
        this.elements = List.copyOf(elements);
    }

    static Builder builder() {
        return new Builder();
    }

    /** @throws MalformedFrameException if an element runs past the end */
    static InformationElements decode(byte[] data, int offset, int length) {
        List<Element> elements = new ArrayList<>();
        int position = offset;
        int end = offset + length;
        while (position < end) {
            if (position + 2 > end) {
                throw new MalformedFrameException("information element header cut off at byte " + (position - offset));
            }
            int type = data[position] & 0xff;
            int size = data[position + 1] & 0xff;
            if (position + 2 + size > end) {
                throw new MalformedFrameException("information element " + type + " of " + size
                        + " bytes runs past the frame end");
            }
            byte[] value = new byte[size];
            System.arraycopy(data, position + 2, value, 0, size);
            elements.add(new Element(type, value));
            position += 2 + size;
        }
        return new InformationElements(elements);
    }

    List<Element> elements() {
        return elements;
    }

    byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Element element : elements) {
            out.write(element.type());
            out.write(element.data().length);
            out.writeBytes(element.data());
        }
        return out.toByteArray();
    }

    boolean has(int type) {
        return bytes(type).isPresent();
    }

    Optional<byte[]> bytes(int type) {
        return elements.stream().filter(element -> element.type() == type).map(Element::data).findFirst();
    }

    Optional<String> string(int type) {
        return bytes(type).map(value -> new String(value, StandardCharsets.UTF_8));
    }

    /** An unsigned number of 1, 2, 4 or 8 bytes (the 64-bit formats: a version byte, then 8 bytes). */
    Optional<Long> number(int type) {
        return bytes(type).map(value -> {
            long result = 0;
            int start = value.length == 9 ? 1 : 0;
            for (int i = start; i < value.length; i++) {
                result = result << 8 | value[i] & 0xff;
            }
            return result;
        });
    }

    /**
     * An address element (APPARENT ADDR): a {@code struct sockaddr_in} as Asterisk sends it, the
     * family 2 in the sender's byte order (little-endian from x86), port and IPv4 address in network
     * order, 8 bytes of zeros; empty when absent or not IPv4.
     */
    Optional<InetSocketAddress> address(int type) {
        return bytes(type).filter(value -> value.length == 16)
                .filter(value -> (value[0] == 2 && value[1] == 0) || (value[0] == 0 && value[1] == 2))
                .flatMap(value -> {
                    int port = (value[2] & 0xff) << 8 | value[3] & 0xff;
                    try {
                        return Optional.of(new InetSocketAddress(
                                InetAddress.getByAddress(Arrays.copyOfRange(value, 4, 8)), port));
                    } catch (UnknownHostException e) {
                        return Optional.empty();
                    }
                });
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("[");
        for (Element element : elements) {
            if (text.length() > 1) {
                text.append(", ");
            }
            text.append(element.type()).append(':').append(element.data().length);
        }
        return text.append(']').toString();
    }

    static final class Builder {
        private final List<Element> elements = new ArrayList<>();

        Builder string(int type, String value) {
            return bytes(type, value.getBytes(StandardCharsets.UTF_8));
        }

        Builder bytes(int type, byte[] value) {
            if (value.length > 255) {
                throw new IllegalArgumentException("information element " + type + " longer than 255 bytes");
            }
            elements.add(new Element(type, value.clone()));
            return this;
        }

        Builder u8(int type, int value) {
            return bytes(type, new byte[] { (byte) value });
        }

        Builder u16(int type, int value) {
            return bytes(type, new byte[] { (byte) (value >> 8), (byte) value });
        }

        Builder u32(int type, long value) {
            return bytes(type, new byte[] { (byte) (value >> 24), (byte) (value >> 16), (byte) (value >> 8),
                    (byte) value });
        }

        /** The 64-bit format IEs Asterisk 1.8+ sends: a version byte 0, then 8 bytes. */
        Builder u64Versioned(int type, long value) {
            byte[] data = new byte[9];
            for (int i = 0; i < 8; i++) {
                data[1 + i] = (byte) (value >>> (56 - 8 * i));
            }
            return bytes(type, data);
        }

        /** An IPv4 address element laid out as Asterisk sends it (see {@link InformationElements#address}). */
        Builder address(int type, InetSocketAddress address) {
            byte[] data = new byte[16];
            data[0] = 2;
            data[2] = (byte) (address.getPort() >> 8);
            data[3] = (byte) address.getPort();
            System.arraycopy(address.getAddress().getAddress(), 0, data, 4, 4);
            return bytes(type, data);
        }

        Builder empty(int type) {
            return bytes(type, new byte[0]);
        }

        InformationElements build() {
            return new InformationElements(elements);
        }

        byte[] encode() {
            return build().encode();
        }
    }
}

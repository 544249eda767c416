package dev.switchboard.protocol.h323.internal.cs;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * TPKT framing (RFC 1006 clause 6) of Q.931 and H.245 on TCP: version 3, a reserved octet, and a
 * 16-bit length that counts the 4 header octets. H.323 uses an empty TPKT (length 4) as keep-alive.
 */
public final class Tpkt {
    public static final int HEADER_LENGTH = 4;
    public static final int MAX_PAYLOAD = 65535 - HEADER_LENGTH;

    private Tpkt() {
    }

    public static byte[] frame(byte[] payload) {
        if (payload.length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("TPKT payload of " + payload.length + " octets exceeds " + MAX_PAYLOAD);
        }
        int length = payload.length + HEADER_LENGTH;
        byte[] out = new byte[length];
        out[0] = 3;
        out[2] = (byte) (length >>> 8);
        out[3] = (byte) length;
        System.arraycopy(payload, 0, out, HEADER_LENGTH, payload.length);
        return out;
    }

    public static void write(OutputStream out, byte[] payload) throws IOException {
        out.write(frame(payload));
        out.flush();
    }

    /**
     * Reads one TPKT and returns its payload (empty for a keep-alive).
     *
     * @throws EOFException at a clean end of stream before a header
     * @throws IOException if the stream ends inside a packet or the header is not a TPKT
     */
    public static byte[] read(InputStream in) throws IOException {
        byte[] header = new byte[HEADER_LENGTH];
        int first = in.read();
        if (first < 0) {
            throw new EOFException("connection closed");
        }
        header[0] = (byte) first;
        readFully(in, header, 1, 3);
        if (header[0] != 3) {
            throw new IOException("not a TPKT: version " + (header[0] & 0xFF));
        }
        int length = ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
        if (length < HEADER_LENGTH) {
            throw new IOException("TPKT length " + length + " shorter than its header");
        }
        byte[] payload = new byte[length - HEADER_LENGTH];
        readFully(in, payload, 0, payload.length);
        return payload;
    }

    private static void readFully(InputStream in, byte[] buffer, int offset, int length) throws IOException {
        int done = 0;
        while (done < length) {
            int n = in.read(buffer, offset + done, length - done);
            if (n < 0) {
                throw new IOException("connection closed inside a TPKT");
            }
            done += n;
        }
    }
}

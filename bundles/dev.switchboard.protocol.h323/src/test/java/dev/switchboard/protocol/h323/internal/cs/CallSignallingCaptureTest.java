package dev.switchboard.protocol.h323.internal.cs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.switchboard.protocol.h323.internal.per.ChoiceValue;
import dev.switchboard.protocol.h323.internal.per.PerException;
import dev.switchboard.protocol.h323.internal.per.SequenceValue;

/**
 * Every Q.931 call signalling message of the H.323 captures (h323plus, GnuGk, ooh323c; extracted by
 * scripts/h323-extract-q931-vectors.py): TPKT, Q.931 and the H323-UserInformation in its user-user IE
 * decode, name the same message body as tshark, and re-encode to the identical bytes.
 */
class CallSignallingCaptureTest {
    private static final Map<Integer, String> BODY_FOR_Q931_TYPE = Map.of(Q931Message.SETUP, "setup",
            Q931Message.CALL_PROCEEDING, "callProceeding", Q931Message.ALERTING, "alerting", Q931Message.CONNECT,
            "connect", Q931Message.RELEASE_COMPLETE, "releaseComplete", Q931Message.INFORMATION, "information");

    static Stream<Arguments> messages() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                CallSignallingCaptureTest.class.getResourceAsStream("/h323/q931-vectors.txt"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.startsWith("#")) {
                    String[] cols = line.split("\t");
                    out.add(Arguments.of(cols[0] + "#" + cols[1], HexFormat.of().parseHex(cols[2]), cols[3]));
                }
            }
        }
        assertTrue(out.size() >= 100, "expected the ~105 captured Q.931 messages, found " + out.size());
        return out.stream();
    }

    @ParameterizedTest(name = "capture {0} {2}")
    @MethodSource("messages")
    void decodesAndReencodesIdentically(String frame, byte[] message, String tsharkBody) throws IOException {
        byte[] framed = Tpkt.frame(message);
        assertArrayEquals(message, Tpkt.read(new ByteArrayInputStream(framed)), frame);

        Q931Message q931 = Q931Message.parse(message);
        assertArrayEquals(message, q931.encode(), frame + " Q.931 re-encoded");
        byte[] perEncoded = q931.h323UserInformation().orElseThrow();
        SequenceValue uui = (SequenceValue) H225CallSignallingAsn.H323_USER_INFORMATION.decode(perEncoded);
        ChoiceValue body = ((SequenceValue) uui.get("h323-uu-pdu")).getChoice("h323-message-body");
        assertEquals(tsharkBody, body.name(), frame);
        String expectedForType = BODY_FOR_Q931_TYPE.get(q931.messageType());
        if (expectedForType != null) {
            assertEquals(expectedForType, body.name(), frame + " Q.931 type " + q931.messageType());
        }
        assertArrayEquals(perEncoded, H225CallSignallingAsn.H323_USER_INFORMATION.encode(uui), frame + " PER re-encoded");
    }

    @Test
    void tpktKeepAliveAndBadFraming() throws IOException {
        assertEquals(0, Tpkt.read(new ByteArrayInputStream(new byte[] {3, 0, 0, 4})).length);
        assertThrows(EOFException.class, () -> Tpkt.read(new ByteArrayInputStream(new byte[0])));
        assertThrows(IOException.class, () -> Tpkt.read(new ByteArrayInputStream(new byte[] {4, 0, 0, 8, 1, 2, 3, 4})));
        assertThrows(IOException.class, () -> Tpkt.read(new ByteArrayInputStream(new byte[] {3, 0, 0, 2})));
        assertThrows(IOException.class, () -> Tpkt.read(new ByteArrayInputStream(new byte[] {3, 0, 0, 9, 1})));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Tpkt.write(out, new byte[] {8, 2, 0, 1, 0x5a});
        assertEquals("0300000908020001 5a".replace(" ", ""), HexFormat.of().formatHex(out.toByteArray()));
    }

    @Test
    void truncatedQ931FailsCleanly() throws IOException {
        byte[] setup = messages().map(a -> (byte[]) a.get()[1]).filter(m -> (m[4] & 0xFF) == Q931Message.SETUP)
                .findFirst().orElseThrow();
        for (int length = 0; length < setup.length; length++) {
            byte[] cut = java.util.Arrays.copyOf(setup, length);
            assertThrows(PerException.class, () -> {
                Q931Message q = Q931Message.parse(cut);
                H225CallSignallingAsn.H323_USER_INFORMATION.decode(q.h323UserInformation().orElseThrow(
                        () -> new PerException("no user-user IE")));
            }, "cut to " + length);
        }
    }
}

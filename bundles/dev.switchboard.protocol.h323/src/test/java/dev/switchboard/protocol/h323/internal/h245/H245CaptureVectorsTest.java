package dev.switchboard.protocol.h323.internal.h245;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.switchboard.protocol.h323.internal.cs.H225CallSignallingAsn;
import dev.switchboard.protocol.h323.internal.cs.Q931Message;
import dev.switchboard.protocol.h323.internal.per.ChoiceValue;
import dev.switchboard.protocol.h323.internal.per.PerException;
import dev.switchboard.protocol.h323.internal.per.SequenceValue;

/**
 * Every H.245 PDU of the H.323 captures: those on separate H.245 connections (extracted by
 * scripts/h323-extract-h245-vectors.py, with tshark's message names), those tunnelled in
 * h245Control and the fastStart OpenLogicalChannels of the captured Q.931 messages. Each decodes and
 * re-encodes to the identical bytes.
 */
class H245CaptureVectorsTest {
    static List<String[]> lines(String resource) throws IOException {
        List<String[]> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                H245CaptureVectorsTest.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.startsWith("#")) {
                    out.add(line.split("\t"));
                }
            }
        }
        return out;
    }

    static Stream<Arguments> separateChannel() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (String[] cols : lines("/h323/h245-vectors.txt")) {
            out.add(Arguments.of(cols[0] + "#" + cols[1], HexFormat.of().parseHex(cols[2]), cols[3]));
        }
        assertTrue(out.size() >= 32, "expected the 32 captured H.245 PDUs, found " + out.size());
        return out.stream();
    }

    /** The h245Control and fastStart octet strings of every captured Q.931 message, with their kind. */
    static Stream<Arguments> tunnelled() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (String[] cols : lines("/h323/q931-vectors.txt")) {
            Q931Message q931 = Q931Message.parse(HexFormat.of().parseHex(cols[2]));
            SequenceValue uuPdu = ((SequenceValue) H225CallSignallingAsn.H323_USER_INFORMATION
                    .decode(q931.h323UserInformation().orElseThrow())).getSequence("h323-uu-pdu");
            String frame = cols[0] + "#" + cols[1];
            uuPdu.find("h245Control").ifPresent(list -> ((List<?>) list)
                    .forEach(pdu -> out.add(Arguments.of(frame, "h245Control", pdu))));
            ChoiceValue body = uuPdu.getChoice("h323-message-body");
            if (body.value() instanceof SequenceValue uuie) {
                uuie.find("fastStart").ifPresent(list -> ((List<?>) list)
                        .forEach(olc -> out.add(Arguments.of(frame, "fastStart", olc))));
            }
        }
        assertTrue(out.stream().filter(a -> a.get()[1].equals("fastStart")).count() >= 50, "fastStart elements " + out.stream().filter(a -> a.get()[1].equals("fastStart")).count());
        assertTrue(out.stream().filter(a -> a.get()[1].equals("h245Control")).count() >= 29, "h245Control elements " + out.stream().filter(a -> a.get()[1].equals("h245Control")).count());
        return out.stream();
    }

    @ParameterizedTest(name = "capture {0} {2}")
    @MethodSource("separateChannel")
    void separateChannelPdusDecodeAndReencode(String frame, byte[] pdu, String tsharkName) {
        ChoiceValue message = (ChoiceValue) H245Asn.MULTIMEDIA_SYSTEM_CONTROL_MESSAGE.decode(pdu);
        assertEquals(tsharkName, ((ChoiceValue) message.value()).name(), frame);
        assertArrayEquals(pdu, H245Asn.MULTIMEDIA_SYSTEM_CONTROL_MESSAGE.encode(message), frame + " re-encoded");
    }

    @ParameterizedTest(name = "capture {0} {1}")
    @MethodSource("tunnelled")
    void tunnelledPdusDecodeAndReencode(String frame, String kind, byte[] pdu) {
        if (kind.equals("fastStart")) {
            Object olc = H245Asn.OPEN_LOGICAL_CHANNEL.decode(pdu);
            assertArrayEquals(pdu, H245Asn.OPEN_LOGICAL_CHANNEL.encode(olc), frame + " fastStart re-encoded");
        } else {
            Object message = H245Asn.MULTIMEDIA_SYSTEM_CONTROL_MESSAGE.decode(pdu);
            assertArrayEquals(pdu, H245Asn.MULTIMEDIA_SYSTEM_CONTROL_MESSAGE.encode(message), frame + " re-encoded");
        }
    }

    @Test
    void truncatedCapabilitySetFailsCleanly() throws IOException {
        byte[] tcs = separateChannel().map(a -> (byte[]) a.get()[1]).filter(p -> p[0] == 0x02).findFirst().orElseThrow();
        for (int length = 0; length < tcs.length - 1; length++) {
            byte[] cut = Arrays.copyOf(tcs, length);
            assertThrows(PerException.class, () -> H245Asn.MULTIMEDIA_SYSTEM_CONTROL_MESSAGE.decode(cut), "cut to " + length);
        }
    }
}

package dev.switchboard.protocol.h323.internal.ras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.switchboard.protocol.h323.internal.per.BitString;
import dev.switchboard.protocol.h323.internal.per.ChoiceValue;
import dev.switchboard.protocol.h323.internal.per.ObjectIdentifier;
import dev.switchboard.protocol.h323.internal.per.SequenceValue;

/**
 * Every RAS datagram recorded between GnuGk 5.15, h323plus and ooh323c (captures/h323, extracted by
 * scripts/h323-extract-ras-vectors.py): decoded, its leaf fields compared in order with tshark's
 * decode of the same frame, and re-encoded to the identical bytes.
 */
class RasCaptureVectorsTest {
    private static final Set<String> COMPARED_FIELDS = Set.of("requestSeqNum", "h323-ID", "dialledDigits", "ip",
            "port", "gatekeeperIdentifier", "endpointIdentifier", "timeToLive", "tokenOID", "algorithmOID", "random",
            "generalID", "sendersID", "hash", "protocolIdentifier", "callReferenceValue", "bandWidth", "keyExch",
            "algorithmOIDs", "sessionId", "irrFrequency", "t35Extension", "manufacturerCode");

    static Stream<Arguments> datagrams() {
        List<Arguments> out = RasVectors.all().values().stream()
                .map(v -> Arguments.of(v.id(), v.datagram(), v.tsharkFields())).toList();
        assertTrue(out.size() >= 150, "expected the ~165 captured RAS datagrams, found " + out.size());
        return out.stream();
    }

    @ParameterizedTest(name = "capture {0}")
    @MethodSource("datagrams")
    void decodesLikeTsharkAndReencodesIdentically(String frame, byte[] datagram, List<String> tsharkFields) {
        ChoiceValue message = (ChoiceValue) H225Asn.RAS_MESSAGE.decode(datagram);
        List<String> ours = new ArrayList<>();
        ours.add("RasMessage=" + message.name());
        collectLeaves(message.value(), message.name(), ours);
        assertEquals(tsharkFields, ours, frame);
        assertArrayEquals(datagram, H225Asn.RAS_MESSAGE.encode(message), frame + " re-encoded");
    }

    private static void collectLeaves(Object value, String name, List<String> out) {
        switch (value) {
            case ChoiceValue c when !c.isUnknown() -> collectLeaves(c.value(), c.name(), out);
            case ChoiceValue c -> { }
            case SequenceValue s -> {
                for (Map.Entry<String, Object> e : s.components().entrySet()) {
                    collectLeaves(e.getValue(), e.getKey(), out);
                }
            }
            case List<?> items -> items.forEach(item -> collectLeaves(item, name, out));
            default -> {
                if (COMPARED_FIELDS.contains(name)) {
                    out.add(name + "=" + render(name, value));
                }
            }
        }
    }

    private static String render(String name, Object value) {
        return switch (value) {
            case byte[] b when name.equals("ip") && b.length == 4 ->
                (b[0] & 0xFF) + "." + (b[1] & 0xFF) + "." + (b[2] & 0xFF) + "." + (b[3] & 0xFF);
            case BitString bits -> HexFormat.of().formatHex(bits.bytes());
            case ObjectIdentifier oid -> oid.toString();
            // h323plus sends its BMPString identifiers with a terminating NUL, which tshark does not print
            case String text -> text.replace("\u0000", "");
            default -> String.valueOf(value);
        };
    }
}

package dev.switchboard.protocol.h323.internal.ras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.switchboard.protocol.h323.internal.per.ChoiceValue;
import dev.switchboard.protocol.h323.internal.per.SequenceValue;

/** H.235.1 tokens against the ones h323plus and GnuGk exchanged in captures 05 and 06. */
class H2351TokenTest {
    /** The recorded message without its H.235.1 token, and that token's ClearToken. */
    private record Unsigned(byte[] datagram, SequenceValue clearToken) {
    }

    private static Unsigned unsigned(byte[] recorded) {
        ChoiceValue pdu = (ChoiceValue) H225Asn.RAS_MESSAGE.decode(recorded);
        SequenceValue body = (SequenceValue) pdu.value();
        List<Object> tokens = new ArrayList<>((List<?>) body.get("cryptoTokens"));
        Object last = tokens.removeLast();
        SequenceValue hashedToken = (SequenceValue) ((ChoiceValue) ((ChoiceValue) last).value()).value();
        body.with("cryptoTokens", tokens.isEmpty() ? null : tokens);
        return new Unsigned(H225Asn.RAS_MESSAGE.encode(pdu), hashedToken.getSequence("hashedVals"));
    }

    @ParameterizedTest(name = "capture {0} with {1}")
    @CsvSource({"05#3, bob123", "05#7, alice123", "05#9, alice123", "05#4, bob123", "05#10, alice123"})
    void ourTokenIsBitForBitTheRecordedOne(String id, String password) {
        byte[] recorded = RasVectors.datagram(id);
        Unsigned u = unsigned(recorded);
        SequenceValue clear = u.clearToken();
        byte[] ours = H2351Token.sign(u.datagram(), password, clear.getString("generalID"), clear.getString("sendersID"),
                clear.getLong("timeStamp"), clear.getLong("random"));
        assertArrayEquals(recorded, ours, id);
        assertEquals(Optional.of(true), H2351Token.verify(recorded, password));
        assertEquals(Optional.of(false), H2351Token.verify(recorded, password + "x"));
    }

    @ParameterizedTest(name = "capture {0}")
    @CsvSource({"06#7"})
    void theRejectedRegistrationUsedAnotherPassword(String id) {
        assertEquals(Optional.of(false), H2351Token.verify(RasVectors.datagram(id), "alice123"));
    }
}

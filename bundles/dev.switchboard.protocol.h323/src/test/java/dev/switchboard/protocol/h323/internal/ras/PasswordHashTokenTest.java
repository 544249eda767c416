package dev.switchboard.protocol.h323.internal.ras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.switchboard.protocol.h323.internal.cs.CallSignalling;
import dev.switchboard.protocol.h323.internal.per.Asn;
import dev.switchboard.protocol.h323.internal.per.SequenceValue;

/**
 * The H.235 MD5 password hash against the cryptoEPPwdHash tokens h323plus put into its Setups in
 * captures 02 and 04 (alias and hashed generalID "alice123", hashed password "alice": see the
 * capture README on how h323plus filled them).
 */
class PasswordHashTokenTest {
    private static final HexFormat HEX = HexFormat.of();
    /** Nov 23 2026 00:53:06 UTC, capture 02's Setup. */
    private static final long CAPTURE_02_TIME = 1795395186L;
    /** Nov 23 2026 00:54:00 UTC, capture 04's Setup. */
    private static final long CAPTURE_04_TIME = 1795395240L;

    @Test
    void theHashedClearTokenIsEncodedAsH323plusEncodedIt() {
        assertEquals("61000100c06b038e710a0061006c0069006300650000100061006c0069006300650031003200330000",
                HEX.formatHex(H225Asn.CLEAR_TOKEN.encode(
                        PasswordHashToken.hashedClearToken("alice123", "alice", CAPTURE_02_TIME))));
    }

    @Test
    void hashesAreBitExactWithTheCaptures() {
        assertEquals("652537c6c92e799202ed51a7a2320e52",
                HEX.formatHex(PasswordHashToken.hash("alice123", "alice", CAPTURE_02_TIME)));
        assertEquals("e9e779e1b7e92775a1ac20937aefd36c",
                HEX.formatHex(PasswordHashToken.hash("alice123", "alice", CAPTURE_04_TIME)));
    }

    @Test
    void ourTokenIsTheOneInCapture02sSetupAndVerifiesWithItsPasswordOnly() throws IOException {
        SequenceValue captured = PasswordHashToken.find(setupCryptoTokens("02", "14")).orElseThrow();
        assertEquals(CAPTURE_02_TIME, captured.getLong("timeStamp"));
        assertArrayEquals(H225Asn.CRYPTO_H323_TOKEN.encode(PasswordHashToken.token("alice123", "alice", CAPTURE_02_TIME)),
                H225Asn.CRYPTO_H323_TOKEN.encode(Asn.choose(H225Asn.CRYPTO_H323_TOKEN, "cryptoEPPwdHash", captured)));
        assertTrue(PasswordHashToken.verifies(captured, "alice"));
        assertFalse(PasswordHashToken.verifies(captured, "alice123"));
        assertFalse(PasswordHashToken.verifies(captured, "wrongpass"));
    }

    @Test
    void aTokenOfOursVerifiesOnlyWithItsPasswordAndUnchanged() {
        SequenceValue token = (SequenceValue) PasswordHashToken.token("bob", "bob123", 1_800_000_000L).value();
        assertTrue(PasswordHashToken.verifies(token, "bob123"));
        assertFalse(PasswordHashToken.verifies(token, "bob124"));
        token.with("timeStamp", 1_800_000_001L); // replayed with a fresher time stamp
        assertFalse(PasswordHashToken.verifies(token, "bob123"));
    }

    /** The cryptoTokens of a recorded Setup (src/test/resources/h323/q931-vectors.txt). */
    private static List<?> setupCryptoTokens(String capture, String frame) throws IOException {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                PasswordHashTokenTest.class.getResourceAsStream("/h323/q931-vectors.txt"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                String[] cols = line.split("\t");
                if (cols.length > 2 && cols[0].equals(capture) && cols[1].equals(frame)) {
                    CallSignalling.Received setup = CallSignalling.read(HEX.parseHex(cols[2]));
                    assertEquals("setup", setup.body());
                    return setup.cryptoTokens();
                }
            }
        }
        throw new AssertionError("no Setup " + capture + "#" + frame + " in the vectors");
    }
}

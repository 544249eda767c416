package dev.switchboard.protocol.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class StrictRequestCheckTest {

    private static final String GOOD = String.join("\r\n",
            "INVITE sip:bob@127.0.0.1 SIP/2.0",
            "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1;rport",
            "Max-Forwards: 70",
            "From: \"Alice A.\" <sip:alice@127.0.0.1>;tag=1",
            "To: Bob <sip:bob@127.0.0.1>",
            "Call-ID: 1@127.0.0.1",
            "CSeq: 1 INVITE",
            "Contact: <sip:alice@127.0.0.1:5070>",
            "Content-Length: 0", "", "");

    private static Optional<String> check(String message) {
        return StrictRequestCheck.problem(message);
    }

    @Test
    void wellFormedRequestsAndAllResponsesPass() {
        assertEquals(Optional.empty(), check(GOOD));
        assertEquals(Optional.empty(), check("SIP/2.0  200 OK\r\nbroken\r\n\r\n"));
        assertEquals(Optional.empty(), check(GOOD.replace("Via:", "v:").replace("Call-ID:", "i:")));
    }

    @Test
    void requestLineMustBeExact() {
        assertEquals(Optional.of("malformed Request-Line"), check(GOOD.replace("INVITE sip:bob@127.0.0.1 SIP/2.0",
                "INVITE  sip:bob@127.0.0.1 SIP/2.0")));
        assertEquals(Optional.of("malformed Request-Line"), check(GOOD.replace(" SIP/2.0\r\nVia", " SIP/02.00\r\nVia")));
        assertEquals(Optional.of("unsupported Request-URI"), check(GOOD.replace("INVITE sip:bob@127.0.0.1",
                "INVITE name:bob")));
        assertEquals(Optional.of("escaped headers in the Request-URI"), check(GOOD.replace("INVITE sip:bob@127.0.0.1",
                "INVITE sip:bob@127.0.0.1?Route=%3Csip:x%3E")));
    }

    @Test
    void headerRules() {
        assertEquals(Optional.of("missing call-id header"), check(GOOD.replace("Call-ID: 1@127.0.0.1\r\n", "")));
        assertEquals(Optional.of("more than one content-length header"),
                check(GOOD.replace("Content-Length: 0", "Content-Length: 0\r\nl: 5")));
        assertEquals(Optional.of("to: blanks inside <>"), check(GOOD.replace("<sip:bob@127.0.0.1>",
                "< sip:bob@127.0.0.1 >")));
        assertEquals(Optional.of("from: unquoted display name with non-token characters"),
                check(GOOD.replace("\"Alice A.\"", "Alice, A.")));
        assertEquals(Optional.of("contact is neither <uri> nor a plain sip/sips/tel URI"),
                check(GOOD.replace("<sip:alice@127.0.0.1:5070>", "alice@127.0.0.1")));
        assertEquals(Optional.of("date not in GMT"), check(GOOD.replace("Max-Forwards: 70",
                "Max-Forwards: 70\r\nDate: Fri, 01 Jan 2010 16:00:00 EST")));
    }

    @Test
    void foldedHeadersAreJoined() {
        assertEquals(Optional.empty(), check(GOOD.replace("Max-Forwards: 70", "Subject: a\r\n  long subject")));
    }
}

package dev.switchboard.testing.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void quotedValueReadsBackUnchanged() {
        String awkward = "line 1\n\"quoted\" back\\slash\ttab \u0001 sip:bob@127.0.0.1";
        String json = "{\"data\":" + Json.quote(awkward) + "}";

        assertEquals(awkward, Json.string(json, "data"));
    }

    @Test
    void readsBaresipStyleResponses() {
        String response = "{\"response\":true,\"ok\":false,\"data\":\"command not found (x)\\n\\u001B[;m\\/\",\"token\":\"7\"}";

        assertTrue(Json.isTrue(response, "response"));
        assertFalse(Json.isTrue(response, "ok"));
        assertEquals("command not found (x)\n\u001B[;m/", Json.string(response, "data"));
        assertEquals("7", Json.string(response, "token"));
        assertNull(Json.string(response, "missing"));
    }
}

package dev.switchboard.agent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void eventsStartWithTheirNameAndNest() {
        Map<String, Object> event = Json.event("status");
        Map<String, Object> presence = new LinkedHashMap<>();
        presence.put("show", "dnd");
        presence.put("note", null);
        event.put("presence", presence);
        event.put("calls", List.of());
        event.put("pid", 42L);
        event.put("ok", true);
        event.put("level", -20.5);
        event.put("silence", Double.NEGATIVE_INFINITY);
        assertEquals("{\"event\":\"status\",\"presence\":{\"show\":\"dnd\",\"note\":null},\"calls\":[],\"pid\":42,\"ok\":true,"
                + "\"level\":-20.5,\"silence\":null}",
                Json.write(event));
    }

    @Test
    void stringsAreEscapedSoEveryEventStaysOnOneLine() {
        assertEquals("\"a\\\"b\\\\c\\nd\\re\\tf\\u0001\\u2028\"", Json.write("a\"b\\c\nd\re\tf\u0001\u2028"));
        assertEquals("\"Grüße ☎\"", Json.write("Grüße ☎"));
    }
}

package dev.switchboard.core.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class AccountTest {

    @Test
    void settingsAreCopiedAndChangesMerge() {
        Map<String, String> settings = new HashMap<>(Map.of("user", "alice", "domain", "127.0.0.1"));
        Account account = new Account("a1", "sip", settings);
        settings.put("user", "mallory");
        assertEquals("alice", account.setting("user").orElseThrow());

        Map<String, String> changes = new HashMap<>();
        changes.put("domain", "");
        changes.put("display", "Alice");
        Account changed = account.with(changes);
        assertEquals(Map.of("user", "alice", "display", "Alice"), changed.settings());
        assertEquals("Alice", changed.displayName());
        assertEquals("a1", account.displayName());
    }

    @Test
    void idsAndProtocolsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new Account("a b", "sip", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new Account("", "sip", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new Account("a", "SIP", Map.of()));
    }
}

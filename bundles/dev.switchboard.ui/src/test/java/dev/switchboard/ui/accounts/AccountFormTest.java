package dev.switchboard.ui.accounts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.spi.SettingField;

class AccountFormTest {

    private static final List<SettingField> SIP_LIKE = List.of(
            SettingField.text("user", "User name", true, "alice"),
            SettingField.text("domain", "Domain", true, "example.org"),
            new SettingField("port", "Port", SettingField.Kind.NUMBER, false, "5060", "", List.of()),
            new SettingField("transport", "Transport", SettingField.Kind.CHOICE, true, "udp", "", List.of("udp", "tcp")),
            SettingField.secret("password", "Password", true));

    @Test
    void describedFieldsBecomeSettingsAndThePasswordStaysOutOfThem() {
        var result = AccountForm.read("work", "sip", AccountForm.fields(SIP_LIKE), Map.of("user", "alice",
                "domain", "127.0.0.1", "port", "5070", "transport", "tcp", "password", "s3cret", "display", "Work"),
                "", Optional.empty());
        AccountForm.Entry entry = result.value().orElseThrow(() -> new AssertionError(result.problem()));
        assertEquals(Map.of("user", "alice", "domain", "127.0.0.1", "port", "5070", "transport", "tcp", "display", "Work"),
                entry.account().settings());
        assertArrayEquals("s3cret".toCharArray(), entry.secret().orElseThrow());
    }

    @Test
    void theFirstProblemIsNamed() {
        List<SettingField> fields = AccountForm.fields(SIP_LIKE);
        assertEquals("Account name is required.", AccountForm.read(" ", "sip", fields, Map.of(), "", Optional.empty()).problem());
        assertEquals("User name is required.", AccountForm.read("work", "sip", fields, Map.of(), "", Optional.empty()).problem());
        assertEquals("Port must be a whole number.", AccountForm.read("work", "sip", fields, Map.of("user", "a",
                "domain", "d", "port", "50x", "transport", "udp", "password", "p"), "", Optional.empty()).problem());
        assertEquals("Transport must be one of udp, tcp.", AccountForm.read("work", "sip", fields, Map.of("user", "a",
                "domain", "d", "transport", "sctp", "password", "p"), "", Optional.empty()).problem());
        assertTrue(AccountForm.read("my work", "sip", fields, Map.of("user", "a", "domain", "d", "transport", "udp",
                "password", "p"), "", Optional.empty()).problem().startsWith("Account name may only use"));
    }

    @Test
    void connectAtStartIsOfferedForEveryProtocolAndStoredWhenOff() {
        List<SettingField> fields = AccountForm.fields(SIP_LIKE);
        assertEquals(AccountForm.CONNECT_AT_START, fields.get(fields.size() - 1));
        assertEquals("true", AccountForm.CONNECT_AT_START.defaultValue());
        var result = AccountForm.read("work", "sip", fields, Map.of("user", "a", "domain", "d", "transport", "udp",
                "password", "p", "autoconnect", "false"), "", Optional.empty());
        assertEquals("false", result.value().orElseThrow().account().settings().get("autoconnect"));
    }

    @Test
    void editingKeepsTheStoredPasswordWhenNoneIsTyped() {
        Account stored = new Account("work", "sip", Map.of("user", "a", "domain", "d", "transport", "udp"));
        var result = AccountForm.read("work", "sip", AccountForm.fields(SIP_LIKE),
                Map.of("user", "a", "domain", "d", "transport", "udp"), "", Optional.of(stored));
        assertEquals(Optional.empty(), result.value().orElseThrow().secret());
    }

    @Test
    void aProviderWithoutDescribedFieldsGetsFreeSettingsLines() {
        assertTrue(AccountForm.freeSettings(List.of()));
        List<SettingField> fields = AccountForm.fields(List.of());
        assertEquals(List.of("display", "password", "autoconnect"), fields.stream().map(SettingField::key).toList());
        var result = AccountForm.read("alice", "iax2", fields, Map.of(), "user=alice\n\n host = 127.0.0.1 \n",
                Optional.empty());
        assertEquals(Map.of("user", "alice", "host", "127.0.0.1"), result.value().orElseThrow().account().settings());
        assertEquals("Other settings, line 2: write key=value.",
                AccountForm.read("alice", "iax2", fields, Map.of(), "user=alice\nnonsense", Optional.empty()).problem());
        Account stored = new Account("alice", "iax2", Map.of("user", "alice", "display", "Alice"));
        assertEquals("user=alice\n", AccountForm.freeLinesOf(stored, fields));
    }
}

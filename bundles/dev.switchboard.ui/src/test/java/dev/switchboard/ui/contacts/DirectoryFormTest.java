package dev.switchboard.ui.contacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.switchboard.contacts.ldap.LdapDirectoryConfig;

class DirectoryFormTest {

    @Test
    void aNewDirectoryTakesTheFieldsAndTheDefaults() {
        LdapDirectoryConfig config = DirectoryForm.read(" corp ", Map.of(), "", " ldap://127.0.0.1:3890 ",
                "ou=people,dc=example,dc=com", "", "none");
        assertEquals("corp", config.id());
        assertEquals("corp", config.name(), "the id names it when no name is given");
        assertEquals("ldap://127.0.0.1:3890", config.url());
        assertEquals(3890, config.port());
        assertTrue(config.anonymous());
        assertEquals(LdapDirectoryConfig.Security.NONE, config.security());
        assertEquals(LdapDirectoryConfig.DEFAULT_FILTER, config.filterTemplate());
    }

    @Test
    void editingKeepsWhatTheFormDoesNotShow() {
        LdapDirectoryConfig before = LdapDirectoryConfig.fromSettings("corp", Map.of("url", "ldap://127.0.0.1",
                "base", "dc=example,dc=com", "filter", "(cn={query}*)", "attr.telephone", "mobile"));
        LdapDirectoryConfig after = DirectoryForm.read("corp", before.toSettings(), "Company", "ldaps://127.0.0.1",
                "ou=people,dc=example,dc=com", "cn=admin,dc=example,dc=com", "ldaps");
        assertEquals("Company", after.name());
        assertEquals("(cn={query}*)", after.filterTemplate());
        assertEquals("mobile", after.attributes().get("telephone"));
        assertEquals("cn=admin,dc=example,dc=com", after.bindDn());
        assertEquals(LdapDirectoryConfig.Security.LDAPS, after.security());
    }

    @Test
    void eachBadFieldIsNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DirectoryForm.read("my corp", Map.of(), "",
                "ldap://h", "dc=x", "", "none")).getMessage().startsWith("Id"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DirectoryForm.read("corp", Map.of(), "",
                "http://h", "dc=x", "", "none")).getMessage().startsWith("Server"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DirectoryForm.read("corp", Map.of(), "",
                "ldap://h", " ", "", "none")).getMessage().startsWith("Search base"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DirectoryForm.read("corp", Map.of(), "",
                "ldap://h", "dc=x", "", "ldaps")).getMessage().startsWith("Security"));
        assertEquals(LdapDirectoryConfig.Security.LDAPS,
                DirectoryForm.read("corp", Map.of(), "", "ldaps://h", "dc=x", "", "none").security(),
                "an ldaps:// server is TLS from the start whatever the choice said");
    }
}

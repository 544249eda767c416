package dev.switchboard.ui.contacts;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.switchboard.contacts.ldap.LdapDirectoryConfig;

/**
 * What the Directories page's form makes of its fields: the fields shown replace those of the
 * directory being edited, the rest (search filter, attribute mapping, limits) is kept. Pure, so it is
 * tested without a display; the LDAP plug-in's own reading ({@link LdapDirectoryConfig#fromSettings})
 * has the last word on every value.
 */
public final class DirectoryForm {

    private DirectoryForm() {
    }

    /**
     * @param existing the edited directory's settings ({@link LdapDirectoryConfig#toSettings}), empty for a new one
     * @param security {@code none}, {@code starttls} or {@code ldaps}
     * @throws IllegalArgumentException with a sentence naming the field that is wrong
     */
    public static LdapDirectoryConfig read(String id, Map<String, String> existing, String name, String url, String base,
            String bindDn, String security) {
        String cleanId = id.strip();
        if (cleanId.isEmpty() || !cleanId.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("Id: letters, digits, '.', '_' or '-' only, e.g. corp");
        }
        String cleanUrl = url.strip();
        String scheme = cleanUrl.toLowerCase(Locale.ROOT);
        if (!scheme.startsWith("ldap://") && !scheme.startsWith("ldaps://")) {
            throw new IllegalArgumentException("Server: an ldap:// or ldaps:// address, e.g. ldap://127.0.0.1:389");
        }
        if (base.isBlank()) {
            throw new IllegalArgumentException("Search base: the entry the people are under, e.g. ou=people,dc=example,dc=com");
        }
        boolean tlsFromTheStart = scheme.startsWith("ldaps://");
        if ("ldaps".equals(security) && !tlsFromTheStart) {
            throw new IllegalArgumentException("Security: LDAPS needs an ldaps:// server address");
        }
        Map<String, String> settings = new LinkedHashMap<>(existing);
        settings.put("name", name.isBlank() ? cleanId : name.strip());
        settings.put("url", cleanUrl);
        settings.put("base", base.strip());
        settings.put("bindDn", bindDn.strip());
        settings.put("security", tlsFromTheStart ? "ldaps" : security);
        return LdapDirectoryConfig.fromSettings(cleanId, settings);
    }
}

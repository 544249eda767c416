package dev.switchboard.contacts.ldap;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One LDAP directory: where it is, how to bind, what to search and how entries become contacts.
 *
 * @param id                  stable identifier ({@code [A-Za-z0-9._-]+}), also the contact source id
 * @param name                what the user sees
 * @param url                 {@code ldap://host:port} or {@code ldaps://host:port}
 * @param baseDn              where searches start (subtree)
 * @param bindDn              empty for an anonymous bind; the password lives in secure storage
 * @param security            how the connection is protected; LDAPS needs an {@code ldaps} URL
 * @param filterTemplate      an RFC 4515 filter in which every {@value #QUERY} is replaced by the
 *                            escaped query text
 * @param attributes          contact field to LDAP attribute (see {@link #DEFAULT_ATTRIBUTES}); an
 *                            empty attribute switches the field off
 * @param pageSize            entries per page of the simple paged results control (RFC 2696); 0 asks
 *                            without paging
 * @param sizeLimit           most entries one search returns
 * @param timeLimit           longest the server may spend on one search
 * @param connectTimeout      longest a connection attempt may take
 * @param trustedCertificates a PEM file of the certificates to trust for TLS; empty trusts the
 *                            JVM's default authorities. The server's name is always verified.
 */
public record LdapDirectoryConfig(String id, String name, String url, String baseDn, String bindDn, Security security,
        String filterTemplate, Map<String, String> attributes, int pageSize, int sizeLimit, Duration timeLimit,
        Duration connectTimeout, String trustedCertificates) {

    /** How the connection to the directory is protected. */
    public enum Security {
        /** Plain LDAP: only for directories on a trusted network. */
        NONE,
        /** LDAP, upgraded with the StartTLS extended operation (RFC 4513) before binding. */
        STARTTLS,
        /** TLS from the first byte ({@code ldaps://}). */
        LDAPS
    }

    /** The placeholder of the query in {@link #filterTemplate}. */
    public static final String QUERY = "{query}";

    public static final String DEFAULT_FILTER = "(&(objectClass=person)(|(cn=*{query}*)(sn={query}*)(givenName={query}*)"
            + "(mail={query}*)(telephoneNumber=*{query}*)(mobile=*{query}*)))";

    /**
     * Contact fields and their default attributes: {@code name}, {@code givenName}, {@code surname}
     * (the display name is {@code name}, else given name and surname), {@code title},
     * {@code department}, {@code organisation} (joined into the contact's organisation),
     * {@code telephone}, {@code mobile}, {@code ipPhone} (a SIP address when it holds an {@code @},
     * else a number), {@code mail}, {@code sip}, {@code xmpp}.
     */
    public static final Map<String, String> DEFAULT_ATTRIBUTES = defaults();

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public LdapDirectoryConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(baseDn, "baseDn");
        Objects.requireNonNull(bindDn, "bindDn");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(filterTemplate, "filterTemplate");
        Objects.requireNonNull(timeLimit, "timeLimit");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(trustedCertificates, "trustedCertificates");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("directory id must be 1-64 of A-Z a-z 0-9 . _ -: " + id);
        }
        URI uri = parseUrl(url);
        if ((security == Security.LDAPS) != "ldaps".equals(uri.getScheme())) {
            throw new IllegalArgumentException("security LDAPS goes with an ldaps:// URL and only with it: " + url);
        }
        if (!filterTemplate.contains(QUERY)) {
            throw new IllegalArgumentException("the filter template must contain " + QUERY + ": " + filterTemplate);
        }
        if (pageSize < 0 || sizeLimit < 1) {
            throw new IllegalArgumentException("page size must be >= 0 and size limit >= 1");
        }
        if (timeLimit.isNegative() || timeLimit.isZero() || connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("time limit and connect timeout must be positive");
        }
        Map<String, String> merged = new TreeMap<>(DEFAULT_ATTRIBUTES);
        attributes.forEach((field, attribute) -> {
            if (!DEFAULT_ATTRIBUTES.containsKey(field)) {
                throw new IllegalArgumentException("unknown contact field '" + field + "'; known: "
                        + DEFAULT_ATTRIBUTES.keySet());
            }
            merged.put(field, attribute.strip());
        });
        attributes = java.util.Collections.unmodifiableMap(merged);
    }

    /** A directory with the defaults: anonymous, no TLS, 100 per page, 200 at most, 5 s limits. */
    public static LdapDirectoryConfig of(String id, String url, String baseDn) {
        return new LdapDirectoryConfig(id, id, url, baseDn, "",
                url.toLowerCase(Locale.ROOT).startsWith("ldaps:") ? Security.LDAPS : Security.NONE,
                DEFAULT_FILTER, Map.of(), 100, 200, Duration.ofSeconds(5), Duration.ofSeconds(3), "");
    }

    public String host() {
        return parseUrl(url).getHost();
    }

    public int port() {
        URI uri = parseUrl(url);
        return uri.getPort() > 0 ? uri.getPort() : "ldaps".equals(uri.getScheme()) ? 636 : 389;
    }

    public boolean anonymous() {
        return bindDn.isEmpty();
    }

    public LdapDirectoryConfig withName(String newName) {
        return new LdapDirectoryConfig(id, newName, url, baseDn, bindDn, security, filterTemplate, attributes, pageSize,
                sizeLimit, timeLimit, connectTimeout, trustedCertificates);
    }

    public LdapDirectoryConfig withBindDn(String newBindDn) {
        return new LdapDirectoryConfig(id, name, url, baseDn, newBindDn, security, filterTemplate, attributes, pageSize,
                sizeLimit, timeLimit, connectTimeout, trustedCertificates);
    }

    public LdapDirectoryConfig withSecurity(Security newSecurity, String newTrustedCertificates) {
        return new LdapDirectoryConfig(id, name, url, baseDn, bindDn, newSecurity, filterTemplate, attributes, pageSize,
                sizeLimit, timeLimit, connectTimeout, newTrustedCertificates);
    }

    public LdapDirectoryConfig withFilterTemplate(String newFilterTemplate) {
        return new LdapDirectoryConfig(id, name, url, baseDn, bindDn, security, newFilterTemplate, attributes, pageSize,
                sizeLimit, timeLimit, connectTimeout, trustedCertificates);
    }

    public LdapDirectoryConfig withAttributes(Map<String, String> newAttributes) {
        return new LdapDirectoryConfig(id, name, url, baseDn, bindDn, security, filterTemplate, newAttributes, pageSize,
                sizeLimit, timeLimit, connectTimeout, trustedCertificates);
    }

    public LdapDirectoryConfig withLimits(int newPageSize, int newSizeLimit, Duration newTimeLimit) {
        return new LdapDirectoryConfig(id, name, url, baseDn, bindDn, security, filterTemplate, attributes, newPageSize,
                newSizeLimit, newTimeLimit, connectTimeout, trustedCertificates);
    }

    /** The configuration as flat settings (what {@link #fromSettings} reads back); no password. */
    public Map<String, String> toSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("name", name);
        settings.put("url", url);
        settings.put("base", baseDn);
        settings.put("bindDn", bindDn);
        settings.put("security", security.name().toLowerCase(Locale.ROOT));
        settings.put("filter", filterTemplate);
        settings.put("pageSize", Integer.toString(pageSize));
        settings.put("sizeLimit", Integer.toString(sizeLimit));
        settings.put("timeLimitMillis", Long.toString(timeLimit.toMillis()));
        settings.put("connectTimeoutMillis", Long.toString(connectTimeout.toMillis()));
        settings.put("trust", trustedCertificates);
        attributes.forEach((field, attribute) -> settings.put("attr." + field, attribute));
        return settings;
    }

    /**
     * Reads settings as written by {@link #toSettings}; {@code url} and {@code base} are required,
     * everything else has the defaults of {@link #of}.
     *
     * @throws IllegalArgumentException naming the first bad setting
     */
    public static LdapDirectoryConfig fromSettings(String id, Map<String, String> settings) {
        String url = required(settings, "url");
        LdapDirectoryConfig defaults = of(id, url, required(settings, "base"));
        Map<String, String> attributes = new LinkedHashMap<>();
        settings.forEach((key, value) -> {
            if (key.startsWith("attr.")) {
                attributes.put(key.substring(5), value);
            }
        });
        Security security = defaults.security();
        if (settings.containsKey("security")) {
            try {
                security = Security.valueOf(settings.get("security").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("security must be none, starttls or ldaps, not '"
                        + settings.get("security") + "'");
            }
        }
        return new LdapDirectoryConfig(id, settings.getOrDefault("name", id), url, defaults.baseDn(),
                settings.getOrDefault("bindDn", ""), security, settings.getOrDefault("filter", DEFAULT_FILTER),
                attributes, number(settings, "pageSize", defaults.pageSize()),
                number(settings, "sizeLimit", defaults.sizeLimit()),
                Duration.ofMillis(number(settings, "timeLimitMillis", (int) defaults.timeLimit().toMillis())),
                Duration.ofMillis(number(settings, "connectTimeoutMillis", (int) defaults.connectTimeout().toMillis())),
                settings.getOrDefault("trust", ""));
    }

    private static String required(Map<String, String> settings, String key) {
        String value = settings.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("directory setting '" + key + "' is required");
        }
        return value;
    }

    private static int number(Map<String, String> settings, String key, int fallback) {
        String value = settings.get(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("directory setting '" + key + "' must be a number, not '" + value + "'");
        }
    }

    private static URI parseUrl(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a directory URL: " + url);
        }
        if (!"ldap".equals(uri.getScheme()) && !"ldaps".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("a directory URL is ldap://host[:port] or ldaps://host[:port]: " + url);
        }
        return uri;
    }

    private static Map<String, String> defaults() {
        Map<String, String> map = new TreeMap<>();
        map.put("name", "cn");
        map.put("givenName", "givenName");
        map.put("surname", "sn");
        map.put("title", "title");
        map.put("department", "ou");
        map.put("organisation", "o");
        map.put("telephone", "telephoneNumber");
        map.put("mobile", "mobile");
        map.put("ipPhone", "ipPhone");
        map.put("mail", "mail");
        map.put("sip", "");
        map.put("xmpp", "");
        return java.util.Collections.unmodifiableMap(map);
    }
}

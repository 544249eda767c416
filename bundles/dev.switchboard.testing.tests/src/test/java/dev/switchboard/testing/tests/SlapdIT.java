package dev.switchboard.testing.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;

import javax.naming.Context;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import javax.naming.ldap.InitialLdapContext;
import javax.naming.ldap.LdapContext;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.switchboard.testing.peers.PeerExtension;
import dev.switchboard.testing.peers.Slapd;

/** slapd answers LDAP searches over the default directory and over an LDIF given by the test. */
class SlapdIT {
    @RegisterExtension
    static final PeerExtension<Slapd> SLAPD = PeerExtension.of(() -> Slapd.builder().start());

    @Test
    void findsAPersonOfTheDefaultDirectoryByTelephoneNumber() throws NamingException {
        List<SearchResult> results = search(SLAPD.get(), "ou=people," + SLAPD.get().suffix(),
                "(&(objectClass=inetOrgPerson)(telephoneNumber=+1 555 0101))");

        assertEquals(1, results.size());
        SearchResult alice = results.getFirst();
        assertEquals("uid=alice,ou=people,dc=example,dc=com", alice.getNameInNamespace());
        assertEquals("alice@example.com", alice.getAttributes().get("mail").get());
        assertEquals("Alice Archer", alice.getAttributes().get("cn").get());
    }

    @Test
    void substringSearchMissesWhatIsNotThere() throws NamingException {
        assertTrue(search(SLAPD.get(), SLAPD.get().suffix(), "(cn=*Zebra*)").isEmpty());
    }

    @Test
    void servesTheLdifGivenByTheTest() throws NamingException {
        String ldif = """
                dn: o=switchboard
                objectClass: organization
                o: switchboard

                dn: cn=Dana Doe,o=switchboard
                objectClass: inetOrgPerson
                cn: Dana Doe
                sn: Doe
                telephoneNumber: 4711
                """;
        try (Slapd slapd = Slapd.builder().ldif("o=switchboard", ldif).start()) {
            List<SearchResult> results = search(slapd, "o=switchboard", "(telephoneNumber=4711)");

            assertEquals(1, results.size());
            assertEquals("Dana Doe", results.getFirst().getAttributes().get("cn").get());
            assertFalse(slapd.url().contains("localhost"));
        }
    }

    private static List<SearchResult> search(Slapd slapd, String base, String filter) throws NamingException {
        Hashtable<String, Object> environment = new Hashtable<>();
        environment.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
        environment.put(Context.PROVIDER_URL, slapd.url());
        environment.put("com.sun.jndi.ldap.connect.timeout", "5000");
        environment.put("com.sun.jndi.ldap.read.timeout", "5000");
        LdapContext context = new InitialLdapContext(environment, null);
        try {
            SearchControls controls = new SearchControls();
            controls.setSearchScope(SearchControls.SUBTREE_SCOPE);
            List<SearchResult> results = new ArrayList<>();
            NamingEnumeration<SearchResult> answer = context.search(base, filter, controls);
            while (answer.hasMore()) {
                results.add(answer.next());
            }
            return results;
        } finally {
            context.close();
        }
    }
}

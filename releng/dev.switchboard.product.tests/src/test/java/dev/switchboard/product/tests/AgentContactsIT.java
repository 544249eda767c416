package dev.switchboard.product.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.switchboard.testing.peers.PeerExtension;
import dev.switchboard.testing.peers.Slapd;

/**
 * The agent's address book commands (docs/agent.md) in the agent product: a vCard import with a bad
 * entry, a directory on a real slapd with its bind password, merged search, whois, export, and the book
 * still there after a restart.
 */
class AgentContactsIT {

    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);

    @RegisterExtension
    static final PeerExtension<Slapd> SLAPD = PeerExtension.of(() -> Slapd.builder().start());

    @TempDir
    Path temp;

    @Test
    void importsSearchesIdentifiesAndExportsContacts() throws Exception {
        Path cards = Files.writeString(temp.resolve("in.vcf"), """
                BEGIN:VCARD
                VERSION:3.0
                FN:Alice at home
                TEL;TYPE=HOME:+1 (555) 0101
                CATEGORIES:Family
                END:VCARD
                BEGIN:VCARD
                VERSION:3.0
                FN:Broken
                no colon here
                END:VCARD
                """);
        Path exported = temp.resolve("out.vcf");
        Path profile = temp.resolve("p");
        try (AgentProcess agent = AgentProcess.start(profile)) {
            agent.await("ready", AgentProcess.START_TIMEOUT);
            agent.send("contacts import " + cards);
            String imported = agent.await("contacts-import");
            assertTrue(imported.contains("\"imported\":1"), imported);
            assertTrue(imported.contains("{\"line\":10,"), imported);
            agent.send("contacts group Family");
            String group = agent.await("contacts-group");
            assertTrue(group.contains("\"name\":\"Alice at home\"") && group.contains("\"groups\":[\"Family\"]"), group);

            agent.send("contacts directory add corp url=" + SLAPD.get().url() + " base=ou=people," + SLAPD.get().suffix()
                    + " bindDn=" + SLAPD.get().adminDn() + " password=" + SLAPD.get().adminPassword());
            agent.await("ok");
            agent.send("contacts search alice");
            String search = agent.await("contacts");
            assertTrue(search.contains("\"name\":\"Alice at home\""), search);
            assertTrue(search.contains("\"sources\":[\"local\",\"corp\"]"), "book and directory not merged: " + search);

            agent.send("whois +1 555 0102");
            String whois = agent.await("whois");
            assertTrue(whois.contains("\"found\":true") && whois.contains("\"name\":\"Bob Baker\"")
                    && whois.contains("\"sourceKind\":\"directory\""), whois);

            agent.send("contacts export " + exported + " 3.0");
            assertTrue(agent.await("contacts-export").contains("\"exported\":1"));
            agent.send("quit");
            agent.await("ok");
            assertEquals(0, agent.exitCode(EXIT_TIMEOUT));
            assertEquals(java.util.List.of(), agent.strayLines(), "stdout must carry JSON events only");
        }
        String file = Files.readString(exported);
        assertTrue(file.contains("VERSION:3.0") && file.contains("FN:Alice at home"), file);
        String preferences = Files.readString(profile.resolve(
                "data/.metadata/.plugins/org.eclipse.core.runtime/.settings/dev.switchboard.contacts.ldap.prefs"));
        assertTrue(preferences.contains("bindDn="), preferences);
        assertTrue(!preferences.contains(SLAPD.get().adminPassword()), "the bind password leaked into preferences");

        try (AgentProcess again = AgentProcess.start(profile)) {
            again.await("ready", AgentProcess.START_TIMEOUT);
            again.send("whois +1-555-0101");
            String whois = again.await("whois");
            assertTrue(whois.contains("\"name\":\"Alice at home\"") && whois.contains("\"sourceKind\":\"local\""), whois);
            again.send("quit");
            again.await("ok");
        }
    }
}

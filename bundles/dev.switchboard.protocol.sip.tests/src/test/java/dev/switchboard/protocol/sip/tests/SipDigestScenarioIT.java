package dev.switchboard.protocol.sip.tests;

import static dev.switchboard.protocol.sip.tests.SippScenarioFragments.reply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.RegistrationState;
import dev.switchboard.testing.peers.Sipp;

/**
 * What Kamailio 5.6 cannot do (it knows MD5 and SHA-256 only, and adjusts short intervals instead of refusing
 * them): a SIPp registrar answers 423 Interval Too Brief with Min-Expires, then challenges with SHA-512-256
 * (RFC 8760) and checks the answer's form, then calls that answer's nonce stale (stale=true with a new nonce, which
 * must be answered with nc=1, not taken for a wrong password) and grants 2 s, which the account refreshes in time
 * (same nonce, nc=2); it must stay REGISTERED and unregister on close.
 */
class SipDigestScenarioIT {

    private static final String SCENARIO = """
            <?xml version="1.0" encoding="ISO-8859-1" ?>
            <scenario name="REGISTER: 423, then a SHA-512-256 challenge, then stale=true">
              <recv request="REGISTER">
                <action>
                  <!-- RFC 3581: we ask for symmetric responses -->
                  <ereg regexp=";rport" search_in="hdr" header="Via:" check_it="true" assign_to="rport"/>
                </action>
              </recv>
            """ + reply("423 Interval Too Brief", "regtag", "Min-Expires: 1200") + """
              <recv request="REGISTER">
                <action>
                  <ereg regexp="Expires: *1200" search_in="msg" check_it="true" assign_to="expires"/>
                </action>
              </recv>
            """ + reply("401 Unauthorized", "regtag",
            "WWW-Authenticate: Digest realm=\"sipp.test\", nonce=\"cafe512\", opaque=\"op1\", algorithm=SHA-512-256, qop=\"auth\"")
            + """
              <recv request="REGISTER">
                <action>
                  <ereg regexp="algorithm=SHA-512-256" search_in="hdr" header="Authorization:" check_it="true" assign_to="a1"/>
                  <ereg regexp="nc=00000001" search_in="hdr" header="Authorization:" check_it="true" assign_to="a2"/>
                  <ereg regexp="qop=auth" search_in="hdr" header="Authorization:" check_it="true" assign_to="a3"/>
                  <ereg regexp="response=\\"[0-9a-f]{64}\\"" search_in="hdr" header="Authorization:" check_it="true" assign_to="a4"/>
                  <ereg regexp="opaque=\\"op1\\"" search_in="hdr" header="Authorization:" check_it="true" assign_to="a5"/>
                </action>
              </recv>
            """ + reply("401 Unauthorized", "regtag", "WWW-Authenticate: Digest realm=\"sipp.test\", nonce=\"cafe513\","
            + " opaque=\"op1\", algorithm=SHA-512-256, qop=\"auth\", stale=true") + """
              <recv request="REGISTER">
                <action>
                  <ereg regexp="nonce=\\"cafe513\\"" search_in="hdr" header="Authorization:" check_it="true" assign_to="s1"/>
                  <ereg regexp="nc=00000001" search_in="hdr" header="Authorization:" check_it="true" assign_to="s2"/>
                </action>
              </recv>
            """ + reply("200 OK", "regtag", "[last_Contact:];expires=2") + """
              <!-- granted 2 s: refreshed before it runs out, with the same nonce and the next nonce-count -->
              <recv request="REGISTER">
                <action>
                  <ereg regexp="Expires: *1200" search_in="msg" check_it="true" assign_to="r1"/>
                  <ereg regexp="nonce=\\"cafe513\\"" search_in="hdr" header="Authorization:" check_it="true" assign_to="r2"/>
                  <ereg regexp="nc=00000002" search_in="hdr" header="Authorization:" check_it="true" assign_to="r3"/>
                </action>
              </recv>
            """ + reply("200 OK", "regtag", "[last_Contact:];expires=1200") + """
              <recv request="REGISTER">
                <action>
                  <ereg regexp="Expires: *0" search_in="msg" check_it="true" assign_to="removal"/>
                </action>
              </recv>
            """ + reply("200 OK", "regtag") + """
              <!-- the checks above fail the scenario on a mismatch; their variables are never read -->
              <Reference variables="rport,expires,a1,a2,a3,a4,a5,s1,s2,r1,r2,r3,removal"/>
            </scenario>
            """;

    @Test
    void intervalTooBriefThenSha512256Challenge(@TempDir Path directory) throws Exception {
        Path scenario = Files.writeString(directory.resolve("register-423-sha512.xml"), SCENARIO);
        try (Sipp sipp = Sipp.builder().scenario(scenario).remote("127.0.0.1", 9).timeout(Duration.ofSeconds(20))
                .start()) {
            RecordingSessionListener listener = new RecordingSessionListener();
            Account account = SipPlugin.account("s1", "dave", "127.0.0.1", "127.0.0.1:" + sipp.localPort(),
                    "expires", "60");
            try (ClosingSession closing = new ClosingSession(SipPlugin.provider().open(account,
                    "dave512".toCharArray(), listener))) {
                closing.session().register();
                listener.await(RegistrationState.Kind.REGISTERED, Duration.ofSeconds(10));
                // the refresh 1 s into the 2 s granted (which the scenario checks) keeps the account REGISTERED
                assertEquals(Optional.empty(), listener.next(Duration.ofMillis(2500)));
            }
            Sipp.Result result = sipp.awaitExit(Duration.ofSeconds(5));
            assertEquals(0, result.exitCode(), result.messages());
            assertTrue(result.messages().contains("algorithm=SHA-512-256"), result.messages());
        }
    }
}

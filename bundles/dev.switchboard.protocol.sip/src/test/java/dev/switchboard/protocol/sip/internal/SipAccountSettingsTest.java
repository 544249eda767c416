package dev.switchboard.protocol.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.switchboard.core.account.Account;

class SipAccountSettingsTest {

    private static SipAccountSettings settings(String... keyValues) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return SipAccountSettings.of(new Account("a1", "sip", map));
    }

    @Test
    void defaultsFollowTheDomain() {
        SipAccountSettings s = settings("user", "alice", "domain", "127.0.0.1");
        assertEquals(new SipAccountSettings.HostPort("127.0.0.1", 5060), s.registrar());
        assertEquals(s.registrar(), s.nextHop());
        assertEquals("alice", s.authUser());
        assertEquals(SipAccountSettings.Transport.UDP, s.transport());
        assertEquals(600, s.expiresSeconds());
        assertEquals(Duration.ofSeconds(5), s.keepAliveInterval());
        assertEquals(SipAccountSettings.DtmfMode.RFC4733, s.dtmfMode());
        assertEquals("sip:alice@127.0.0.1", s.addressOfRecord());
    }

    @Test
    void anExtensionIsWhatTheAccountRegistersAs() {
        SipAccountSettings s = settings("user", "alice", "domain", "example.org", "extension", "1001");
        assertEquals("sip:1001@example.org", s.addressOfRecord());
        assertEquals("alice", s.authUser());
    }

    @Test
    void outboundProxyIsTheNextHop() {
        SipAccountSettings s = settings("user", "a", "domain", "example.org", "registrar", "127.0.0.1:5070",
                "proxy", "127.0.0.2:5080", "transport", "TCP");
        assertEquals(new SipAccountSettings.HostPort("127.0.0.2", 5080), s.nextHop());
        assertEquals(new SipAccountSettings.HostPort("127.0.0.1", 5070), s.registrar());
        assertTrue(s.transport().reliable());
    }

    @Test
    void addressesBecomeUris() {
        SipAccountSettings s = settings("user", "alice", "domain", "127.0.0.1");
        assertEquals("sip:1002@127.0.0.1", s.targetUri("1002"));
        assertEquals("sip:bob@127.0.0.1", s.targetUri("bob"));
        assertEquals("sip:bob@10.0.0.1", s.targetUri("bob@10.0.0.1"));
        assertEquals("sip:bob@10.0.0.1:5062", s.targetUri("sip:bob@10.0.0.1:5062"));
        assertThrows(IllegalArgumentException.class, () -> s.targetUri("bob smith"));
        assertThrows(IllegalArgumentException.class, () -> s.targetUri(" "));
    }

    @Test
    void sipsAddressesNeedATlsAccount() {
        SipAccountSettings udp = settings("user", "alice", "domain", "127.0.0.1");
        assertMessage("transport=tls", () -> udp.targetUri("sips:bob@example.org"));
        assertMessage("transport=tls", () -> settings("user", "alice", "domain", "127.0.0.1", "transport", "tcp")
                .targetUri("SIPS:bob@example.org"));
        SipAccountSettings tls = settings("user", "alice", "domain", "127.0.0.1", "transport", "tls");
        assertEquals("sips:bob@example.org", tls.targetUri("sips:bob@example.org"));
        assertEquals("sip:bob@127.0.0.1", tls.targetUri("bob"));
    }

    @Test
    void aSipsAccountHasASipsAddressOverTls() {
        SipAccountSettings sips = settings("user", "alice", "domain", "example.org", "transport", "sips",
                "extension", "201");
        assertEquals(SipAccountSettings.Transport.TLS, sips.transport());
        assertEquals(new SipAccountSettings.HostPort("example.org", 5061), sips.registrar());
        assertEquals("sips:201@example.org", sips.addressOfRecord());
        assertEquals("sips:bob@example.org", sips.targetUri("bob"));
        assertEquals("sips:bob@10.0.0.1", sips.targetUri("bob@10.0.0.1"));
        assertEquals("sip:bob@example.org", sips.targetUri("sip:bob@example.org"));
        SipAccountSettings tls = settings("user", "alice", "domain", "example.org", "transport", "tls");
        assertEquals("sip:alice@example.org", tls.addressOfRecord());
    }

    @Test
    void badSettingsNameTheSetting() {
        assertMessage("'user' is missing", () -> settings("domain", "d"));
        assertMessage("'domain' is missing", () -> settings("user", "u"));
        assertMessage("transport", () -> settings("user", "u", "domain", "d", "transport", "sctp"));
        assertMessage("expires", () -> settings("user", "u", "domain", "d", "expires", "5"));
        assertMessage("expires", () -> settings("user", "u", "domain", "d", "expires", "soon"));
        assertMessage("registrar", () -> settings("user", "u", "domain", "d", "registrar", "host:99999"));
        assertMessage("registrar", () -> settings("user", "u", "domain", "d", "registrar", "bad host"));
        assertMessage("extension", () -> settings("user", "u", "domain", "d", "extension", "12a"));
        assertMessage("dtmf", () -> settings("user", "u", "domain", "d", "dtmf", "inband"));
        assertMessage("keepalive", () -> settings("user", "u", "domain", "d", "keepalive", "0"));
        assertMessage("domain", () -> settings("user", "u", "domain", "bad domain"));
    }

    @Test
    void ipv6RegistrarInBrackets() {
        assertEquals(new SipAccountSettings.HostPort("::1", 5062),
                settings("user", "u", "domain", "d", "registrar", "[::1]:5062").registrar());
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable action) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
        assertTrue(e.getMessage().contains(part), () -> "'" + e.getMessage() + "' should mention " + part);
    }

    @Test
    void tlsDefaultsToPort5061AndReadsItsTrust() {
        SipAccountSettings s = settings("user", "alice", "domain", "example.org", "transport", "tls", "tls.ca",
                "/etc/ca.pem", "tls.pin", "ab".repeat(32));
        assertEquals(SipAccountSettings.Transport.TLS, s.transport());
        assertTrue(s.transport().reliable());
        assertEquals(new SipAccountSettings.HostPort("example.org", 5061), s.registrar());
        assertEquals(java.util.Optional.of(java.nio.file.Path.of("/etc/ca.pem")), s.tlsAuthorities());
        assertEquals("AB:AB", SipAccountSettings.formatFingerprint(s.tlsPinnedSha256().orElseThrow()).substring(0, 5));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> settings("user", "alice", "domain", "example.org", "tls.pin", "abcd"));
        assertTrue(bad.getMessage().contains("tls.pin"), bad.getMessage());
    }

    @Test
    void aMailboxIsAUserOrUriWithoutBlanks() {
        assertEquals(java.util.Optional.of("8000"),
                settings("user", "alice", "domain", "example.org", "mailbox", " 8000 ").mailbox());
        assertEquals(java.util.Optional.empty(), settings("user", "alice", "domain", "example.org").mailbox());
        assertThrows(IllegalArgumentException.class,
                () -> settings("user", "alice", "domain", "example.org", "mailbox", "80 00"));
    }
}

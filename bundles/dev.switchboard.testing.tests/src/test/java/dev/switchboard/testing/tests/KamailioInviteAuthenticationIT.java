package dev.switchboard.testing.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import dev.switchboard.testing.peers.Kamailio;

/** INVITEs from the proxy's own domain are challenged, unless the harness was told to skip that. */
class KamailioInviteAuthenticationIT {
    @Test
    void inviteFromALocalUserIsChallengedByDefault() throws IOException {
        try (Kamailio kamailio = Kamailio.builder().user("alice", "alice123").start()) {
            String response = invite(kamailio);

            assertTrue(response.startsWith("SIP/2.0 407"), response);
            assertTrue(response.contains("Proxy-Authenticate: Digest"), response);
        }
    }

    @Test
    void inviteIsRoutedWithoutChallengeWhenInviteAuthenticationIsOff() throws IOException {
        try (Kamailio kamailio = Kamailio.builder().user("alice", "alice123").withoutInviteAuthentication().start()) {
            String response = invite(kamailio);

            // routed to the location lookup, which finds no registration for bob
            assertTrue(response.startsWith("SIP/2.0 404"), response);
        }
    }

    private static String invite(Kamailio kamailio) throws IOException {
        return RawSip.request(kamailio.address(), "INVITE", "sip:bob@" + kamailio.domain(),
                "sip:alice@" + kamailio.domain());
    }
}

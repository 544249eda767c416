package dev.switchboard.testing.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.switchboard.testing.peers.Kamailio;
import dev.switchboard.testing.peers.PeerExtension;
import dev.switchboard.testing.peers.Sipp;

/** SIPp's REGISTER-with-digest scenario against Kamailio. */
class SippIT {
    @RegisterExtension
    static final PeerExtension<Kamailio> KAMAILIO = PeerExtension
            .of(() -> Kamailio.builder().user("alice", "alice123").start());

    @Test
    void registerWithDigestSucceeds() {
        try (Sipp sipp = register("alice123")) {
            Sipp.Result result = sipp.awaitExit(Duration.ofSeconds(5));

            assertEquals(0, result.exitCode(), result.messages());
            assertTrue(result.messages().contains("SIP/2.0 401"), result.messages());
            assertTrue(result.messages().contains("SIP/2.0 200"), result.messages());
        }
        assertTrue(KAMAILIO.get().contacts("alice").stream().anyMatch(contact -> contact.startsWith("sip:alice@")));
    }

    @Test
    void registerWithWrongPasswordFails() {
        try (Sipp sipp = register("wrong-password")) {
            Sipp.Result result = sipp.awaitExit(Duration.ofSeconds(5));

            assertNotEquals(0, result.exitCode(), result.messages());
            assertTrue(!result.messages().contains("SIP/2.0 200"), result.messages());
        }
    }

    private static Sipp register(String password) {
        return Sipp.builder().scenario(Sipp.Scenario.REGISTER_WITH_DIGEST).remote(KAMAILIO.get()).service("alice")
                .credentials("alice", password).timeout(Duration.ofSeconds(10)).start();
    }
}

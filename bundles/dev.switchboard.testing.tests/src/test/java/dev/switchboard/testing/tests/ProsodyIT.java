package dev.switchboard.testing.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;

import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.sasl.SASLError;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.switchboard.testing.peers.PeerExtension;
import dev.switchboard.testing.peers.Prosody;

/** Smack logs in to Prosody over STARTTLS, trusting exactly the generated certificate. */
class ProsodyIT {
    @RegisterExtension
    static final PeerExtension<Prosody> PROSODY = PeerExtension
            .of(() -> Prosody.builder().user("alice", "alice123").user("bob", "bob123").start());

    @Test
    void loginWithStartTlsAndSasl() throws Exception {
        XMPPTCPConnection connection = new XMPPTCPConnection(configuration("alice", "alice123"));
        try {
            connection.connect().login();

            assertTrue(connection.isAuthenticated());
            assertTrue(connection.isSecureConnection(), "STARTTLS should have been negotiated");
            assertEquals("alice@" + PROSODY.get().domain(), connection.getUser().asBareJid().toString());
        } finally {
            connection.disconnect();
        }
    }

    @Test
    void wrongPasswordIsRejectedBySasl() throws Exception {
        XMPPTCPConnection connection = new XMPPTCPConnection(configuration("bob", "not-bobs-password"));
        try {
            connection.connect();

            SASLErrorException error = assertThrows(SASLErrorException.class, connection::login);
            assertEquals(SASLError.not_authorized, error.getSASLFailure().getSASLError());
            assertFalse(connection.isAuthenticated());
        } finally {
            connection.disconnect();
        }
    }

    private static XMPPTCPConnectionConfiguration configuration(String user, String password) throws Exception {
        Prosody prosody = PROSODY.get();
        return XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(prosody.domain())
                .setHostAddress(InetAddress.getByName(prosody.host()))
                .setPort(prosody.c2sPort())
                .setSecurityMode(SecurityMode.required)
                .setCustomX509TrustManager(prosody.trustManager())
                .setUsernameAndPassword(user, password)
                .setConnectTimeout(5_000)
                .build();
    }
}

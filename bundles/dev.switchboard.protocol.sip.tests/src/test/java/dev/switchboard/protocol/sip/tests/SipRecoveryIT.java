package dev.switchboard.protocol.sip.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.RegistrationState;
import dev.switchboard.core.spi.ProtocolSession;
import dev.switchboard.testing.peers.Kamailio;

/**
 * Kamailio dies under a registered account: the account shows CONNECTION_LOST with a reason within 15 s; Kamailio
 * comes back on the same port: the account is REGISTERED again within 5 s, without anyone asking.
 */
class SipRecoveryIT {

    private static final Duration LOSS_DETECTION_LIMIT = Duration.ofSeconds(15);
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(5);

    @Test
    void udpRegistrationNoticesLossAndRecovers() throws Exception {
        deadRegistrarIsNoticedAndItsReturnToo("udp");
    }

    @Test
    void tcpRegistrationNoticesLossAndRecovers() throws Exception {
        deadRegistrarIsNoticedAndItsReturnToo("tcp");
    }

    private static void deadRegistrarIsNoticedAndItsReturnToo(String transport) throws Exception {
        Kamailio first = Kamailio.builder().user("alice", "alice123").start();
        int port = first.port();
        Kamailio second = null;
        RecordingSessionListener listener = new RecordingSessionListener();
        Account account = SipPlugin.account("r-" + transport, "alice", first.domain(), first.host() + ":" + port,
                "transport", transport);
        try (ClosingSession closing = new ClosingSession(SipPlugin.provider().open(account, "alice123".toCharArray(),
                listener))) {
            ProtocolSession session = closing.session();
            session.register();
            listener.await(RegistrationState.Kind.REGISTERED, RECOVERY_LIMIT);

            long killedAt = System.nanoTime();
            first.close();
            RegistrationState lost = listener.await(RegistrationState.Kind.CONNECTION_LOST, LOSS_DETECTION_LIMIT);
            Duration detection = Duration.ofNanos(System.nanoTime() - killedAt);
            assertTrue(lost.reason().contains("registrar"), lost::toString);
            System.out.printf("SIP %s: registrar loss noticed after %d ms (%s)%n", transport, detection.toMillis(),
                    lost.reason());

            second = Kamailio.builder().user("alice", "alice123").port(port).start();
            long restartedAt = System.nanoTime();
            listener.await(RegistrationState.Kind.REGISTERED, RECOVERY_LIMIT);
            System.out.printf("SIP %s: registered again %d ms after the registrar came back%n", transport,
                    Duration.ofNanos(System.nanoTime() - restartedAt).toMillis());
            assertTrue(!second.awaitContacts("alice", RECOVERY_LIMIT).isEmpty());
        } finally {
            first.close();
            if (second != null) {
                second.close();
            }
        }
    }
}

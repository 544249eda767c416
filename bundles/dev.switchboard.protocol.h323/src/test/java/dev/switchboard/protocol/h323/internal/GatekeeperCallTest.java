package dev.switchboard.protocol.h323.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.RegistrationState;
import dev.switchboard.core.call.CallState;
import dev.switchboard.core.call.EndReason;
import dev.switchboard.protocol.h323.internal.h245.AudioCapability;
import dev.switchboard.protocol.h323.internal.per.ChoiceValue;
import dev.switchboard.protocol.h323.internal.per.SequenceValue;
import dev.switchboard.protocol.h323.internal.ras.AliasAddress;
import dev.switchboard.protocol.h323.internal.ras.H225Asn;
import dev.switchboard.protocol.h323.internal.ras.H2351Token;
import dev.switchboard.protocol.h323.internal.ras.RasCodec;
import dev.switchboard.protocol.h323.internal.ras.RasMessage;
import dev.switchboard.protocol.h323.internal.ras.RasVectors;

/**
 * An account with a gatekeeper: a UDP responder on loopback plays GnuGk's recorded answers of
 * capture 02 (GCF, RCF, ACF, DCF, UCF; request numbers rewritten, the ACF pointing at our second
 * session, since the recording's call signalling port is gone). The session registers with its
 * password, asks admission before the call, disengages after it and unregisters.
 */
class GatekeeperCallTest {
    private final BlockingQueue<RasMessage> requests = new LinkedBlockingQueue<>();
    private final Map<Class<?>, byte[]> lastDatagram = new java.util.concurrent.ConcurrentHashMap<>();
    private DatagramSocket gatekeeper;
    private Thread responder;
    private H323Session alice;
    private H323Session bob;

    @BeforeEach
    void startGatekeeper() throws Exception {
        gatekeeper = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        responder = Thread.ofVirtual().start(() -> {
            byte[] buffer = new byte[65536];
            while (!gatekeeper.isClosed()) {
                try {
                    DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                    gatekeeper.receive(p);
                    byte[] datagram = java.util.Arrays.copyOf(p.getData(), p.getLength());
                    RasMessage request = RasCodec.decode(datagram);
                    lastDatagram.put(request.getClass(), datagram);
                    requests.add(request);
                    byte[] answer = answer(request);
                    if (answer != null) {
                        gatekeeper.send(new DatagramPacket(answer, answer.length, p.getSocketAddress()));
                    }
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (alice != null) {
            alice.close();
        }
        if (bob != null) {
            bob.close();
        }
        gatekeeper.close();
        responder.join(2000);
    }

    private byte[] answer(RasMessage request) {
        return switch (request) {
            case RasMessage.GatekeeperRequest grq -> recorded("02#6", grq.requestSeqNum());
            case RasMessage.RegistrationRequest rrq -> recorded("02#8", rrq.requestSeqNum());
            case RasMessage.AdmissionRequest arq -> {
                ChoiceValue acf = (ChoiceValue) H225Asn.RAS_MESSAGE.decode(RasVectors.datagram("02#10"));
                ((SequenceValue) acf.value()).with("requestSeqNum", (long) arq.requestSeqNum())
                        .with("destCallSignalAddress", RasCodec.transport(bob.localAddress()));
                yield H225Asn.RAS_MESSAGE.encode(acf);
            }
            case RasMessage.DisengageRequest drq -> recorded("02#956", drq.requestSeqNum());
            case RasMessage.UnregistrationRequest urq -> recorded("02#1059", urq.requestSeqNum());
            default -> null;
        };
    }

    private static byte[] recorded(String id, int requestSeqNum) {
        ChoiceValue pdu = (ChoiceValue) H225Asn.RAS_MESSAGE.decode(RasVectors.datagram(id));
        ((SequenceValue) pdu.value()).with("requestSeqNum", (long) requestSeqNum);
        return H225Asn.RAS_MESSAGE.encode(pdu);
    }

    private <T extends RasMessage> T next(Class<T> type) throws InterruptedException {
        while (true) {
            RasMessage m = Events.poll(requests, type.getSimpleName());
            if (!(m instanceof RasMessage.RegistrationRequest rrq && rrq.keepAlive())) {
                return assertInstanceOf(type, m);
            }
        }
    }

    @Test
    void registersAdmitsCallsDisengagesAndUnregisters() throws Exception {
        Events.Session aliceEvents = new Events.Session();
        Events.Session bobEvents = new Events.Session();
        bob = new H323Session(new Account("bob", "h323", Map.of("alias", "bob", "port", "0")), new char[0], bobEvents,
                new RecordingMedia.Factory(AudioCapability.PCMU));
        alice = new H323Session(new Account("alice", "h323", Map.of("alias", "alice", "e164", "1001", "port", "0",
                "gatekeeper", "127.0.0.1:" + gatekeeper.getLocalPort())), "alice123".toCharArray(), aliceEvents,
                new RecordingMedia.Factory(AudioCapability.PCMU));
        alice.register();
        assertEquals(RegistrationState.REGISTERING, aliceEvents.nextState());
        assertEquals(RegistrationState.REGISTERED, aliceEvents.nextState());
        next(RasMessage.GatekeeperRequest.class);
        RasMessage.RegistrationRequest rrq = next(RasMessage.RegistrationRequest.class);
        assertEquals(List.of(new AliasAddress.H323Id("alice"), new AliasAddress.DialledDigits("1001")), rrq.terminalAlias());
        assertEquals(List.of(alice.localAddress()), rrq.callSignalAddress());
        assertFalse(rrq.tokens().isEmpty(), "the password's access token");
        assertEquals(java.util.Optional.of(true), H2351Token.verify(lastDatagram.get(RasMessage.RegistrationRequest.class),
                "alice123"), "H.235.1 token keyed by the password");

        Events.Call call = new Events.Call();
        alice.dial("1002", call);
        RasMessage.AdmissionRequest arq = next(RasMessage.AdmissionRequest.class);
        assertEquals(List.of(new AliasAddress.DialledDigits("1002")), arq.destinationInfo());
        assertEquals(java.util.Optional.of(true), H2351Token.verify(lastDatagram.get(RasMessage.AdmissionRequest.class),
                "alice123"));
        bobEvents.nextCall().answer();
        call.until(CallState.CONNECTED);
        bob.close();
        bob = null;
        assertEquals(EndReason.Kind.REMOTE_HANGUP, call.ended().kind());
        RasMessage.DisengageRequest drq = next(RasMessage.DisengageRequest.class);
        assertEquals(arq.callReferenceValue(), drq.callReferenceValue());

        alice.unregister();
        next(RasMessage.UnregistrationRequest.class);
        assertEquals(RegistrationState.UNREGISTERED, aliceEvents.nextState());
    }
}

package dev.switchboard.protocol.h323.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import dev.switchboard.core.spi.CallLeg;
import dev.switchboard.protocol.h323.internal.cs.CallSignalling;
import dev.switchboard.protocol.h323.internal.cs.Tpkt;
import dev.switchboard.protocol.h323.internal.h245.AudioCapability;
import dev.switchboard.protocol.h323.internal.per.Asn;
import dev.switchboard.protocol.h323.internal.per.AsnNull;
import dev.switchboard.protocol.h323.internal.per.ChoiceValue;
import dev.switchboard.protocol.h323.internal.per.SequenceValue;
import dev.switchboard.protocol.h323.internal.ras.AliasAddress;
import dev.switchboard.protocol.h323.internal.ras.H225Asn;
import dev.switchboard.protocol.h323.internal.ras.H2351Token;
import dev.switchboard.protocol.h323.internal.ras.PasswordHashToken;
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
    /** Where the registered endpoint's RAS requests come from: where a gatekeeper-initiated request goes. */
    private volatile java.net.SocketAddress endpointRas;
    private Thread responder;
    private H323Session alice;
    private H323Session bob;
    /** Routed mode: the gatekeeper's call signalling port, which relays each message to the callee. */
    private java.net.ServerSocket routing;
    private final BlockingQueue<String> relayed = new LinkedBlockingQueue<>();
    private final BlockingQueue<CallSignalling.Received> callerSetups = new LinkedBlockingQueue<>();

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
                    endpointRas = p.getSocketAddress();
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
        H323Call.closeQuietly(routing);
    }

    private byte[] answer(RasMessage request) {
        return switch (request) {
            case RasMessage.GatekeeperRequest grq -> { // GnuGk with H.235 MD5 password hashing chosen
                ChoiceValue gcf = (ChoiceValue) H225Asn.RAS_MESSAGE.decode(recorded("02#6", grq.requestSeqNum()));
                ((SequenceValue) gcf.value()).with("authenticationMode",
                        Asn.choose(H225Asn.AUTHENTICATION_MECHANISM, "pwdHash", AsnNull.NULL))
                        .with("algorithmOID", PasswordHashToken.MD5);
                yield H225Asn.RAS_MESSAGE.encode(gcf);
            }
            case RasMessage.RegistrationRequest rrq -> recorded("02#8", rrq.requestSeqNum());
            case RasMessage.AdmissionRequest arq -> {
                ChoiceValue acf = (ChoiceValue) H225Asn.RAS_MESSAGE.decode(RasVectors.datagram("02#10"));
                ((SequenceValue) acf.value()).with("requestSeqNum", (long) arq.requestSeqNum())
                        .with("destCallSignalAddress", RasCodec.transport(routing != null
                                ? (InetSocketAddress) routing.getLocalSocketAddress() : bob.localAddress()));
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

    /** Bob on a free port without a gatekeeper; alice (1001) registered with the gatekeeper, its GRQ read. */
    private void startBobAndRegisterAlice(Events.Session aliceEvents, Events.Session bobEvents) throws Exception {
        bob = new H323Session(new Account("bob", "h323", Map.of("alias", "bob", "port", "0")), new char[0], bobEvents,
                new RecordingMedia.Factory(AudioCapability.PCMU));
        alice = new H323Session(new Account("alice", "h323", Map.of("alias", "alice", "e164", "1001", "port", "0",
                "gatekeeper", "127.0.0.1:" + gatekeeper.getLocalPort())), "alice123".toCharArray(), aliceEvents,
                new RecordingMedia.Factory(AudioCapability.PCMU));
        alice.register();
        assertEquals(RegistrationState.REGISTERING, aliceEvents.nextState());
        assertEquals(RegistrationState.REGISTERED, aliceEvents.nextState());
        next(RasMessage.GatekeeperRequest.class);
    }

    /** A gatekeeper-initiated disconnect (H.225.0 7.10): its DRQ is confirmed and ends the call it names. */
    @Test
    void theGatekeepersDisengageRequestEndsTheCall() throws Exception {
        Events.Session aliceEvents = new Events.Session();
        Events.Session bobEvents = new Events.Session();
        startBobAndRegisterAlice(aliceEvents, bobEvents);
        next(RasMessage.RegistrationRequest.class);
        Events.Call call = new Events.Call();
        alice.dial("1002", call);
        RasMessage.AdmissionRequest arq = next(RasMessage.AdmissionRequest.class);
        bobEvents.nextCall().answer();
        call.until(CallState.CONNECTED);

        byte[] drq = RasCodec.encode(new RasMessage.DisengageRequest(4711, arq.endpointIdentifier(), arq.conferenceID(),
                arq.callReferenceValue(), "forcedDrop", arq.callIdentifier(), java.util.Optional.empty(), false));
        gatekeeper.send(new DatagramPacket(drq, drq.length, endpointRas));
        assertEquals(4711, next(RasMessage.DisengageConfirm.class).requestSeqNum());
        EndReason ended = call.ended();
        assertEquals(EndReason.Kind.REMOTE_HANGUP, ended.kind(), ended.toString());
        assertTrue(ended.detail().contains("gatekeeper") && ended.detail().contains("forcedDrop"), ended.detail());
        assertEquals(EndReason.Kind.REMOTE_HANGUP, bobEvents.incomingEvents.ended().kind(), "bob got our ReleaseComplete");
    }

    @Test
    void registersAdmitsCallsDisengagesAndUnregisters() throws Exception {
        Events.Session aliceEvents = new Events.Session();
        Events.Session bobEvents = new Events.Session();
        startBobAndRegisterAlice(aliceEvents, bobEvents);
        RasMessage.RegistrationRequest rrq = next(RasMessage.RegistrationRequest.class);
        assertEquals(List.of(new AliasAddress.H323Id("alice"), new AliasAddress.DialledDigits("1001")), rrq.terminalAlias());
        assertEquals(List.of(alice.localAddress()), rrq.callSignalAddress());
        assertFalse(rrq.tokens().isEmpty(), "the password's access token");
        assertEquals(java.util.Optional.of(true), H2351Token.verify(lastDatagram.get(RasMessage.RegistrationRequest.class),
                "alice123"), "H.235.1 token keyed by the password");
        assertEquals(java.util.Optional.of(true), PasswordHashToken.verify(
                lastDatagram.get(RasMessage.RegistrationRequest.class), "alice123"), "the MD5 hash the gatekeeper chose");

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
        for (Class<?> request : List.of(RasMessage.AdmissionRequest.class, RasMessage.DisengageRequest.class,
                RasMessage.UnregistrationRequest.class)) {
            assertEquals(java.util.Optional.of(true), PasswordHashToken.verify(lastDatagram.get(request), "alice123"),
                    request.getSimpleName());
            assertEquals(java.util.Optional.of(true), H2351Token.verify(lastDatagram.get(request), "alice123"),
                    request.getSimpleName() + " H.235.1");
        }
        assertEquals(RegistrationState.UNREGISTERED, aliceEvents.nextState());
    }

    /**
     * The gatekeeper's side of a routed call (H.323 8.1.3, the model of the recorded ACF): it takes the
     * caller's connection and relays every call signalling message to the callee and back, noting each
     * one as "caller setup", "callee connect", ...
     */
    private void routeCallsTo(InetSocketAddress callee) throws IOException {
        routing = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        java.net.ServerSocket server = routing;
        Thread.ofVirtual().start(() -> {
            try (java.net.Socket caller = server.accept(); java.net.Socket onward = new java.net.Socket()) {
                onward.connect(callee, 5000);
                Thread back = Thread.ofVirtual().start(() -> relay(onward, caller, "callee"));
                relay(caller, onward, "caller");
                back.join(5000);
            } catch (IOException | InterruptedException e) {
                relayed.add("relay failed: " + e);
            }
        });
    }

    private void relay(java.net.Socket from, java.net.Socket to, String side) {
        try {
            while (true) {
                byte[] payload = Tpkt.read(from.getInputStream());
                CallSignalling.Received message = CallSignalling.read(payload);
                if (side.equals("caller") && message.body().equals("setup")) {
                    callerSetups.add(message);
                }
                relayed.add(side + " " + message.body());
                Tpkt.write(to.getOutputStream(), payload);
                to.getOutputStream().flush();
            }
        } catch (IOException e) {
            try { // one side is done: so is the relay towards the other, which may still have more to say
                to.shutdownOutput();
            } catch (IOException closed) {
                relayed.add(side + " gone");
            }
        }
    }

    private void expectRelayed(String wanted) throws InterruptedException {
        List<String> seen = new java.util.ArrayList<>();
        while (true) {
            String message = Events.poll(relayed, wanted + " through the gatekeeper (seen " + seen + ")");
            seen.add(message);
            if (message.equals(wanted)) {
                return;
            }
        }
    }

    @Test
    void gatekeeperRoutedCallSignallingCarriesTheWholeCall() throws Exception {
        Events.Session aliceEvents = new Events.Session();
        Events.Session bobEvents = new Events.Session();
        RecordingMedia.Factory aliceMedia = new RecordingMedia.Factory(AudioCapability.PCMU);
        RecordingMedia.Factory bobMedia = new RecordingMedia.Factory(AudioCapability.PCMU);
        String gk = "127.0.0.1:" + gatekeeper.getLocalPort();
        bob = new H323Session(new Account("bob", "h323", Map.of("alias", "bob", "e164", "1002", "port", "0",
                "gatekeeper", gk)), "bob123".toCharArray(), bobEvents, bobMedia);
        alice = new H323Session(new Account("alice", "h323", Map.of("alias", "alice", "e164", "1001", "port", "0",
                "gatekeeper", gk, "dtmf", "h245")), "alice123".toCharArray(), aliceEvents, aliceMedia);
        routeCallsTo(bob.localAddress());
        bob.register();
        alice.register();
        for (Events.Session side : List.of(aliceEvents, bobEvents)) {
            assertEquals(RegistrationState.REGISTERING, side.nextState());
            assertEquals(RegistrationState.REGISTERED, side.nextState());
        }

        Events.Call call = new Events.Call();
        alice.dial("1002", call);
        CallLeg incoming = bobEvents.nextCall();
        expectRelayed("caller setup");
        // what the gatekeeper checks in the Setup: alice's MD5 password hash
        List<?> cryptoTokens = Events.poll(callerSetups, "caller's Setup").cryptoTokens();
        SequenceValue passwordHash = PasswordHashToken.find(cryptoTokens).orElseThrow();
        assertTrue(PasswordHashToken.verifies(passwordHash, "alice123"));
        assertFalse(PasswordHashToken.verifies(passwordHash, "bob123"));
        expectRelayed("callee alerting");
        // both ends asked admission: the caller, and the callee for the call the gatekeeper brought (answerCall)
        List<Boolean> answerCall = new java.util.ArrayList<>();
        for (RasMessage m : requests) {
            if (m instanceof RasMessage.AdmissionRequest arq) {
                answerCall.add(arq.answerCall());
            }
        }
        assertEquals(List.of(false, true), answerCall);
        incoming.answer();
        call.until(CallState.CONNECTED);
        expectRelayed("callee connect");
        RecordingMedia aliceAudio = Events.poll(aliceMedia.opened, "alice's media");
        RecordingMedia bobAudio = Events.poll(bobMedia.opened, "bob's media");
        // signalling through the gatekeeper, audio straight between the endpoints
        assertEquals(bobAudio.localRtp(), Events.poll(aliceAudio.started, "alice's audio").rtp());
        call.digits.clear();
        incoming.capability(dev.switchboard.core.call.capability.Dtmf.class).orElseThrow().send("7");
        assertEquals('7', Events.poll(call.digits, "digit 7 as tunnelled user input through the gatekeeper"));
        incoming.hangup();
        assertEquals(EndReason.Kind.REMOTE_HANGUP, call.ended().kind());
        expectRelayed("callee releaseComplete");
    }
}

package dev.switchboard.protocol.h323.internal.ras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.switchboard.core.account.RegistrationState;
import dev.switchboard.core.account.RegistrationState.Kind;
import dev.switchboard.protocol.h323.internal.per.Asn;
import dev.switchboard.protocol.h323.internal.per.AsnNull;
import dev.switchboard.protocol.h323.internal.per.BitString;
import dev.switchboard.protocol.h323.internal.per.ChoiceValue;
import dev.switchboard.protocol.h323.internal.per.SequenceValue;
import dev.switchboard.protocol.h323.internal.ras.AliasAddress.DialledDigits;
import dev.switchboard.protocol.h323.internal.ras.AliasAddress.H323Id;
import dev.switchboard.protocol.h323.internal.ras.RasMessage.GatekeeperRequest;
import dev.switchboard.protocol.h323.internal.ras.RasMessage.RegistrationConfirm;
import dev.switchboard.protocol.h323.internal.ras.RasMessage.RegistrationRequest;
import dev.switchboard.protocol.h323.internal.ras.RasMessage.UnregistrationConfirm;
import dev.switchboard.protocol.h323.internal.ras.RasMessage.UnregistrationRequest;

/**
 * {@link RasClient} against a UDP responder on loopback that plays GnuGk's recorded answers
 * (captures 02, 03, 09), with the request sequence numbers (and, for speed, the TTL) rewritten.
 */
class RasClientReplayTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final RasClient.Timing FAST = new RasClient.Timing(Duration.ofMillis(200), 3, Duration.ofSeconds(10),
            Duration.ofSeconds(60));

    private final BlockingQueue<RegistrationState> states = new LinkedBlockingQueue<>();
    private final BlockingQueue<RasMessage> received = new LinkedBlockingQueue<>();
    private volatile Function<RasMessage, byte[]> gatekeeper = request -> null;
    /** The last datagram of each request type, as sent (the typed records leave the cryptoTokens out). */
    private final java.util.Map<Class<?>, byte[]> lastDatagram = new java.util.concurrent.ConcurrentHashMap<>();
    private DatagramSocket responder;
    private Thread responderThread;
    private volatile InetSocketAddress clientAddress;
    private RasClient client;

    @BeforeEach
    void startResponder() throws SocketException {
        responder = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        responderThread = new Thread(() -> {
            byte[] buffer = new byte[65536];
            while (!responder.isClosed()) {
                try {
                    DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                    responder.receive(p);
                    clientAddress = (InetSocketAddress) p.getSocketAddress();
                    byte[] datagram = java.util.Arrays.copyOf(p.getData(), p.getLength());
                    RasMessage request = RasCodec.decode(datagram);
                    lastDatagram.put(request.getClass(), datagram);
                    received.add(request);
                    byte[] answer = gatekeeper.apply(request);
                    if (answer != null) {
                        responder.send(new DatagramPacket(answer, answer.length, p.getSocketAddress()));
                    }
                } catch (IOException e) {
                    return;
                }
            }
        }, "replayed-gnugk");
        responderThread.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (client != null) {
            client.close();
        }
        responder.close();
        responderThread.join(2000);
    }

    /** A recorded GnuGk answer with its requestSeqNum (and optionally timeToLive) replaced. */
    private static byte[] recorded(String id, int seqNum, Long timeToLive) {
        ChoiceValue pdu = (ChoiceValue) H225Asn.RAS_MESSAGE.decode(RasVectors.datagram(id));
        SequenceValue body = (SequenceValue) pdu.value();
        body.with("requestSeqNum", (long) seqNum);
        if (timeToLive != null) {
            body.with("timeToLive", timeToLive);
        }
        return H225Asn.RAS_MESSAGE.encode(pdu);
    }

    private static byte[] gnugk(RasMessage request, long timeToLive) {
        return switch (request) {
            case GatekeeperRequest grq -> recorded("02#2", grq.requestSeqNum(), null);
            case RegistrationRequest rrq -> recorded("02#4", rrq.requestSeqNum(), timeToLive);
            case UnregistrationRequest urq -> recorded("02#1067", urq.requestSeqNum(), null);
            default -> null;
        };
    }

    private void startClient() throws SocketException {
        startClient("bob123");
    }

    private void startClient(String password) throws SocketException {
        client = new RasClient("bob", new RasClient.Registration(
                (InetSocketAddress) responder.getLocalSocketAddress(), List.of(new H323Id("bob"), new DialledDigits("1002")),
                new InetSocketAddress("127.0.0.1", 1730), 60, java.util.Optional.of(password)), FAST, states::add);
        client.start();
    }

    private RegistrationState expect(Kind kind) throws InterruptedException {
        RegistrationState s = states.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(s, "no registration state change, expected " + kind);
        assertEquals(kind, s.kind(), s.toString());
        return s;
    }

    private <T extends RasMessage> T nextRequest(Class<T> type) throws InterruptedException {
        RasMessage m = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(m, "no " + type.getSimpleName() + " from the client");
        return assertInstanceOf(type, m);
    }

    @Test
    void registersKeepsAliveAndReportsALostGatekeeper() throws Exception {
        java.util.concurrent.atomic.AtomicInteger keepAlivesAnswered = new java.util.concurrent.atomic.AtomicInteger();
        gatekeeper = request -> { // answers discovery, registration and one keep-alive, then goes away
            if (request instanceof RegistrationRequest rrq && rrq.keepAlive() && keepAlivesAnswered.getAndIncrement() > 0) {
                return null;
            }
            return gnugk(request, 1L);
        };
        startClient();
        expect(Kind.REGISTERING);
        GatekeeperRequest grq = nextRequest(GatekeeperRequest.class);
        assertEquals(List.of(new H323Id("bob"), new DialledDigits("1002")), grq.endpointAlias());
        RegistrationRequest rrq = nextRequest(RegistrationRequest.class);
        assertEquals(false, rrq.keepAlive());
        assertEquals(java.util.Optional.of("PeersGK"), rrq.gatekeeperIdentifier()); // from the recorded GCF
        expect(Kind.REGISTERED);
        String endpointId = ((RegistrationConfirm) RasCodec.decode(RasVectors.datagram("02#4"))).endpointIdentifier();

        RegistrationRequest keepAlive = nextRequest(RegistrationRequest.class); // before the 1 s TTL ends
        assertTrue(keepAlive.keepAlive());
        assertEquals(java.util.Optional.of(endpointId), keepAlive.endpointIdentifier());
        assertEquals(List.of(), keepAlive.terminalAlias());

        RegistrationRequest unanswered = nextRequest(RegistrationRequest.class);
        long firstTry = System.nanoTime();
        assertTrue(unanswered.keepAlive());
        for (int i = 0; i < 2; i++) { // two retransmissions of the same request
            assertEquals(unanswered.requestSeqNum(), nextRequest(RegistrationRequest.class).requestSeqNum());
        }
        RegistrationState lost = expect(Kind.CONNECTION_LOST);
        long elapsedMillis = (System.nanoTime() - firstTry) / 1_000_000;
        assertTrue(elapsedMillis < 15_000, "lost after " + elapsedMillis + " ms");
        assertTrue(lost.reason().contains("does not answer"), lost.reason());
        assertEquals(Kind.CONNECTION_LOST, client.state().kind());
    }

    /**
     * Malformed PER from the gatekeeper's socket: every truncation of its recorded GCF and random
     * datagrams arrive before the real GCF; each is dropped (logged) and registration goes on.
     */
    @Test
    void malformedDatagramsFromTheGatekeeperAreDroppedAndRegistrationGoesOn() throws Exception {
        byte[] gcf = RasVectors.datagram("02#2");
        java.util.Random random = new java.util.Random(1719);
        java.util.concurrent.atomic.AtomicBoolean burstSent = new java.util.concurrent.atomic.AtomicBoolean();
        gatekeeper = request -> {
            // once: more would overflow the client's socket buffer, which drops datagrams, good ones too
            if (request instanceof GatekeeperRequest && !burstSent.getAndSet(true)) {
                try {
                    for (int length = 0; length < gcf.length; length++) {
                        responder.send(new DatagramPacket(gcf, length, clientAddress));
                    }
                    for (int i = 0; i < 60; i++) {
                        byte[] noise = new byte[random.nextInt(300)];
                        random.nextBytes(noise);
                        responder.send(new DatagramPacket(noise, noise.length, clientAddress));
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return gnugk(request, 60L);
        };
        startClient();
        expect(Kind.REGISTERING);
        expect(Kind.REGISTERED);
        assertEquals(Kind.REGISTERED, client.state().kind());
    }

    /** The responder checks the CAT password token like GnuGk did: bob123 is bob's password. */
    private static byte[] gnugkCheckingPassword(RasMessage request) {
        return switch (request) {
            case GatekeeperRequest grq -> recorded("03#6", grq.requestSeqNum(), null);
            case RegistrationRequest rrq when rrq.tokens().stream().anyMatch(t -> CiscoAccessToken.verifies(t, "bob123")) ->
                recorded("03#4", rrq.requestSeqNum(), null);
            case RegistrationRequest rrq -> recorded("03#8", rrq.requestSeqNum(), null);
            default -> null;
        };
    }

    @Test
    void passwordTokenIsAccepted() throws Exception {
        gatekeeper = RasClientReplayTest::gnugkCheckingPassword;
        startClient("bob123");
        expect(Kind.REGISTERING);
        expect(Kind.REGISTERED);
    }

    @Test
    void wrongPasswordRejectionFailsTheRegistration() throws Exception {
        gatekeeper = RasClientReplayTest::gnugkCheckingPassword;
        startClient("wrongpass");
        expect(Kind.REGISTERING);
        RegistrationState failed = expect(Kind.FAILED);
        assertTrue(failed.reason().contains("securityDenial"), failed.reason());
    }

    @Test
    void aRejectedDiscoveryFailsTheRegistrationWithTheGatekeepersReason() throws Exception {
        gatekeeper = request -> request instanceof GatekeeperRequest grq
                ? RasCodec.encode(new RasMessage.GatekeeperReject(grq.requestSeqNum(), java.util.Optional.of("PeersGK"),
                        "terminalExcluded"))
                : null;
        startClient();
        expect(Kind.REGISTERING);
        RegistrationState failed = expect(Kind.FAILED);
        assertTrue(failed.reason().contains("terminalExcluded"), failed.reason());
        assertTrue(received.stream().noneMatch(RegistrationRequest.class::isInstance), "no RRQ after a GRJ");
    }

    @Test
    void gatekeeperInitiatedUnregistrationIsConfirmedAndFollowedByAFreshRegistration() throws Exception {
        gatekeeper = request -> gnugk(request, 60L);
        startClient();
        expect(Kind.REGISTERING);
        expect(Kind.REGISTERED);
        nextRequest(GatekeeperRequest.class);
        nextRequest(RegistrationRequest.class);

        byte[] irq = RasCodec.encode(new RasMessage.InfoRequest(4242, 0, java.util.Optional.empty()));
        responder.send(new DatagramPacket(irq, irq.length, clientAddress));
        RasMessage.InfoRequestResponse irr = nextRequest(RasMessage.InfoRequestResponse.class);
        assertEquals(4242, irr.requestSeqNum());
        assertEquals(client.localAddress(), irr.rasAddress());
        assertEquals(false, irr.needResponse());
        byte[] drq = RasCodec.encode(new RasMessage.DisengageRequest(4243, irr.endpointIdentifier(), new byte[16], 5,
                "forcedDrop", java.util.Optional.of(new byte[16]), java.util.Optional.empty(), false));
        responder.send(new DatagramPacket(drq, drq.length, clientAddress)); // gatekeeper-initiated disconnect
        assertEquals(4243, nextRequest(RasMessage.DisengageConfirm.class).requestSeqNum());

        byte[] garbage = {0x7f, 0x00, 0x01};
        responder.send(new DatagramPacket(garbage, garbage.length, clientAddress)); // ignored, logged
        byte[] urq = RasVectors.datagram("09#5"); // GnuGk: UnregisterAlias bob, reason maintenance
        responder.send(new DatagramPacket(urq, urq.length, clientAddress));
        UnregistrationConfirm ucf = nextRequest(UnregistrationConfirm.class);
        assertEquals(RasCodec.decode(urq).requestSeqNum(), ucf.requestSeqNum());
        expect(Kind.REGISTERING);
        RegistrationRequest fresh = nextRequest(RegistrationRequest.class);
        assertEquals(false, fresh.keepAlive());
        assertEquals(List.of(new H323Id("bob"), new DialledDigits("1002")), fresh.terminalAlias());
        expect(Kind.REGISTERED);
    }

    @Test
    void admissionAndDisengageUseTheRecordedAnswers() throws Exception {
        gatekeeper = request -> {
            try {
                return switch (request) {
                    case RasMessage.AdmissionRequest arq when arq.destinationInfo().equals(List.of(new H323Id("alice"))) ->
                        recorded("02#10", arq.requestSeqNum(), null);
                    // capture 10's gatekeeper signs with H.235.1: signed again for the new sequence number
                    case RasMessage.AdmissionRequest arq -> signed("10#6", arq.requestSeqNum(), "bob123");
                    case RasMessage.DisengageRequest drq -> recorded("02#956", drq.requestSeqNum(), null);
                    default -> gnugk(request, 60L);
                };
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        };
        startClient();
        expect(Kind.REGISTERING);
        expect(Kind.REGISTERED);
        byte[] conference = new byte[16];
        byte[] call = new byte[16];
        call[0] = 1;
        RasMessage admitted = client.admit(List.of(new H323Id("alice")), java.util.Optional.empty(), 77, conference, call,
                false, 1280).get(5, TimeUnit.SECONDS);
        RasMessage.AdmissionConfirm acf = assertInstanceOf(RasMessage.AdmissionConfirm.class, admitted);
        assertEquals(new InetSocketAddress("127.0.0.1", 1721), acf.destCallSignalAddress());
        RasMessage refused = client.admit(List.of(new H323Id("nosuchuser")), java.util.Optional.empty(), 78, conference,
                call, false, 1280).get(5, TimeUnit.SECONDS);
        assertEquals("calledPartyNotRegistered", assertInstanceOf(RasMessage.AdmissionReject.class, refused).rejectReason());
        assertInstanceOf(RasMessage.DisengageConfirm.class, client.disengage(77, conference, call, false).get(5, TimeUnit.SECONDS));

        nextRequest(GatekeeperRequest.class);
        nextRequest(RegistrationRequest.class);
        RasMessage.AdmissionRequest arq = nextRequest(RasMessage.AdmissionRequest.class);
        assertEquals(77, arq.callReferenceValue());
        assertEquals(List.of(new H323Id("bob"), new DialledDigits("1002")), arq.srcInfo());
        assertTrue(arq.tokens().stream().anyMatch(t -> CiscoAccessToken.verifies(t, "bob123")));

        gatekeeper = request -> null;
        java.util.concurrent.ExecutionException unanswered = org.junit.jupiter.api.Assertions.assertThrows(
                java.util.concurrent.ExecutionException.class, () -> client.admit(List.of(new H323Id("alice")),
                        java.util.Optional.empty(), 79, conference, call, false, 1280).get(5, TimeUnit.SECONDS));
        assertInstanceOf(RasTimeoutException.class, unanswered.getCause());
    }

    /**
     * A recorded answer of capture 05 (GnuGk with H.235.1) with its requestSeqNum replaced and its
     * HMAC-SHA1-96 computed again over the new message with {@code password}, as GnuGk signs it.
     */
    private static byte[] signed(String id, int seqNum, String password) throws Exception {
        ChoiceValue pdu = (ChoiceValue) H225Asn.RAS_MESSAGE.decode(recorded(id, seqNum, null));
        SequenceValue hashed = H2351Token.hashedToken((SequenceValue) pdu.value()).orElseThrow();
        hashed.with("hash", new BitString(new byte[12], 96));
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
        mac.init(new javax.crypto.spec.SecretKeySpec(java.security.MessageDigest.getInstance("SHA-1")
                .digest(password.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "HmacSHA1"));
        byte[] hash = java.util.Arrays.copyOf(mac.doFinal(H225Asn.RAS_MESSAGE.encode(pdu)), 12);
        hashed.with("hash", new BitString(hash, 96));
        return H225Asn.RAS_MESSAGE.encode(pdu);
    }

    /** A signed answer with one field changed after signing: what an attacker on the path would send. */
    private static byte[] altered(byte[] signed, String field, Object value) {
        ChoiceValue pdu = (ChoiceValue) H225Asn.RAS_MESSAGE.decode(signed);
        ((SequenceValue) pdu.value()).with(field, value);
        return H225Asn.RAS_MESSAGE.encode(pdu);
    }

    @Test
    void signedConfirmsAreVerifiedAndAnAlteredAdmissionIsRefused() throws Exception {
        gatekeeper = request -> {
            try {
                return switch (request) {
                    case GatekeeperRequest grq -> recorded("05#2", grq.requestSeqNum(), null);
                    case RegistrationRequest rrq -> signed("05#4", rrq.requestSeqNum(), "bob123");
                    case RasMessage.AdmissionRequest arq when arq.destinationInfo().equals(List.of(new H323Id("alice"))) ->
                        signed("05#26", arq.requestSeqNum(), "bob123");
                    case RasMessage.AdmissionRequest arq -> altered(signed("05#26", arq.requestSeqNum(), "bob123"),
                            "destCallSignalAddress", RasCodec.transport(new InetSocketAddress("127.0.0.1", 6666)));
                    default -> null;
                };
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        };
        startClient("bob123");
        expect(Kind.REGISTERING);
        expect(Kind.REGISTERED);
        byte[] conference = new byte[16];
        byte[] call = new byte[16];
        assertInstanceOf(RasMessage.AdmissionConfirm.class, client.admit(List.of(new H323Id("alice")),
                java.util.Optional.empty(), 80, conference, call, false, 1280).get(5, TimeUnit.SECONDS));
        java.util.concurrent.ExecutionException refused = org.junit.jupiter.api.Assertions.assertThrows(
                java.util.concurrent.ExecutionException.class, () -> client.admit(List.of(new H323Id("mallory")),
                        java.util.Optional.empty(), 81, conference, call, false, 1280).get(5, TimeUnit.SECONDS));
        assertTrue(refused.getCause().getMessage().contains("H.235.1 integrity"), refused.getCause().getMessage());
    }

    @Test
    void anAlteredRegistrationConfirmFailsTheRegistration() throws Exception {
        gatekeeper = request -> {
            try {
                return switch (request) {
                    case GatekeeperRequest grq -> recorded("05#2", grq.requestSeqNum(), null);
                    case RegistrationRequest rrq -> altered(signed("05#4", rrq.requestSeqNum(), "bob123"), "timeToLive", 3600L);
                    default -> null;
                };
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        };
        startClient("bob123");
        expect(Kind.REGISTERING);
        RegistrationState failed = expect(Kind.FAILED);
        assertTrue(failed.reason().contains("RegistrationConfirm failed its H.235.1 integrity check"), failed.reason());
    }

    /** Capture 02's GCF, but choosing H.235 MD5 password hashing (GnuGk with only that authentication on). */
    private static byte[] gcfChoosingPasswordHash(int seqNum) {
        ChoiceValue pdu = (ChoiceValue) H225Asn.RAS_MESSAGE.decode(recorded("02#2", seqNum, null));
        ((SequenceValue) pdu.value())
                .with("authenticationMode", Asn.choose(H225Asn.AUTHENTICATION_MECHANISM, "pwdHash", AsnNull.NULL))
                .with("algorithmOID", PasswordHashToken.MD5);
        return H225Asn.RAS_MESSAGE.encode(pdu);
    }

    /** A gatekeeper that chose MD5 and admits bob only with a cryptoEPPwdHash made with bob123. */
    private byte[] gnugkCheckingPasswordHash(RasMessage request) {
        boolean verified = PasswordHashToken.verify(lastDatagram.get(request.getClass()), "bob123").orElse(false);
        return switch (request) {
            case GatekeeperRequest grq -> gcfChoosingPasswordHash(grq.requestSeqNum());
            case RegistrationRequest rrq when verified -> recorded("03#4", rrq.requestSeqNum(), null);
            case RegistrationRequest rrq -> recorded("03#8", rrq.requestSeqNum(), null);
            case RasMessage.AdmissionRequest arq when verified -> recorded("02#10", arq.requestSeqNum(), null);
            case RasMessage.DisengageRequest drq when verified -> recorded("02#956", drq.requestSeqNum(), null);
            case UnregistrationRequest urq when verified -> recorded("02#1067", urq.requestSeqNum(), null);
            default -> null;
        };
    }

    @Test
    void aGatekeeperChoosingMd5GetsAPasswordHashInEveryRequest() throws Exception {
        gatekeeper = this::gnugkCheckingPasswordHash;
        startClient("bob123");
        expect(Kind.REGISTERING);
        expect(Kind.REGISTERED);
        GatekeeperRequest grq = nextRequest(GatekeeperRequest.class);
        assertEquals(List.of("pwdHash"), grq.authenticationCapability());
        assertTrue(grq.algorithmOIDs().contains(PasswordHashToken.MD5), grq.algorithmOIDs().toString());
        byte[] rrq = lastDatagram.get(RegistrationRequest.class);
        assertEquals(java.util.Optional.of(false), PasswordHashToken.verify(rrq, "bob124"));
        assertEquals(java.util.Optional.of(true), H2351Token.verify(rrq, "bob123"), "the H.235.1 token covers it too");
        assertTrue(nextRequest(RegistrationRequest.class).tokens().stream()
                .anyMatch(t -> CiscoAccessToken.verifies(t, "bob123")), "the access token is still sent alongside");

        byte[] conference = new byte[16];
        byte[] call = new byte[16];
        assertInstanceOf(RasMessage.AdmissionConfirm.class, client.admit(List.of(new H323Id("alice")),
                java.util.Optional.empty(), 90, conference, call, false, 1280).get(5, TimeUnit.SECONDS));
        assertInstanceOf(RasMessage.DisengageConfirm.class, client.disengage(90, conference, call, false)
                .get(5, TimeUnit.SECONDS));
        assertTrue(client.passwordHashToken().isPresent(), "and for the Setup");
        client.close();
        client = null;
        nextRequest(RasMessage.AdmissionRequest.class);
        nextRequest(RasMessage.DisengageRequest.class);
        nextRequest(UnregistrationRequest.class);
        assertEquals(java.util.Optional.of(true), PasswordHashToken.verify(lastDatagram.get(UnregistrationRequest.class),
                "bob123"));
        expect(Kind.UNREGISTERED);
    }

    @Test
    void aWrongPasswordsHashIsRefusedByTheMd5Gatekeeper() throws Exception {
        gatekeeper = this::gnugkCheckingPasswordHash;
        startClient("wrongpass");
        expect(Kind.REGISTERING);
        RegistrationState failed = expect(Kind.FAILED);
        assertTrue(failed.reason().contains("securityDenial"), failed.reason());
        assertEquals(java.util.Optional.of(true), PasswordHashToken.verify(lastDatagram.get(RegistrationRequest.class),
                "wrongpass"));
    }

    @Test
    void closeUnregisters() throws Exception {
        gatekeeper = request -> gnugk(request, 60L);
        startClient();
        expect(Kind.REGISTERING);
        expect(Kind.REGISTERED);
        assertEquals(java.util.Optional.empty(), PasswordHashToken.verify(lastDatagram.get(RegistrationRequest.class),
                "bob123"), "capture 02's gatekeeper chose the access token, so no MD5 hash");
        assertTrue(client.passwordHashToken().isEmpty());
        client.close();
        client = null;
        nextRequest(GatekeeperRequest.class);
        nextRequest(RegistrationRequest.class);
        UnregistrationRequest urq = nextRequest(UnregistrationRequest.class);
        assertTrue(urq.endpointIdentifier().isPresent());
        expect(Kind.UNREGISTERED);
    }
}

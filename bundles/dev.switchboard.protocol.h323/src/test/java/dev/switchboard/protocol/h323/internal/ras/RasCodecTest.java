package dev.switchboard.protocol.h323.internal.ras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.switchboard.protocol.h323.internal.per.PerException;
import dev.switchboard.protocol.h323.internal.ras.AliasAddress.DialledDigits;
import dev.switchboard.protocol.h323.internal.ras.AliasAddress.H323Id;
import dev.switchboard.protocol.h323.internal.ras.RasMessage.AdmissionConfirm;
import dev.switchboard.protocol.h323.internal.ras.RasMessage.AdmissionReject;
import dev.switchboard.protocol.h323.internal.ras.RasMessage.AdmissionRequest;
import dev.switchboard.protocol.h323.internal.ras.RasMessage.GatekeeperConfirm;
import dev.switchboard.protocol.h323.internal.ras.RasMessage.GatekeeperRequest;
import dev.switchboard.protocol.h323.internal.ras.RasMessage.RegistrationConfirm;
import dev.switchboard.protocol.h323.internal.ras.RasMessage.RegistrationReject;
import dev.switchboard.protocol.h323.internal.ras.RasMessage.RegistrationRequest;
import dev.switchboard.protocol.h323.internal.ras.RasMessage.UnregistrationConfirm;
import dev.switchboard.protocol.h323.internal.ras.RasMessage.UnregistrationRequest;

/** Typed RAS messages against the captured GnuGk answers, and the messages we build ourselves. */
class RasCodecTest {
    private static final InetSocketAddress GK_CALL_SIGNALLING = new InetSocketAddress("127.0.0.1", 1721);

    @Test
    void everyCapturedDatagramMapsToATypedMessage() {
        for (RasVectors.Vector v : RasVectors.all().values()) {
            RasMessage m = RasCodec.decode(v.datagram());
            assertFalse(m instanceof RasMessage.Unsupported, v.id() + " decoded as " + m);
            assertTrue(v.tsharkFields().contains("requestSeqNum=" + m.requestSeqNum()), v.id());
        }
    }

    @Test
    void gnugkRegistrationConfirm() {
        RegistrationConfirm rcf = (RegistrationConfirm) RasCodec.decode(RasVectors.datagram("02#4"));
        assertEquals(29558, rcf.requestSeqNum());
        assertEquals(List.of(GK_CALL_SIGNALLING), rcf.callSignalAddress());
        assertEquals(List.of(new H323Id("bob"), new DialledDigits("1002")), rcf.terminalAlias());
        assertEquals(Optional.of("PeersGK"), rcf.gatekeeperIdentifier());
        assertEquals(Optional.of(60L), rcf.timeToLive());
        assertTrue(rcf.endpointIdentifier().endsWith("_endp"), rcf.endpointIdentifier());
    }

    @Test
    void gnugkRejectsAndGatekeeperInitiatedUnregistration() {
        RegistrationReject rrj = (RegistrationReject) RasCodec.decode(RasVectors.datagram("03#8"));
        assertEquals("securityDenial", rrj.rejectReason());
        AdmissionReject arj = (AdmissionReject) RasCodec.decode(RasVectors.datagram("10#6"));
        assertEquals("calledPartyNotRegistered", arj.rejectReason());
        UnregistrationRequest urq = (UnregistrationRequest) RasCodec.decode(RasVectors.datagram("09#5"));
        assertEquals(Optional.of("maintenance"), urq.reason());
        AdmissionConfirm acf = (AdmissionConfirm) RasCodec.decode(RasVectors.datagram("02#10"));
        assertEquals(GK_CALL_SIGNALLING, acf.destCallSignalAddress());
        assertEquals("gatekeeperRouted", acf.callModel());
        AdmissionRequest arq = (AdmissionRequest) RasCodec.decode(RasVectors.datagram("02#9"));
        assertEquals(List.of(new H323Id("bob")), arq.destinationInfo());
        assertEquals(List.of(new H323Id("alice"), new DialledDigits("1001")), arq.srcInfo());
        assertFalse(arq.answerCall());
        assertEquals(16, arq.conferenceID().length);
    }

    @Test
    void typedMessagesWithoutTokensReencodeToTheCapturedBytes() {
        for (String id : List.of("03#8", "02#1059", "02#956", "02#1067")) {
            byte[] captured = RasVectors.datagram(id);
            assertArrayEquals(captured, RasCodec.encode(RasCodec.decode(captured)), id);
        }
    }

    @Test
    void ourRegistrationRequestRoundTrips() {
        InetSocketAddress ras = new InetSocketAddress("127.0.0.1", 40000);
        RegistrationRequest rrq = new RegistrationRequest(7, true, List.of(new InetSocketAddress("127.0.0.1", 1720)),
                List.of(ras), List.of(new H323Id("carol"), new DialledDigits("1003")), Optional.of("PeersGK"),
                Optional.of(60L), false, Optional.empty(), List.of());
        assertEquals(rrq, RasCodec.decode(RasCodec.encode(rrq)));
        RegistrationRequest keepAlive = new RegistrationRequest(8, true, List.of(), List.of(ras), List.of(),
                Optional.of("PeersGK"), Optional.of(60L), true, Optional.of("123_endp"), List.of());
        assertEquals(keepAlive, RasCodec.decode(RasCodec.encode(keepAlive)));
        GatekeeperRequest grq = new GatekeeperRequest(1, ras, Optional.empty(), List.of(new H323Id("carol")), List.of(),
                List.of());
        assertEquals(grq, RasCodec.decode(RasCodec.encode(grq)));
        GatekeeperRequest securedGrq = new GatekeeperRequest(2, ras, Optional.empty(), List.of(new H323Id("carol")),
                List.of("pwdHash"), List.of(H2351Token.HMAC_SHA1_96, PasswordHashToken.MD5));
        assertEquals(securedGrq, RasCodec.decode(RasCodec.encode(securedGrq)));
        assertEquals(new UnregistrationConfirm(9), RasCodec.decode(RasCodec.encode(new UnregistrationConfirm(9))));
        GatekeeperConfirm gcf = new GatekeeperConfirm(1, Optional.of("GK"), new InetSocketAddress("127.0.0.1", 1719),
                Optional.empty(), Optional.empty());
        assertEquals(gcf, RasCodec.decode(RasCodec.encode(gcf)));
        assertFalse(gcf.choosesPasswordHash());
        GatekeeperConfirm md5 = new GatekeeperConfirm(1, Optional.of("GK"), new InetSocketAddress("127.0.0.1", 1719),
                Optional.of("pwdHash"), Optional.of(PasswordHashToken.MD5));
        assertEquals(md5, RasCodec.decode(RasCodec.encode(md5)));
        assertTrue(md5.choosesPasswordHash());
        // capture 02's GnuGk chose the Cisco access token, not the MD5 hash
        assertFalse(((GatekeeperConfirm) RasCodec.decode(RasVectors.datagram("02#2"))).choosesPasswordHash());
    }

    @Test
    void invalidAliasCharactersAreRefusedOnEncode() {
        RegistrationRequest bad = new RegistrationRequest(1, true, List.of(), List.of(), List.of(new DialledDigits("12a")),
                Optional.empty(), Optional.empty(), false, Optional.empty(), List.of());
        assertThrows(PerException.class, () -> RasCodec.encode(bad));
    }

    /** Truncated and corrupted datagrams end in a PerException (or a valid decode), never another failure. */
    @Test
    void truncatedAndCorruptedDatagramsFailCleanly() {
        Random random = new Random(1719);
        int rejected = 0;
        for (RasVectors.Vector v : RasVectors.all().values()) {
            byte[] d = v.datagram();
            for (int length = 0; length < d.length - 1; length += 2) {
                byte[] truncated = java.util.Arrays.copyOf(d, length);
                assertThrows(PerException.class, () -> RasCodec.decode(truncated),
                        v.id() + " cut to " + truncated.length + ": " + HexFormat.of().formatHex(truncated));
                rejected++;
            }
            for (int i = 0; i < 20; i++) {
                byte[] corrupted = d.clone();
                corrupted[random.nextInt(d.length)] ^= (byte) (1 << random.nextInt(8));
                try {
                    assertInstanceOf(RasMessage.class, RasCodec.decode(corrupted));
                } catch (PerException expected) {
                    rejected++;
                }
            }
        }
        assertTrue(rejected > 5_000, "rejected " + rejected);
    }
}

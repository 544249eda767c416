package dev.switchboard.protocol.sip.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.util.List;

import org.junit.jupiter.api.Test;

class SipServerIdentityTest {

    @Test
    void certificateNamesTheListeningAddressAndIsValidNow() throws Exception {
        SipServerIdentity identity = SipServerIdentity.generate(InetAddress.getByName("127.0.0.1"));
        X509Certificate certificate = identity.certificate();
        certificate.checkValidity();
        certificate.verify(certificate.getPublicKey());
        assertEquals(3, certificate.getVersion());
        assertEquals("CN=127.0.0.1", certificate.getSubjectX500Principal().getName());
        // iPAddress (7) 127.0.0.1, as RFC 5922 section 7.1 matches it
        assertEquals(List.of(List.of(7, "127.0.0.1")), List.copyOf(certificate.getSubjectAlternativeNames()));
        assertEquals(1, identity.keyManagers().length);
        assertNotEquals(certificate.getSerialNumber(),
                SipServerIdentity.generate(InetAddress.getByName("127.0.0.1")).certificate().getSerialNumber());
    }

    @Test
    void derEncodingFollowsX690() {
        // RFC 5280's id-ce-subjectAltName, and a length in the long form
        assertArrayEquals(new byte[] {0x06, 0x03, 0x55, 0x1d, 0x11}, SipServerIdentity.oid("2.5.29.17"));
        assertArrayEquals(new byte[] {0x06, 0x08, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x04, 0x03, 0x02},
                SipServerIdentity.oid("1.2.840.10045.4.3.2"));
        byte[] long200 = SipServerIdentity.tlv(0x04, new byte[200]);
        assertArrayEquals(new byte[] {0x04, (byte) 0x81, (byte) 200}, java.util.Arrays.copyOf(long200, 3));
        assertEquals(203, long200.length);
    }
}

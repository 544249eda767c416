package dev.switchboard.protocol.sip.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;

/**
 * The certificate and key a TLS account accepts connections with (RFC 3261 section 26.3.1: a proxy or registrar that
 * lost our connection opens a new one to our Contact, {@code transport=tls} or {@code sips:}). Made when the account's
 * stack starts: an EC P-256 key that never leaves memory and a self-signed X.509 v3 certificate for the address we
 * listen on (common name and subject alternative name), valid from an hour ago for a year. Nobody can have pinned or
 * issued it, so a peer that checks our certificate has to be set up not to; the JDK has no public API that writes a
 * certificate, so the DER below is written from RFC 5280 section 4.1.
 */
final class SipServerIdentity {

    private static final String EC_PUBLIC_KEY_SIGNED_WITH_SHA256 = "1.2.840.10045.4.3.2";
    private static final String COMMON_NAME = "2.5.4.3";
    private static final String SUBJECT_ALTERNATIVE_NAME = "2.5.29.17";
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final KeyManager[] keyManagers;
    private final X509Certificate certificate;

    private SipServerIdentity(KeyManager[] keyManagers, X509Certificate certificate) {
        this.keyManagers = keyManagers;
        this.certificate = certificate;
    }

    /**
     * A new key and self-signed certificate for {@code address}.
     *
     * @throws IOException if the JDK cannot make the key, sign or read the certificate back
     */
    static SipServerIdentity generate(InetAddress address) throws IOException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            Instant now = Instant.now();
            byte[] tbs = toBeSigned(address, keys, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(365)));
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(keys.getPrivate());
            signer.update(tbs);
            byte[] encoded = sequence(tbs, algorithm(), bitString(signer.sign()));
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(encoded));
            certificate.verify(keys.getPublic());
            // the store's password guards nothing: the store lives in memory only and is dropped at once
            char[] storePassword = Long.toHexString(new SecureRandom().nextLong()).toCharArray();
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("sip", keys.getPrivate(), storePassword, new X509Certificate[] {certificate});
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, storePassword);
            return new SipServerIdentity(factory.getKeyManagers(), certificate);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot make the TLS server certificate: " + e.getMessage(), e);
        }
    }

    KeyManager[] keyManagers() {
        return keyManagers.clone();
    }

    X509Certificate certificate() {
        return certificate;
    }

    private static byte[] toBeSigned(InetAddress address, KeyPair keys, Instant notBefore, Instant notAfter) {
        byte[] name = sequence(set(sequence(oid(COMMON_NAME), utf8(address.getHostAddress()))));
        byte[] serial = new byte[16];
        new SecureRandom().nextBytes(serial);
        serial[0] &= 0x7f; // a positive INTEGER (RFC 5280 4.1.2.2)
        byte[] alternativeNames = sequence(tlv(0x87, address.getAddress())); // iPAddress [7]
        byte[] extensions = tlv(0xa3, sequence(sequence(oid(SUBJECT_ALTERNATIVE_NAME), tlv(0x04, alternativeNames))));
        return sequence(tlv(0xa0, tlv(0x02, new byte[] {2})), tlv(0x02, new BigInteger(1, serial).toByteArray()),
                algorithm(), name, sequence(utcTime(notBefore), utcTime(notAfter)), name,
                keys.getPublic().getEncoded(), extensions);
    }

    private static byte[] algorithm() {
        return sequence(oid(EC_PUBLIC_KEY_SIGNED_WITH_SHA256));
    }

    private static byte[] utcTime(Instant instant) {
        return tlv(0x17, UTC_TIME.format(instant).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] utf8(String text) {
        return tlv(0x0c, text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] bitString(byte[] bits) {
        byte[] content = new byte[bits.length + 1]; // no unused bits
        System.arraycopy(bits, 0, content, 1, bits.length);
        return tlv(0x03, content);
    }

    static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Integer.parseInt(arcs[0]) * 40 + Integer.parseInt(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            long arc = Long.parseLong(arcs[i]);
            int groups = Math.max(1, (64 - Long.numberOfLeadingZeros(arc) + 6) / 7);
            for (int group = groups - 1; group >= 0; group--) {
                int septet = (int) (arc >>> (7 * group)) & 0x7f;
                out.write(group == 0 ? septet : septet | 0x80);
            }
        }
        return tlv(0x06, out.toByteArray());
    }

    private static byte[] sequence(byte[]... parts) {
        return tlv(0x30, parts);
    }

    private static byte[] set(byte[]... parts) {
        return tlv(0x31, parts);
    }

    /** One DER element: tag, definite length (short or long form), content. */
    static byte[] tlv(int tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            content.writeBytes(part);
        }
        int length = content.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        if (length < 0x80) {
            out.write(length);
        } else {
            byte[] digits = BigInteger.valueOf(length).toByteArray();
            int skip = digits[0] == 0 ? 1 : 0;
            out.write(0x80 | (digits.length - skip));
            out.write(digits, skip, digits.length - skip);
        }
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }
}

package dev.switchboard.protocol.sip.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Decides whether a SIP server's TLS certificate is trusted: a chain to one of the system's certificate authorities
 * or to the account's own ({@code tls.ca}), for the name the account connects to (checked by the JDK because the
 * socket asks for endpoint identification), or else exactly the certificate the user pinned ({@code tls.pin}). The
 * last rejection is kept so the registration can say why and which fingerprint to pin.
 */
final class SipTrustManager extends X509ExtendedTrustManager {

    private final List<X509ExtendedTrustManager> authorities;
    private final Optional<byte[]> pinnedSha256;
    private volatile String rejection;

    private SipTrustManager(List<X509ExtendedTrustManager> authorities, Optional<byte[]> pinnedSha256) {
        this.authorities = authorities;
        this.pinnedSha256 = pinnedSha256;
    }

    /**
     * The trust of one account.
     *
     * @throws IOException if the {@code tls.ca} file cannot be read or holds no certificate
     */
    static SipTrustManager of(SipAccountSettings settings) throws IOException {
        List<X509ExtendedTrustManager> authorities = new ArrayList<>();
        if (settings.tlsAuthorities().isPresent()) {
            authorities.add(trustManager(authorityStore(settings.tlsAuthorities().get())));
        }
        authorities.add(trustManager(null));
        return new SipTrustManager(List.copyOf(authorities), settings.tlsPinnedSha256());
    }

    /** Why the server's certificate was last refused, with the fingerprint to pin; empty if none was. */
    Optional<String> rejection() {
        return Optional.ofNullable(rejection);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain, manager -> manager.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain, manager -> manager.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        // without a socket no name can be checked, so nothing is trusted this way
        throw new CertificateException("a SIP server certificate is only checked on a connection to a named host");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("this SIP client accepts no TLS clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("this SIP client accepts no TLS clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("this SIP client accepts no TLS clients");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return authorities.stream().flatMap(manager -> Arrays.stream(manager.getAcceptedIssuers()))
                .toArray(X509Certificate[]::new);
    }

    private interface Check {
        void run(X509ExtendedTrustManager manager) throws CertificateException;
    }

    private void check(X509Certificate[] chain, Check check) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw reject(null, new CertificateException("the server sent no certificate"));
        }
        byte[] fingerprint = sha256(chain[0]);
        if (pinnedSha256.isPresent() && MessageDigest.isEqual(pinnedSha256.get(), fingerprint)) {
            rejection = null;
            return;
        }
        CertificateException first = null;
        for (X509ExtendedTrustManager manager : authorities) {
            try {
                check.run(manager);
                rejection = null;
                return;
            } catch (CertificateException e) {
                // the account's own authorities come first, so their reason (e.g. a wrong name) is the one shown
                first = first == null ? e : first;
            }
        }
        throw reject(fingerprint, first);
    }

    private CertificateException reject(byte[] fingerprint, CertificateException cause) {
        String pin = fingerprint == null ? ""
                : "; its SHA-256 fingerprint is " + SipAccountSettings.formatFingerprint(fingerprint) + " (set "
                        + SipAccountSettings.TLS_PIN + " to it to trust this certificate)";
        String why = String.valueOf(cause.getMessage());
        if (why.startsWith("PKIX path building failed")) {
            // the JDK's wording names its internals; what the user needs to know is who is not trusted
            why = "it is not issued by a trusted certificate authority";
        }
        rejection = "certificate rejected: " + why + pin;
        return cause;
    }

    static byte[] sha256(X509Certificate certificate) throws CertificateException {
        try {
            return MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new CertificateException("cannot compute the certificate's fingerprint", e);
        }
    }

    private static KeyStore authorityStore(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int number = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("authority-" + number++, certificate);
            }
            if (number == 0) {
                throw new IOException(SipAccountSettings.TLS_AUTHORITIES + " file " + file + " holds no certificate");
            }
            return store;
        } catch (GeneralSecurityException e) {
            throw new IOException(SipAccountSettings.TLS_AUTHORITIES + " file " + file + " cannot be read: "
                    + e.getMessage(), e);
        }
    }

    /** The JDK's PKIX trust manager over {@code store}, or over the system's authorities when it is null. */
    private static X509ExtendedTrustManager trustManager(KeyStore store) throws IOException {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager extended) {
                    return extended;
                }
            }
            throw new IOException("the JDK offers no X.509 trust manager");
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the trusted certificate authorities: " + e.getMessage(), e);
        }
    }
}

package dev.switchboard.protocol.xmpp.internal;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;

import java.net.Socket;

import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import org.jivesoftware.smack.java7.XmppHostnameVerifier;

/**
 * Trusts what the JDK's certificate authorities vouch for, plus exactly one server certificate the
 * user pinned by its SHA-256 fingerprint. A rejected certificate's fingerprint is kept so the
 * session can tell the user what to pin.
 * <p>
 * An extended trust manager so that, on a direct TLS socket whose parameters ask for endpoint
 * identification (see {@link DirectTlsSocketFactory}), the JDK's authorities also check the
 * certificate names the server; on STARTTLS Smack checks the name afterwards with
 * {@link #hostnameVerifier()}.
 */
final class PinningTrustManager extends X509ExtendedTrustManager {

    private final X509ExtendedTrustManager authorities;
    private final Optional<byte[]> pinnedSha256;
    private volatile byte[] rejectedSha256;
    private volatile String rejectionReason;

    PinningTrustManager(Optional<byte[]> pinnedSha256) {
        this.authorities = systemTrustManager();
        this.pinnedSha256 = pinnedSha256;
    }

    private static X509ExtendedTrustManager systemTrustManager() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager x509) {
                    return x509;
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's trust store cannot be read", e);
        }
        throw new IllegalStateException("the JDK offers no X.509 trust manager");
    }

    static byte[] sha256(X509Certificate certificate) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot compute a certificate fingerprint", e);
        }
    }

    boolean isPinned(X509Certificate certificate) {
        return pinnedSha256.isPresent() && MessageDigest.isEqual(pinnedSha256.get(), sha256(certificate));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, () -> authorities.checkServerTrusted(chain, authType));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain, () -> authorities.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain, () -> authorities.checkServerTrusted(chain, authType, engine));
    }

    private interface AuthorityCheck {
        void run() throws CertificateException;
    }

    private void check(X509Certificate[] chain, AuthorityCheck byAuthorities) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the server sent no certificate");
        }
        if (isPinned(chain[0])) {
            return;
        }
        try {
            byAuthorities.run();
        } catch (CertificateException e) {
            rejectedSha256 = sha256(chain[0]);
            rejectionReason = pinnedSha256.isPresent()
                    ? "it is not the pinned certificate and no certificate authority vouches for it"
                    : "no certificate authority vouches for it";
            throw e;
        }
    }

    /** Set when the last handshake failed on our verdict: the certificate's fingerprint. */
    Optional<String> rejectedFingerprint() {
        byte[] rejected = rejectedSha256;
        return rejected == null ? Optional.empty() : Optional.of(XmppSettings.formatFingerprint(rejected));
    }

    String rejectionReason() {
        return rejectionReason;
    }

    void forgetRejection() {
        rejectedSha256 = null;
        rejectionReason = null;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("client certificates are not checked here");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return authorities.getAcceptedIssuers();
    }

    /**
     * The name check: a pinned certificate was trusted as that exact certificate, so its names do not
     * matter; any other must name the XMPP domain (RFC 6125, as Smack checks it).
     */
    HostnameVerifier hostnameVerifier() {
        HostnameVerifier names = new XmppHostnameVerifier();
        return (String host, SSLSession session) -> {
            try {
                if (session.getPeerCertificates()[0] instanceof X509Certificate leaf && isPinned(leaf)) {
                    return true;
                }
            } catch (SSLPeerUnverifiedException e) {
                return false;
            }
            if (!names.verify(host, session)) {
                rejectionReason = "it does not name " + host;
                return false;
            }
            return true;
        };
    }
}

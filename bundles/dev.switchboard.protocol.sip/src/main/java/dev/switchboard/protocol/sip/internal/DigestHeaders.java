package dev.switchboard.protocol.sip.internal;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Optional;

import javax.sip.header.AuthorizationHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Response;

/** Reads digest challenges from responses and writes the answers as jain-sip headers. */
final class DigestHeaders {

    private DigestHeaders() {
    }

    /**
     * The digest challenges of a 401 or 407, in the server's order of preference (RFC 7616 section 3.7), leaving
     * out schemes and algorithms we do not know.
     */
    static List<DigestChallenge> challenges(Response response) {
        String name = response.getStatusCode() == Response.PROXY_AUTHENTICATION_REQUIRED
                ? ProxyAuthenticateHeader.NAME : WWWAuthenticateHeader.NAME;
        List<DigestChallenge> challenges = new ArrayList<>();
        ListIterator<?> headers = response.getHeaders(name);
        while (headers.hasNext()) {
            WWWAuthenticateHeader header = (WWWAuthenticateHeader) headers.next();
            parse(header).ifPresent(challenges::add);
        }
        return challenges;
    }

    static Optional<DigestChallenge> parse(WWWAuthenticateHeader header) {
        if (header.getScheme() == null || !header.getScheme().toLowerCase(Locale.ROOT).equals("digest")
                || header.getNonce() == null || header.getRealm() == null) {
            return Optional.empty();
        }
        return DigestAlgorithm.fromToken(header.getAlgorithm()).map(algorithm -> new DigestChallenge(
                header.getRealm(), header.getNonce(), header.getOpaque(), algorithm,
                DigestChallenge.qopOptions(header.getQop()), header.isStale()));
    }

    /** {@code Authorization} (or {@code Proxy-Authorization} when {@code proxy}) carrying {@code answer}. */
    static AuthorizationHeader authorization(HeaderFactory factory, DigestCredentials.Answer answer, boolean proxy)
            throws ParseException {
        AuthorizationHeader header = proxy ? factory.createProxyAuthorizationHeader("Digest")
                : factory.createAuthorizationHeader("Digest");
        header.setUsername(answer.username());
        header.setRealm(answer.realm());
        header.setNonce(answer.nonce());
        header.setParameter("uri", answer.uri());
        header.setResponse(answer.response());
        header.setAlgorithm(answer.algorithm().token());
        if (answer.opaque() != null) {
            header.setOpaque(answer.opaque());
        }
        if (answer.qop() != null) {
            header.setQop(answer.qop());
            header.setParameter("nc", answer.nonceCount());
        }
        if (answer.cnonce() != null) {
            header.setCNonce(answer.cnonce());
        }
        return header;
    }
}

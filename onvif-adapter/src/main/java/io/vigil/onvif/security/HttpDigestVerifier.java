package io.vigil.onvif.security;

import io.vigil.onvif.security.TokenRejectedException.Reason;
import io.vigil.onvif.xml.SafeText;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The device side's HTTP Digest (RFC 7616 with {@code qop=auth}; the Core specification's
 * "Authentication over HTTP and HTTPS"). Nonces are stateless: the time they were issued and an
 * HMAC of it under a key made at construction, so they cannot be forged and expire after the
 * window (then {@code stale=true} is offered). Each (nonce, nc, cnonce) is accepted once: a
 * replayed Authorization header is refused. The expected response is computed with
 * {@link HttpDigest}, the same code Vigil's client answers cameras with.
 *
 * <p>Thread-safe.
 */
public final class HttpDigestVerifier {

    private static final int MAX_HEADER = 4096;
    private static final Credentials NOBODY = new Credentials("nobody", new char[] {'\0'});

    private final String realm;
    private final Duration window;
    private final Clock clock;
    private final ReplayCache replays;
    private final byte[] key = new byte[32];

    public HttpDigestVerifier(String realm, Duration window, Clock clock, int replayCacheSize) {
        this.realm = realm;
        this.window = window;
        this.clock = clock;
        this.replays = new ReplayCache(replayCacheSize);
        new SecureRandom().nextBytes(key);
    }

    /**
     * The {@code WWW-Authenticate} values to send with a 401, in order of preference (SHA-256
     * first, MD5 for the clients that know nothing else).
     *
     * @param stale the refused request carried a valid but expired nonce
     */
    public List<String> challenges(boolean stale) {
        String nonce = newNonce();
        return List.of(challenge(DigestAlgorithm.SHA_256, nonce, stale), challenge(DigestAlgorithm.MD5, nonce, stale));
    }

    private String challenge(DigestAlgorithm algorithm, String nonce, boolean stale) {
        return "Digest realm=\"" + realm + "\", qop=\"auth\", algorithm=" + algorithm.token() + ", nonce=\"" + nonce + "\""
                + (stale ? ", stale=true" : "");
    }

    /**
     * Without checking the answer's {@code uri} against the request: an answer captured for one
     * resource would be accepted for another.
     *
     * @deprecated use {@link #verify(String, String, String, PasswordLookup)} with the request-target
     */
    @Deprecated
    public String verify(String authorization, String method, PasswordLookup users) throws TokenRejectedException {
        return verify(authorization, method, null, users);
    }

    /**
     * @param authorization the request's {@code Authorization} header
     * @param method        the HTTP method
     * @param requestTarget the request-target the answer must be for (path and query as sent;
     *                      RFC 7616 3.4.6); an absolute {@code uri} in the answer is compared by its path and query
     * @return the authenticated user name
     * @throws TokenRejectedException why not; {@link Reason#STALE} when only the nonce expired
     */
    public String verify(String authorization, String method, String requestTarget, PasswordLookup users)
            throws TokenRejectedException {
        if (authorization == null || authorization.length() > MAX_HEADER) {
            throw new TokenRejectedException(Reason.MISSING, "no usable HTTP Authorization header");
        }
        List<AuthChallenge> parsed = AuthChallenge.parse(List.of(authorization));
        if (parsed.size() != 1 || !parsed.get(0).isScheme("Digest")) {
            throw new TokenRejectedException(Reason.UNSUPPORTED_PASSWORD_TYPE, "the Authorization header is not HTTP Digest");
        }
        AuthChallenge answer = parsed.get(0);
        String username = require(answer, "username");
        String nonce = require(answer, "nonce");
        String uri = require(answer, "uri");
        String response = require(answer, "response");
        String qop = require(answer, "qop");
        String nc = require(answer, "nc");
        String cnonce = require(answer, "cnonce");
        if (!realm.equals(answer.parameter("realm")) || !"auth".equalsIgnoreCase(qop) || !nc.matches("[0-9a-fA-F]{8}")) {
            throw new TokenRejectedException(Reason.MALFORMED, "HTTP Digest answer for another realm or qop, or a bad nc");
        }
        if (requestTarget != null && !sameTarget(uri, requestTarget)) {
            throw new TokenRejectedException(Reason.MALFORMED, "HTTP Digest answer for uri '" + SafeText.excerpt(uri, 120)
                    + "', not for this request's '" + SafeText.excerpt(requestTarget, 120) + "'");
        }
        DigestAlgorithm algorithm = DigestAlgorithm.of(answer.parameter("algorithm"))
                .filter(a -> a == DigestAlgorithm.MD5 || a == DigestAlgorithm.SHA_256)
                .orElseThrow(() -> new TokenRejectedException(Reason.MALFORMED, "unsupported HTTP Digest algorithm"));
        Instant issued = issued(nonce);
        Instant now = clock.instant();
        Optional<Credentials> stored = users.find(username);
        DigestChallenge challenge = new DigestChallenge(realm, nonce, null, algorithm, "auth", false, false);
        String expected = HttpDigest.response(challenge, stored.orElse(NOBODY), method, uri, new byte[0], nc.toLowerCase(), cnonce);
        boolean match = MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                response.toLowerCase().getBytes(StandardCharsets.US_ASCII));
        String who = "HTTP Digest of user '" + SafeText.excerpt(username, 64) + "'";
        if (stored.isEmpty()) {
            throw new TokenRejectedException(Reason.UNKNOWN_USER, who + ": no such user");
        }
        if (!match) {
            throw new TokenRejectedException(Reason.WRONG_PASSWORD, who + ": the response does not match");
        }
        if (issued.isBefore(now.minus(window)) || issued.isAfter(now.plus(Duration.ofSeconds(5)))) {
            throw new TokenRejectedException(Reason.STALE, who + ": the nonce expired");
        }
        if (!replays.register(nonce + ':' + nc.toLowerCase() + ':' + cnonce, issued.plus(window), now)) {
            throw new TokenRejectedException(Reason.REPLAYED, who + ": this nonce, nc and cnonce were already used");
        }
        return username;
    }

    private static boolean sameTarget(String uri, String requestTarget) {
        if (uri.equals(requestTarget)) {
            return true;
        }
        try {
            java.net.URI parsed = new java.net.URI(uri);
            if (!parsed.isAbsolute()) {
                return false;
            }
            String path = parsed.getRawPath() == null || parsed.getRawPath().isEmpty() ? "/" : parsed.getRawPath();
            return (parsed.getRawQuery() == null ? path : path + "?" + parsed.getRawQuery()).equals(requestTarget);
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static String require(AuthChallenge answer, String name) throws TokenRejectedException {
        String value = answer.parameter(name);
        if (value == null || value.isEmpty()) {
            throw new TokenRejectedException(Reason.MALFORMED, "HTTP Digest answer without " + name);
        }
        return value;
    }

    private String newNonce() {
        long millis = clock.millis();
        ByteBuffer buffer = ByteBuffer.allocate(8 + 16);
        buffer.putLong(millis);
        buffer.put(mac(millis), 0, 16);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
    }

    private Instant issued(String nonce) throws TokenRejectedException {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException e) {
            bytes = new byte[0];
        }
        if (bytes.length != 24) {
            throw new TokenRejectedException(Reason.MALFORMED, "HTTP Digest nonce Vigil did not issue");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long millis = buffer.getLong();
        byte[] tag = new byte[16];
        buffer.get(tag);
        byte[] expected = new byte[16];
        System.arraycopy(mac(millis), 0, expected, 0, 16);
        if (!MessageDigest.isEqual(tag, expected)) {
            throw new TokenRejectedException(Reason.MALFORMED, "HTTP Digest nonce Vigil did not issue");
        }
        return Instant.ofEpochMilli(millis);
    }

    private byte[] mac(long millis) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(ByteBuffer.allocate(8).putLong(millis).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this Java runtime", e);
        }
    }
}

package io.vigil.onvif.security;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Digest challenge a device gave, reused for later requests with an increasing nonce count
 * (RFC 7616, 3.4), so that only the first request to a device costs a 401 round trip. When the
 * device no longer accepts the nonce it answers 401 with a new challenge, and the client starts
 * a new session.
 *
 * <p>Thread-safe.
 */
public final class HttpDigestSession {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final DigestChallenge challenge;
    private final AtomicLong nonceCount = new AtomicLong();

    public HttpDigestSession(DigestChallenge challenge) {
        this.challenge = challenge;
    }

    public DigestChallenge challenge() {
        return challenge;
    }

    /** The {@code Authorization} value for the next request: the next nonce count and a fresh cnonce. */
    public String authorize(Credentials credentials, String method, String digestUri, byte[] body) {
        byte[] cnonce = new byte[16];
        RANDOM.nextBytes(cnonce);
        return HttpDigest.authorization(challenge, credentials, method, digestUri, body,
                nonceCount.incrementAndGet(), HexFormat.of().formatHex(cnonce));
    }
}

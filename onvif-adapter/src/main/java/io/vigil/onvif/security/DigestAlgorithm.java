package io.vigil.onvif.security;

import java.util.Locale;
import java.util.Optional;

/**
 * HTTP Digest algorithms (RFC 7616; the Core specification's "SHA-256 Support in HTTP and
 * RTSP digest authentication": MD5 by default, SHA-256 optional). The {@code -sess} variants hash
 * the client nonce into the key.
 */
public enum DigestAlgorithm {
    MD5("MD5", "MD5", false),
    MD5_SESS("MD5-sess", "MD5", true),
    SHA_256("SHA-256", "SHA-256", false),
    SHA_256_SESS("SHA-256-sess", "SHA-256", true),
    SHA_512_256("SHA-512-256", "SHA-512/256", false),
    SHA_512_256_SESS("SHA-512-256-sess", "SHA-512/256", true);

    private final String token;
    private final String javaName;
    private final boolean session;

    DigestAlgorithm(String token, String javaName, boolean session) {
        this.token = token;
        this.javaName = javaName;
        this.session = session;
    }

    /** As written in the {@code algorithm} parameter. */
    public String token() {
        return token;
    }

    String javaName() {
        return javaName;
    }

    boolean session() {
        return session;
    }

    /** The algorithm a challenge names; no {@code algorithm} parameter means MD5. */
    public static Optional<DigestAlgorithm> of(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.of(MD5);
        }
        for (DigestAlgorithm algorithm : values()) {
            if (algorithm.token.toLowerCase(Locale.ROOT).equals(token.toLowerCase(Locale.ROOT))) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }
}

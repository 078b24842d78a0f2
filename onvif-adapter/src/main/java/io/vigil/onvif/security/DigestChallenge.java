package io.vigil.onvif.security;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A {@code WWW-Authenticate: Digest} challenge Vigil can answer.
 *
 * @param realm     the realm
 * @param nonce     the server nonce
 * @param opaque    echoed back when present; null otherwise
 * @param algorithm the hash
 * @param qop       {@code auth}, {@code auth-int}, or null for an RFC 2069 challenge without qop
 * @param stale     the previous nonce expired but the credentials were right (RFC 7616, 3.3)
 * @param userhash  the server wants the user name hashed (RFC 7616, 3.4.4)
 */
public record DigestChallenge(String realm, String nonce, String opaque, DigestAlgorithm algorithm, String qop,
        boolean stale, boolean userhash) {

    /**
     * The first Digest challenge Vigil supports, in the server's order: the Core specification
     * ("Get Device Hashing Algorithm") has a device send one challenge per algorithm "in its order
     * of preference", so the first one Vigil can answer is the device's choice.
     */
    public static Optional<DigestChallenge> choose(List<AuthChallenge> challenges) {
        return challenges.stream().map(DigestChallenge::from).flatMap(Optional::stream).findFirst();
    }

    /** The challenge as a Digest challenge, if it is one Vigil supports. */
    public static Optional<DigestChallenge> from(AuthChallenge challenge) {
        String nonce = challenge.parameter("nonce");
        String realm = challenge.parameter("realm");
        if (!challenge.isScheme("Digest") || nonce == null || realm == null) {
            return Optional.empty();
        }
        Optional<DigestAlgorithm> algorithm = DigestAlgorithm.of(challenge.parameter("algorithm"));
        if (algorithm.isEmpty()) {
            return Optional.empty();
        }
        String qop = null;
        String offered = challenge.parameter("qop");
        if (offered != null) {
            Set<String> options = Arrays.stream(offered.split(","))
                    .map(option -> option.strip().toLowerCase(Locale.ROOT))
                    .collect(Collectors.toSet());
            if (options.contains("auth")) {
                qop = "auth";
            } else if (options.contains("auth-int")) {
                qop = "auth-int";
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(new DigestChallenge(realm, nonce, challenge.parameter("opaque"), algorithm.get(), qop,
                "true".equalsIgnoreCase(challenge.parameter("stale")),
                "true".equalsIgnoreCase(challenge.parameter("userhash"))));
    }
}

package io.vigil.onvif.internal.device;

import io.vigil.onvif.security.AuthChallenge;
import io.vigil.onvif.soap.Namespaces;
import io.vigil.onvif.soap.ReceivedEnvelope;
import io.vigil.onvif.xml.Dom;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * The account a login names, read before it is verified, so that the login throttle can refuse
 * an account in back-off or locked without looking at its password. Nothing here is trusted:
 * a name longer than an account name could be is cut, so it cannot grow the throttle's table.
 */
final class ClaimedAccount {

    private static final int MAX_NAME = 128;

    private ClaimedAccount() {
    }

    /** The Username of the request's one UsernameToken, if there is exactly one. */
    static Optional<String> ofUsernameToken(ReceivedEnvelope envelope) {
        List<Element> security = envelope.headers(Namespaces.WSSE, "Security");
        if (security.size() != 1) {
            return Optional.empty();
        }
        List<Element> tokens = Dom.children(security.get(0), Namespaces.WSSE, "UsernameToken");
        if (tokens.size() != 1) {
            return Optional.empty();
        }
        return Dom.child(tokens.get(0), Namespaces.WSSE, "Username").map(Dom::text).flatMap(ClaimedAccount::bounded);
    }

    /** The username of an HTTP Digest Authorization header. */
    static Optional<String> ofDigest(String authorization) {
        if (authorization.length() > 4096) {
            return Optional.empty();
        }
        try {
            List<AuthChallenge> parsed = AuthChallenge.parse(List.of(authorization));
            return parsed.size() == 1 && parsed.get(0).isScheme("Digest")
                    ? Optional.ofNullable(parsed.get(0).parameter("username")).flatMap(ClaimedAccount::bounded) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> bounded(String name) {
        String stripped = name.strip();
        return stripped.isEmpty() ? Optional.empty()
                : Optional.of(stripped.length() > MAX_NAME ? stripped.substring(0, MAX_NAME) : stripped);
    }
}

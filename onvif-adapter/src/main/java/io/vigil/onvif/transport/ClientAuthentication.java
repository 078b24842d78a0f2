package io.vigil.onvif.transport;

import io.vigil.onvif.security.ClockOffset;
import io.vigil.onvif.security.Credentials;
import io.vigil.onvif.security.DigestChallenge;
import io.vigil.onvif.security.HttpDigestSession;
import io.vigil.onvif.security.UsernameToken;
import io.vigil.onvif.security.UsernameTokenFactory;
import java.util.Objects;
import java.util.Optional;

/**
 * How the client authenticates to one device, and what it has learned about that device: its
 * clock offset (for the UsernameToken's Created) and, once the device has asked for it with a 401,
 * its HTTP Digest session.
 *
 * <p>Requests start with a WS-Security UsernameToken (PasswordDigest). A device that answers 401
 * with a Digest challenge gets HTTP Digest instead, for that request and every later one, without
 * the UsernameToken: the Core specification ("Authentication over HTTP and HTTPS") says a client
 * should not send credentials on both levels at once.
 *
 * <p>One instance per device; thread-safe.
 */
public final class ClientAuthentication {

    private final Credentials credentials;
    private final UsernameTokenFactory tokens;
    private volatile ClockOffset clockOffset = ClockOffset.NONE;
    private volatile HttpDigestSession digest;

    public ClientAuthentication(Credentials credentials, UsernameTokenFactory tokens) {
        this.credentials = credentials;
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    /** No credentials: for operations of access class PRE_AUTH such as GetSystemDateAndTime. */
    public static ClientAuthentication none() {
        return new ClientAuthentication(null, new UsernameTokenFactory());
    }

    public static ClientAuthentication of(Credentials credentials) {
        return new ClientAuthentication(Objects.requireNonNull(credentials, "credentials"), new UsernameTokenFactory());
    }

    public boolean hasCredentials() {
        return credentials != null;
    }

    public Optional<String> username() {
        return credentials == null ? Optional.empty() : Optional.of(credentials.username());
    }

    public ClockOffset clockOffset() {
        return clockOffset;
    }

    /** Sets the device's clock offset, measured from its GetSystemDateAndTime. */
    public void clockOffset(ClockOffset offset) {
        this.clockOffset = Objects.requireNonNull(offset, "offset");
    }

    /** Whether the device asked for HTTP Digest, so requests go without a UsernameToken. */
    public boolean usesHttpDigest() {
        return digest != null;
    }

    /** A fresh UsernameToken for the next request, unless there are no credentials or the device wants HTTP Digest. */
    Optional<UsernameToken> usernameToken() {
        return credentials == null || digest != null ? Optional.empty() : Optional.of(tokens.create(credentials, clockOffset));
    }

    /** The Authorization value from the last Digest challenge, if the device gave one. */
    Optional<String> preemptiveDigest(String method, String digestUri, byte[] body) {
        HttpDigestSession session = digest;
        return credentials == null || session == null ? Optional.empty()
                : Optional.of(session.authorize(credentials, method, digestUri, body));
    }

    /** Remembers a new challenge and answers it. */
    String answer(DigestChallenge challenge, String method, String digestUri, byte[] body) {
        HttpDigestSession session = new HttpDigestSession(challenge);
        digest = session;
        return session.authorize(credentials, method, digestUri, body);
    }

    @Override
    public String toString() {
        return "ClientAuthentication[user=" + (credentials == null ? "none" : credentials.username())
                + ", method=" + (credentials == null ? "none" : digest != null ? "HTTP Digest" : "WS-Security UsernameToken")
                + ", clockOffset=" + clockOffset.value() + "]";
    }
}

package io.vigil.onvif.security;

/**
 * A received UsernameToken that the device side refuses. The {@link Reason} and message are for
 * Vigil's own log; the client is only ever told {@code ter:NotAuthorized}, so it learns nothing
 * about which part was wrong.
 */
public final class TokenRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why a token was refused. */
    public enum Reason {
        /** no Security header or no UsernameToken in it */
        MISSING,
        /** a part is missing, duplicated or unreadable (Nonce not Base64, Created not a date-time, ...) */
        MALFORMED,
        /** PasswordText or another type than PasswordDigest */
        UNSUPPORTED_PASSWORD_TYPE,
        /** Created older than the window */
        STALE,
        /** Created further ahead than the window */
        FUTURE,
        /** no such user */
        UNKNOWN_USER,
        /** the digest does not match the stored password */
        WRONG_PASSWORD,
        /** the nonce was already used within the window */
        REPLAYED
    }

    private final Reason reason;

    public TokenRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}

package io.vigil.watchlist.internal;

/** A watchlist operation failed; the message says why in an administrator's words and never holds a secret. */
public class WatchlistException extends Exception {
    private static final long serialVersionUID = 1L;

    public WatchlistException(String message) {
        super(message);
    }

    public WatchlistException(String message, Throwable cause) {
        super(message, cause);
    }
}

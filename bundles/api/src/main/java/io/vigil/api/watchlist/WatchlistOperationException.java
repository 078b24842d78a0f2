package io.vigil.api.watchlist;

/** A watchlist operation was refused or failed; the message says why, in words for the user. */
public class WatchlistOperationException extends Exception {
    private static final long serialVersionUID = 1L;

    public WatchlistOperationException(String message) {
        super(message);
    }

    public WatchlistOperationException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.vigil.watchlist.internal;

/**
 * The watchlist store once the database opened; when it did not, the reason, as the error of every
 * operation (the component stays up to say why in {@code vigil status}).
 */
@FunctionalInterface
interface OpenStore {

    WatchlistStore get() throws WatchlistException;

    default Watchlist watchlist(String name) throws WatchlistException {
        return get().find(name).orElseThrow(() -> new WatchlistException("no watchlist named '" + name + "'"));
    }
}

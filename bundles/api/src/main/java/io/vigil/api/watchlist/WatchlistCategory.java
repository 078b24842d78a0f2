package io.vigil.api.watchlist;

/** Why people are on a watchlist. */
public enum WatchlistCategory { SUSPECT, MISSING_PERSON, OTHER }

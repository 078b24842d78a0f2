package io.vigil.onvif.security;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Nonces seen recently, each kept until the token that carried it would be refused as stale
 * anyway. Bounded: past {@code capacity} the oldest entry goes, even if it has not expired. Only
 * nonces of tokens whose digest matched are recorded, so only a client that knows a password can
 * fill it; the capacity is sized so that would take tens of requests a second for the whole window.
 *
 * <p>Thread-safe.
 */
final class ReplayCache {

    private final int capacity;
    private final LinkedHashMap<String, Instant> expiries = new LinkedHashMap<>();

    ReplayCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("replay cache capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Records {@code nonce} until {@code expiry}.
     *
     * @return false if it is already recorded and has not expired: a replay
     */
    synchronized boolean register(String nonce, Instant expiry, Instant now) {
        purgeExpired(now);
        Instant known = expiries.get(nonce);
        if (known != null && known.isAfter(now)) {
            return false;
        }
        expiries.put(nonce, expiry);
        while (expiries.size() > capacity) {
            Iterator<String> oldest = expiries.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    synchronized int size() {
        return expiries.size();
    }

    /** Entries arrive roughly in expiry order, so expired ones are taken from the front. */
    private void purgeExpired(Instant now) {
        Iterator<Map.Entry<String, Instant>> entries = expiries.entrySet().iterator();
        while (entries.hasNext()) {
            if (entries.next().getValue().isAfter(now)) {
                return;
            }
            entries.remove();
        }
    }
}

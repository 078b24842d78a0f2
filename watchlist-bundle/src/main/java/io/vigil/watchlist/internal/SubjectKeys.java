package io.vigil.watchlist.internal;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The keys of one watchlist for the length of one operation: the list's key (in the secret store)
 * and the subject keys it wraps. Every subject's fields, templates and photos are sealed under the
 * subject's own key; the database keeps that key only wrapped (sealed) under the list key. A
 * subject's removal re-wraps the remaining subjects' keys under a new list key and destroys the
 * old one, so a copy of the database taken before the removal holds the removed subject's key
 * only under a key that exists nowhere: per-subject keys alone would not do that, since the copy's
 * wrapped key would still open under the list key that lives on.
 */
final class SubjectKeys implements AutoCloseable {

    /** A new subject key: its cipher, and the key wrapped for the subject's row. */
    record Fresh(RecordCipher cipher, byte[] wrapped) {
    }

    private final Watchlist list;
    private final RecordCipher listKey;
    private final SecureRandom random;
    /** Subject keys opened or made in this operation, by pseudonym: each is unwrapped once. */
    private final Map<String, RecordCipher> opened = new HashMap<>();

    /** {@code list} carries the key version {@code listKey} belongs to. */
    SubjectKeys(Watchlist list, RecordCipher listKey, SecureRandom random) {
        this.list = list;
        this.listKey = listKey;
        this.random = random;
    }

    Watchlist list() {
        return list;
    }

    /**
     * The cipher of a subject's records. {@code wrapped} null: the subject was sealed before
     * subjects had keys (schema 2), directly under the list key; the next open moves it.
     */
    RecordCipher open(String pseudonym, byte[] wrapped) throws WatchlistException {
        if (wrapped == null) {
            return listKey;
        }
        RecordCipher known = opened.get(pseudonym);
        if (known != null) {
            return known;
        }
        byte[] key = unwrap(pseudonym, wrapped);
        try {
            RecordCipher cipher = new RecordCipher(key, random);
            opened.put(pseudonym, cipher);
            return cipher;
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    Fresh create(String pseudonym) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        try {
            RecordCipher cipher = new RecordCipher(key, random);
            RecordCipher replaced = opened.put(pseudonym, cipher);
            if (replaced != null) {
                replaced.destroy();
            }
            return new Fresh(cipher, wrap(pseudonym, key));
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** The subject's key, wrapped under this list key, taken from its wrapping under {@code from}'s. */
    byte[] rewrap(String pseudonym, byte[] wrapped, SubjectKeys from) throws WatchlistException {
        byte[] key = from.unwrap(pseudonym, wrapped);
        try {
            return wrap(pseudonym, key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private byte[] wrap(String pseudonym, byte[] key) {
        return listKey.encrypt(key, WatchlistStore.aad(list, pseudonym, "subject-key"));
    }

    private byte[] unwrap(String pseudonym, byte[] wrapped) throws WatchlistException {
        return listKey.decrypt(wrapped, WatchlistStore.aad(list, pseudonym, "subject-key"));
    }

    @Override
    public void close() {
        opened.values().forEach(RecordCipher::destroy);
        listKey.destroy();
    }
}

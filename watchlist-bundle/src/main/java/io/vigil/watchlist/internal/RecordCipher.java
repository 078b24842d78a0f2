package io.vigil.watchlist.internal;

import io.vigil.support.crypto.RecordSeal;
import java.security.SecureRandom;

/**
 * AES-256-GCM over one watchlist's records with its data key: the support library's
 * {@link RecordSeal}, whose layout the records of earlier versions were written in. The associated
 * data binds a ciphertext to the watchlist and field it belongs to, so a value copied into another
 * row fails to decrypt.
 */
final class RecordCipher {

    private final RecordSeal seal;

    RecordCipher(byte[] key, SecureRandom random) {
        this.seal = new RecordSeal(key, random, "a watchlist data key");
    }

    /** nonce || ciphertext || tag */
    byte[] encrypt(byte[] plain, byte[] associated) {
        return seal.seal(plain, associated);
    }

    byte[] decrypt(byte[] sealed, byte[] associated) throws WatchlistException {
        return seal.open(sealed, associated, refusal -> new WatchlistException(refusal == RecordSeal.Refusal.TRUNCATED
                ? "an encrypted record is truncated: the database is damaged"
                : "an encrypted record does not authenticate under its watchlist's key:"
                        + " the database was altered or the key is not the one it was written with"));
    }

    /** The nonce of a sealed record (tests check nonces never repeat). */
    static byte[] nonceOf(byte[] sealed) {
        return RecordSeal.nonceOf(sealed);
    }

    void destroy() {
        seal.destroy();
    }
}

package io.vigil.alerts.internal;

import io.vigil.api.alert.AlertStoreException;
import io.vigil.support.crypto.RecordSeal;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * AES-256-GCM over alert evidence (face crops and frame regions) with one evidence key (see
 * {@link EvidenceKeys}): the support library's {@link RecordSeal}, whose layout the evidence of
 * earlier versions was written in. The associated data binds a ciphertext to its alert and field,
 * so a crop copied into another alert's row fails to decrypt instead of showing the wrong person.
 */
final class EvidenceCipher {

    private final RecordSeal seal;

    EvidenceCipher(byte[] key, SecureRandom random) {
        this.seal = new RecordSeal(key, random, "an evidence key");
    }

    /** What a sealed value is bound to: the alert and the field. */
    static byte[] associated(AlertId id, String field) {
        return ("vigil.alert/" + id + "/" + field).getBytes(StandardCharsets.UTF_8);
    }

    /** nonce || ciphertext || tag */
    byte[] encrypt(byte[] plain, byte[] associated) {
        return seal.seal(plain, associated);
    }

    byte[] decrypt(byte[] sealed, byte[] associated) throws AlertStoreException {
        return seal.open(sealed, associated, refusal -> new AlertStoreException(refusal == RecordSeal.Refusal.TRUNCATED
                ? "an alert's encrypted evidence is truncated: the database is damaged"
                : "an alert's evidence does not authenticate under its evidence key:"
                        + " the database was altered or the key is not the one it was written with", null));
    }

    void destroy() {
        seal.destroy();
    }
}

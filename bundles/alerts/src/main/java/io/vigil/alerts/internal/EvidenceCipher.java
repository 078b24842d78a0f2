package io.vigil.alerts.internal;

import io.vigil.api.alert.AlertStoreException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * AES-256-GCM over alert evidence (face crops and frame regions) with one evidence key (see
 * {@link EvidenceKeys}), through Bouncy Castle's lightweight API (no JCA provider registered: that
 * would be process-wide state). Each value gets a fresh random 96-bit nonce stored in front of
 * it; the associated data binds a ciphertext to its alert and field, so a crop copied into
 * another alert's row fails to decrypt instead of showing the wrong person.
 */
final class EvidenceCipher {

    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;

    private final byte[] key;
    private final SecureRandom random;

    EvidenceCipher(byte[] key, SecureRandom random) {
        if (key.length != 32) {
            throw new IllegalArgumentException("an evidence key is 256 bits, not " + key.length * 8);
        }
        this.key = key.clone();
        this.random = random;
    }

    /** What a sealed value is bound to: the alert and the field. */
    static byte[] associated(AlertId id, String field) {
        return ("vigil.alert/" + id + "/" + field).getBytes(StandardCharsets.UTF_8);
    }

    /** nonce || ciphertext || tag */
    byte[] encrypt(byte[] plain, byte[] associated) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
        gcm.init(true, new AEADParameters(new KeyParameter(key), TAG_BITS, nonce, associated));
        byte[] out = new byte[NONCE_BYTES + gcm.getOutputSize(plain.length)];
        System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
        int n = gcm.processBytes(plain, 0, plain.length, out, NONCE_BYTES);
        try {
            gcm.doFinal(out, NONCE_BYTES + n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("encryption cannot fail this way", e);
        }
        return out;
    }

    byte[] decrypt(byte[] sealed, byte[] associated) throws AlertStoreException {
        if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new AlertStoreException("an alert's encrypted evidence is truncated: the database is damaged", null);
        }
        GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
        gcm.init(false, new AEADParameters(new KeyParameter(key), TAG_BITS, Arrays.copyOf(sealed, NONCE_BYTES), associated));
        byte[] out = new byte[gcm.getOutputSize(sealed.length - NONCE_BYTES)];
        int n = gcm.processBytes(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES, out, 0);
        try {
            gcm.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new AlertStoreException("an alert's evidence does not authenticate under its evidence key:"
                    + " the database was altered or the key is not the one it was written with", e);
        }
        return out;
    }

    void destroy() {
        Arrays.fill(key, (byte) 0);
    }
}

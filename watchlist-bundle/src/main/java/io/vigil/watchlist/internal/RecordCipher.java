package io.vigil.watchlist.internal;

import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * AES-256-GCM over one watchlist's records with its data key, through Bouncy Castle's lightweight
 * API (no JCA provider is registered: that would be process-wide state). Every record gets a fresh
 * random 96-bit nonce, stored in front of the ciphertext; the associated data binds a ciphertext to
 * the watchlist and field it belongs to, so a value copied into another row fails to decrypt.
 */
final class RecordCipher {

    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;

    private final byte[] key;
    private final SecureRandom random;

    RecordCipher(byte[] key, SecureRandom random) {
        if (key.length != 32) {
            throw new IllegalArgumentException("a watchlist data key is 256 bits, not " + key.length * 8);
        }
        this.key = key.clone();
        this.random = random;
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

    byte[] decrypt(byte[] sealed, byte[] associated) throws WatchlistException {
        if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new WatchlistException("an encrypted record is truncated: the database is damaged");
        }
        GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
        gcm.init(false, new AEADParameters(new KeyParameter(key), TAG_BITS,
                Arrays.copyOf(sealed, NONCE_BYTES), associated));
        byte[] out = new byte[gcm.getOutputSize(sealed.length - NONCE_BYTES)];
        int n = gcm.processBytes(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES, out, 0);
        try {
            gcm.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new WatchlistException("an encrypted record does not authenticate under its watchlist's key:"
                    + " the database was altered or the key is not the one it was written with");
        }
        return out;
    }

    /** The nonce of a sealed record (tests check nonces never repeat). */
    static byte[] nonceOf(byte[] sealed) {
        return Arrays.copyOf(sealed, NONCE_BYTES);
    }

    void destroy() {
        Arrays.fill(key, (byte) 0);
    }
}

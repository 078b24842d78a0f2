package io.vigil.support.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * AES-256-GCM over one stored value with a 256-bit key, through Bouncy Castle's lightweight API (no
 * JCA provider is registered: that would be process-wide state). Every value gets a fresh random
 * 96-bit nonce, stored in front of it: a sealed value is {@code nonce || ciphertext || tag}. The
 * associated data binds a sealed value to the row and field it belongs to, so a value copied into
 * another row fails to open instead of showing the wrong person. The layout is what the alert
 * evidence and watchlist records of earlier Vigil versions were written with; it never changes.
 */
public final class RecordSeal {

    public static final int NONCE_BYTES = 12;
    public static final int TAG_BITS = 128;

    /** Why a sealed value did not open. */
    public enum Refusal {
        /** shorter than a nonce and a tag: the store is damaged */
        TRUNCATED,
        /** the tag does not verify: the value was altered, moved, or sealed under another key */
        NOT_AUTHENTIC
    }

    private final byte[] key;
    private final SecureRandom random;

    /**
     * @param key     256 bits; copied, and zeroed by {@link #destroy}
     * @param keyName what the key is, for the error on a wrong length ("an evidence key")
     */
    public RecordSeal(byte[] key, SecureRandom random, String keyName) {
        if (key.length != 32) {
            throw new IllegalArgumentException(keyName + " is 256 bits, not " + key.length * 8);
        }
        this.key = key.clone();
        this.random = random;
    }

    /** nonce || ciphertext || tag */
    public byte[] seal(byte[] plain, byte[] associated) {
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

    /** Makes the owning bundle's exception for a value that does not open, worded for its records. */
    public interface Refused<E extends Exception> {
        E because(Refusal refusal);
    }

    /** The plain value; a value that does not open is the caller's error {@code E}. */
    public <E extends Exception> byte[] open(byte[] sealed, byte[] associated, Refused<E> refused) throws E {
        if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            throw refused.because(Refusal.TRUNCATED);
        }
        GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
        gcm.init(false, new AEADParameters(new KeyParameter(key), TAG_BITS, nonceOf(sealed), associated));
        byte[] out = new byte[gcm.getOutputSize(sealed.length - NONCE_BYTES)];
        int n = gcm.processBytes(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES, out, 0);
        try {
            gcm.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            Arrays.fill(out, (byte) 0);
            throw refused.because(Refusal.NOT_AUTHENTIC);
        }
        return out;
    }

    /** The nonce of a sealed value (tests check nonces never repeat). */
    public static byte[] nonceOf(byte[] sealed) {
        return Arrays.copyOf(sealed, NONCE_BYTES);
    }

    public void destroy() {
        Arrays.fill(key, (byte) 0);
    }
}

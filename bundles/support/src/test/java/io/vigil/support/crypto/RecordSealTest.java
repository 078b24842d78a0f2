package io.vigil.support.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecordSealTest {

    /** The key and nonces the known answers below were written with. */
    static byte[] key() {
        byte[] key = new byte[32];
        for (int i = 0; i < 32; i++) {
            key[i] = (byte) (i * 7 + 1);
        }
        return key;
    }

    /** Always the same nonce (a0 a1 ... ab): only to reproduce the known answers. */
    static final class FixedNonces extends SecureRandom {
        @Override
        public void nextBytes(byte[] bytes) {
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (0xA0 + i);
            }
        }
    }

    static final class Refused extends Exception {
        final RecordSeal.Refusal refusal;

        Refused(RecordSeal.Refusal refusal) {
            super(refusal.name());
            this.refusal = refusal;
        }
    }

    /** Written by the watchlist bundle's RecordCipher of fbf4344 (before this library) with the key above. */
    static final String OLD_WATCHLIST_RECORD =
            "a0a1a2a3a4a5a6a7a8a9aaab1b1e89f587c163cc7bd957727db6aa56af6f2786f43a5625c9c5d60f";
    static final byte[] OLD_ASSOCIATED = "vigil.watchlist/1/P-123/name".getBytes(StandardCharsets.UTF_8);

    @Test
    void opensWhatTheEarlierCipherWroteAndWritesTheSameBytes() throws Refused {
        byte[] old = HexFormat.of().parseHex(OLD_WATCHLIST_RECORD);
        RecordSeal seal = new RecordSeal(key(), new FixedNonces(), "a test key");
        assertEquals("Jane Example", new String(seal.open(old, OLD_ASSOCIATED, Refused::new), StandardCharsets.UTF_8));
        assertArrayEquals(old, seal.seal("Jane Example".getBytes(StandardCharsets.UTF_8), OLD_ASSOCIATED),
                "the layout nonce || ciphertext || tag is unchanged");
    }

    @Test
    void aValueMovedAlteredOrTruncatedDoesNotOpen() {
        RecordSeal seal = new RecordSeal(key(), new SecureRandom(), "a test key");
        byte[] sealed = seal.seal(new byte[] {1, 2, 3}, OLD_ASSOCIATED);
        Refused moved = assertThrows(Refused.class,
                () -> seal.open(sealed, "vigil.watchlist/2/P-123/name".getBytes(StandardCharsets.UTF_8), Refused::new));
        assertEquals(RecordSeal.Refusal.NOT_AUTHENTIC, moved.refusal);
        byte[] altered = sealed.clone();
        altered[RecordSeal.NONCE_BYTES] ^= 1;
        assertEquals(RecordSeal.Refusal.NOT_AUTHENTIC,
                assertThrows(Refused.class, () -> seal.open(altered, OLD_ASSOCIATED, Refused::new)).refusal);
        byte[] truncated = Arrays.copyOf(sealed, RecordSeal.NONCE_BYTES + 15);
        assertEquals(RecordSeal.Refusal.TRUNCATED,
                assertThrows(Refused.class, () -> seal.open(truncated, OLD_ASSOCIATED, Refused::new)).refusal);
        RecordSeal other = new RecordSeal(new byte[32], new SecureRandom(), "a test key");
        assertEquals(RecordSeal.Refusal.NOT_AUTHENTIC,
                assertThrows(Refused.class, () -> other.open(sealed, OLD_ASSOCIATED, Refused::new)).refusal);
    }

    @Test
    void everyValueGetsItsOwnNonce() {
        RecordSeal seal = new RecordSeal(key(), new SecureRandom(), "a test key");
        Set<String> nonces = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            nonces.add(HexFormat.of().formatHex(RecordSeal.nonceOf(seal.seal(new byte[0], OLD_ASSOCIATED))));
        }
        assertEquals(1000, nonces.size());
    }

    @Test
    void aKeyOfTheWrongLengthIsRefusedAndADestroyedKeyIsZero() throws Refused {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RecordSeal(new byte[16], new SecureRandom(), "an evidence key"));
        assertEquals("an evidence key is 256 bits, not 128", e.getMessage());
        byte[] key = key();
        RecordSeal seal = new RecordSeal(key, new SecureRandom(), "a test key");
        byte[] sealed = seal.seal(new byte[] {9}, OLD_ASSOCIATED);
        assertFalse(Arrays.equals(new byte[32], key), "the caller's array is copied, not kept");
        seal.destroy();
        assertThrows(Refused.class, () -> seal.open(sealed, OLD_ASSOCIATED, Refused::new),
                "after destroy the key is gone");
    }
}

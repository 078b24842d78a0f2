package io.vigil.watchlist.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class RecordCipherTest {

    /** A name sealed by this bundle's RecordCipher of fbf4344 (before the support library). */
    static final String OLD_NAME = "a0a1a2a3a4a5a6a7a8a9aaab1b1e89f587c163cc7bd957727db6aa56af6f2786f43a5625c9c5d60f";

    @Test
    void recordsWrittenByTheEarlierCipherStillOpen() throws WatchlistException {
        byte[] key = new byte[32];
        for (int i = 0; i < 32; i++) {
            key[i] = (byte) (i * 7 + 1);
        }
        RecordCipher cipher = new RecordCipher(key, new SecureRandom());
        byte[] old = HexFormat.of().parseHex(OLD_NAME);
        byte[] aad = "vigil.watchlist/1/P-123/name".getBytes(StandardCharsets.UTF_8);
        assertEquals("Jane Example", new String(cipher.decrypt(old, aad), StandardCharsets.UTF_8));
        WatchlistException moved = assertThrows(WatchlistException.class,
                () -> cipher.decrypt(old, "vigil.watchlist/1/P-124/name".getBytes(StandardCharsets.UTF_8)));
        assertTrue(moved.getMessage().contains("does not authenticate"), moved.getMessage());
    }
}

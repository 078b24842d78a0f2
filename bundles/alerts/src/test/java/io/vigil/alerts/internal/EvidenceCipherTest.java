package io.vigil.alerts.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.alert.AlertStoreException;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class EvidenceCipherTest {

    /** Evidence sealed by this bundle's EvidenceCipher of fbf4344 (before the support library). */
    static final String OLD_FACE_CROP = "a0a1a2a3a4a5a6a7a8a9aaabaea71891a5878166b92f743d1433ba3d8b51f096c3c6";

    static byte[] key() {
        byte[] key = new byte[32];
        for (int i = 0; i < 32; i++) {
            key[i] = (byte) (i * 7 + 1);
        }
        return key;
    }

    @Test
    void evidenceWrittenByTheEarlierCipherStillOpens() throws AlertStoreException {
        AlertId id = AlertId.parse("A-42-0badcafe").orElseThrow();
        EvidenceCipher cipher = new EvidenceCipher(key(), new SecureRandom());
        byte[] old = HexFormat.of().parseHex(OLD_FACE_CROP);
        assertArrayEquals(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3},
                cipher.decrypt(old, EvidenceCipher.associated(id, "face-crop")));
        AlertStoreException moved = assertThrows(AlertStoreException.class,
                () -> cipher.decrypt(old, EvidenceCipher.associated(id, "frame-region")));
        assertTrue(moved.getMessage().contains("does not authenticate"), moved.getMessage());
        AlertStoreException cut = assertThrows(AlertStoreException.class,
                () -> cipher.decrypt(new byte[20], EvidenceCipher.associated(id, "face-crop")));
        assertTrue(cut.getMessage().contains("truncated"), cut.getMessage());
    }
}

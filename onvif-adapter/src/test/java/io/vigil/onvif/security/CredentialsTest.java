package io.vigil.onvif.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class CredentialsTest {

    @Test
    void toStringShowsTheUserAndHidesThePassword() {
        Credentials credentials = new Credentials("vigil", "S3cret!".toCharArray());
        assertEquals("Credentials[username=vigil, password=(hidden)]", credentials.toString());
        assertFalse(credentials.toString().contains("S3cret"));
    }

    @Test
    void thePasswordIsACopyAndDestroyOverwritesIt() {
        char[] source = "S3cret!".toCharArray();
        Credentials credentials = new Credentials("vigil", source);
        java.util.Arrays.fill(source, 'x');
        assertArrayEquals("S3cret!".getBytes(StandardCharsets.UTF_8), credentials.passwordUtf8());
        credentials.destroy();
        assertTrue(credentials.isDestroyed());
        assertThrows(IllegalStateException.class, credentials::passwordUtf8);
    }

    @Test
    void aPasswordThatIsNotUnicodeIsRefusedWithoutBeingQuoted() {
        Credentials credentials = new Credentials("vigil", new char[] {'a', '\uD800', 'b'});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, credentials::passwordUtf8);
        assertFalse(e.getMessage().contains("a\uD800b"));
    }
}

package io.vigil.onvif.security;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.security.auth.Destroyable;

/**
 * A user name and its password, as read from the secret store. The password is a copy held only
 * here; it leaves this class only as digest input inside this package, never as a string, and
 * {@link #toString()} shows the user name alone. {@link #destroy()} overwrites it.
 */
public final class Credentials implements Destroyable {

    private final String username;
    private final char[] password;
    private volatile boolean destroyed;

    /**
     * @param username the device user name (not secret; appears in messages)
     * @param password copied; the caller may clear its array afterwards
     */
    public Credentials(String username, char[] password) {
        if (username == null || username.isEmpty()) {
            throw new IllegalArgumentException("a user name is required");
        }
        if (password == null) {
            throw new IllegalArgumentException("a password is required (it may be empty)");
        }
        this.username = username;
        this.password = password.clone();
    }

    public String username() {
        return username;
    }

    /** The password as UTF-8 bytes for a digest; the caller overwrites the array after use. */
    byte[] passwordUtf8() {
        if (destroyed) {
            throw new IllegalStateException("the credentials of " + username + " were destroyed");
        }
        return utf8(password);
    }

    /** UTF-8 bytes of characters without making a String of them. */
    static byte[] utf8(char[] chars) {
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(chars));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            if (encoded.hasArray()) {
                Arrays.fill(encoded.array(), (byte) 0);
            }
            return bytes;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the password is not valid Unicode text (unpaired surrogate)");
        }
    }

    @Override
    public void destroy() {
        Arrays.fill(password, '\0');
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=(hidden)]";
    }
}

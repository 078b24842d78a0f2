package io.vigil.onvif.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * The UsernameToken PasswordDigest (WS-Security UsernameToken Profile 1.0, 3.1, which the ONVIF
 * Core specification's "Username token profile" section requires, with nonce and Created):
 * {@code Base64(SHA-1(nonce + Created + password))}, where the nonce is the raw bytes (the
 * Base64 text of {@code wsse:Nonce} decoded first), Created the exact {@code wsu:Created} text and
 * the password its UTF-8 bytes.
 */
public final class PasswordDigest {

    private PasswordDigest() {
    }

    public static String compute(byte[] nonce, String created, Credentials credentials) {
        return Base64.getEncoder().encodeToString(raw(nonce, created, credentials));
    }

    static byte[] raw(byte[] nonce, String created, Credentials credentials) {
        byte[] password = credentials.passwordUtf8();
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(nonce);
            sha1.update(created.getBytes(StandardCharsets.UTF_8));
            sha1.update(password);
            return sha1.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this Java runtime", e);
        } finally {
            Arrays.fill(password, (byte) 0);
        }
    }
}

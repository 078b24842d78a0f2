package io.vigil.onvif.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class PasswordDigestTest {

    /**
     * The worked example of the ONVIF Application Programmer's Guide (UsernameToken, PasswordDigest).
     * Checked independently in a shell:
     * <pre>
     * (printf 'LKqI6G/AikKCQrN0zqZFlg==' | base64 -d; printf '2010-09-16T07:50:45Z'; printf 'userpassword') \
     *   | openssl dgst -sha1 -binary | base64          # tuOSpGlFlIXsozq4HFNeeGeFLEI=
     * </pre>
     */
    @Test
    void applicationProgrammersGuideExample() {
        byte[] nonce = Base64.getDecoder().decode("LKqI6G/AikKCQrN0zqZFlg==");
        assertEquals("tuOSpGlFlIXsozq4HFNeeGeFLEI=",
                PasswordDigest.compute(nonce, "2010-09-16T07:50:45Z", new Credentials("user", "userpassword".toCharArray())));
    }

    /**
     * Milliseconds in Created and a non-ASCII password (hashed as UTF-8). Made with:
     * <pre>
     * (printf '000102030405060708090a0b0c0d0e0f' | xxd -r -p; printf '%s' '2026-11-27T14:50:45.123Z'; \
     *  printf '%s' 'pässwörd€') | openssl dgst -sha1 -binary | base64    # 0j+dG6YaHgfEfPal18jred2I7II=
     * </pre>
     */
    @Test
    void millisecondsAndUtf8Password() {
        byte[] nonce = new byte[16];
        for (int i = 0; i < nonce.length; i++) {
            nonce[i] = (byte) i;
        }
        assertEquals("AAECAwQFBgcICQoLDA0ODw==", Base64.getEncoder().encodeToString(nonce));
        assertEquals("0j+dG6YaHgfEfPal18jred2I7II=",
                PasswordDigest.compute(nonce, "2026-11-27T14:50:45.123Z", new Credentials("admin", "pässwörd€".toCharArray())));
    }

    @Test
    void theNonceIsHashedAsBytesNotAsItsBase64Text() {
        Credentials credentials = new Credentials("user", "userpassword".toCharArray());
        byte[] base64Text = "LKqI6G/AikKCQrN0zqZFlg==".getBytes(StandardCharsets.US_ASCII);
        assertNotEquals("tuOSpGlFlIXsozq4HFNeeGeFLEI=", PasswordDigest.compute(base64Text, "2010-09-16T07:50:45Z", credentials));
    }
}

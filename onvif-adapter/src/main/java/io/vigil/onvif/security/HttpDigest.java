package io.vigil.onvif.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The client's answer to an HTTP Digest challenge (RFC 7616, which RFC 2617 clients and the
 * Core specification's "Authentication over HTTP and HTTPS" share), computed here because the
 * JDK's HTTP client does not do Digest:
 *
 * <pre>
 * HA1      = H(username ":" realm ":" password)          -sess: H(H(...) ":" nonce ":" cnonce)
 * HA2      = H(method ":" digest-uri)                    auth-int: H(method ":" digest-uri ":" H(body))
 * response = H(HA1 ":" nonce ":" nc ":" cnonce ":" qop ":" HA2)     no qop (RFC 2069): H(HA1 ":" nonce ":" HA2)
 * </pre>
 *
 * Strings are UTF-8, hashes lower-case hex.
 */
public final class HttpDigest {

    private HttpDigest() {
    }

    /**
     * The {@code Authorization} header value.
     *
     * @param digestUri the request target exactly as sent (path and query)
     * @param body      the request body (used by {@code auth-int} only)
     * @param nc        the nonce count, 1 for the first use of this nonce
     * @param cnonce    a fresh client nonce
     */
    public static String authorization(DigestChallenge challenge, Credentials credentials, String method,
            String digestUri, byte[] body, long nc, String cnonce) {
        String ncHex = String.format("%08x", nc);
        String username = challenge.userhash()
                ? hex(challenge.algorithm(), (credentials.username() + ":" + challenge.realm()).getBytes(StandardCharsets.UTF_8))
                : credentials.username();
        StringBuilder header = new StringBuilder("Digest ");
        header.append("username=").append(quote(username));
        header.append(", realm=").append(quote(challenge.realm()));
        header.append(", nonce=").append(quote(challenge.nonce()));
        header.append(", uri=").append(quote(digestUri));
        header.append(", algorithm=").append(challenge.algorithm().token());
        header.append(", response=").append(quote(response(challenge, credentials, method, digestUri, body, ncHex, cnonce)));
        if (challenge.qop() != null) {
            header.append(", qop=").append(challenge.qop());
            header.append(", nc=").append(ncHex);
            header.append(", cnonce=").append(quote(cnonce));
        }
        if (challenge.opaque() != null) {
            header.append(", opaque=").append(quote(challenge.opaque()));
        }
        if (challenge.userhash()) {
            header.append(", userhash=true");
        }
        return header.toString();
    }

    /** The {@code response} value. */
    static String response(DigestChallenge challenge, Credentials credentials, String method, String digestUri,
            byte[] body, String ncHex, String cnonce) {
        DigestAlgorithm algorithm = challenge.algorithm();
        String ha1 = ha1(algorithm, credentials, challenge.realm());
        if (algorithm.session()) {
            ha1 = hex(algorithm, utf8(ha1 + ":" + challenge.nonce() + ":" + cnonce));
        }
        String a2 = method + ":" + digestUri;
        if ("auth-int".equals(challenge.qop())) {
            a2 = a2 + ":" + hex(algorithm, body);
        }
        String ha2 = hex(algorithm, utf8(a2));
        String data = challenge.qop() == null
                ? challenge.nonce() + ":" + ha2
                : challenge.nonce() + ":" + ncHex + ":" + cnonce + ":" + challenge.qop() + ":" + ha2;
        return hex(algorithm, utf8(ha1 + ":" + data));
    }

    private static String ha1(DigestAlgorithm algorithm, Credentials credentials, String realm) {
        byte[] password = credentials.passwordUtf8();
        try {
            MessageDigest digest = digest(algorithm);
            digest.update(utf8(credentials.username() + ":" + realm + ":"));
            digest.update(password);
            return HexFormat.of().formatHex(digest.digest());
        } finally {
            Arrays.fill(password, (byte) 0);
        }
    }

    private static String hex(DigestAlgorithm algorithm, byte[] data) {
        return HexFormat.of().formatHex(digest(algorithm).digest(data));
    }

    private static MessageDigest digest(DigestAlgorithm algorithm) {
        try {
            return MessageDigest.getInstance(algorithm.javaName());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm.javaName() + " is missing from this Java runtime", e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** An RFC 7230 quoted-string. */
    private static String quote(String value) {
        StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n') {
                throw new IllegalArgumentException("line break in an HTTP Digest parameter");
            }
            if (c == '"' || c == '\\') {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.append('"').toString();
    }
}

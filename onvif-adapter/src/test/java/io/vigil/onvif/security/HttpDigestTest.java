package io.vigil.onvif.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Known answers from RFC 7616, 3.9.1 and RFC 2617, 3.5; the variants RFC 7616 gives no example
 * for were computed in a shell with openssl, for instance MD5-sess:
 * <pre>
 * H(){ printf '%s' "$1" | openssl dgst -$2 -r | cut -d' ' -f1; }
 * N=7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v; C=f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ
 * HA1=$(H "$(H "Mufasa:http-auth@example.org:Circle of Life" md5):$N:$C" md5); HA2=$(H "GET:/dir/index.html" md5)
 * H "$HA1:$N:00000001:$C:auth:$HA2" md5      # e783283f46242139c486a698fec7211d
 * </pre>
 */
@Timeout(10)
class HttpDigestTest {

    private static final Credentials MUFASA = new Credentials("Mufasa", "Circle of Life".toCharArray());
    private static final String NONCE = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    private static final String CNONCE = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
    private static final String OPAQUE = "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS";
    private static final String REALM = "http-auth@example.org";

    private static DigestChallenge challenge(DigestAlgorithm algorithm, String qop) {
        return new DigestChallenge(REALM, NONCE, OPAQUE, algorithm, qop, false, false);
    }

    private static String response(DigestChallenge challenge, String method, String uri, byte[] body) {
        return HttpDigest.response(challenge, MUFASA, method, uri, body, "00000001", CNONCE);
    }

    @Test
    void rfc7616Md5AndSha256() {
        assertEquals("8ca523f5e9506fed4657c9700eebdbec", response(challenge(DigestAlgorithm.MD5, "auth"), "GET", "/dir/index.html", new byte[0]));
        assertEquals("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1",
                response(challenge(DigestAlgorithm.SHA_256, "auth"), "GET", "/dir/index.html", new byte[0]));
    }

    @Test
    void rfc2617Example() {
        DigestChallenge challenge = new DigestChallenge("testrealm@host.com", "dcd98b7102dd2f0e8b11d0f600bfb0c093",
                "5ccc069c403ebaf9f0171e9517f40e41", DigestAlgorithm.MD5, "auth", false, false);
        assertEquals("6629fae49393a05397450978507c4ef1", HttpDigest.response(challenge,
                new Credentials("Mufasa", "Circle Of Life".toCharArray()), "GET", "/dir/index.html", new byte[0], "00000001", "0a4f113b"));
    }

    @Test
    void sessionAuthIntAndLegacyVariants() {
        assertEquals("e783283f46242139c486a698fec7211d", response(challenge(DigestAlgorithm.MD5_SESS, "auth"), "GET", "/dir/index.html", new byte[0]));
        assertEquals("7b2cc3b30e75b4777ea31027084363fd", response(challenge(DigestAlgorithm.MD5, null), "GET", "/dir/index.html", new byte[0]));
        assertEquals("6ced0ea72969afe42b830435aa5ca9bd", response(challenge(DigestAlgorithm.MD5, "auth-int"), "POST",
                "/onvif/device_service", "<x/>".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void authorizationHeaderCarriesEverythingTheServerNeedsAndNoPassword() {
        String header = HttpDigest.authorization(challenge(DigestAlgorithm.SHA_256, "auth"), MUFASA, "GET", "/dir/index.html",
                new byte[0], 1, CNONCE);
        Map<String, String> parameters = AuthChallenge.parse(List.of(header)).get(0).parameters();
        assertTrue(header.startsWith("Digest "), header);
        assertEquals("Mufasa", parameters.get("username"));
        assertEquals(REALM, parameters.get("realm"));
        assertEquals(NONCE, parameters.get("nonce"));
        assertEquals("/dir/index.html", parameters.get("uri"));
        assertEquals("SHA-256", parameters.get("algorithm"));
        assertEquals("auth", parameters.get("qop"));
        assertEquals("00000001", parameters.get("nc"));
        assertEquals(CNONCE, parameters.get("cnonce"));
        assertEquals(OPAQUE, parameters.get("opaque"));
        assertEquals("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", parameters.get("response"));
        assertFalse(header.contains("Circle of Life"));
    }

    @Test
    void userhashSendsTheHashedName() {
        DigestChallenge challenge = new DigestChallenge(REALM, NONCE, null, DigestAlgorithm.SHA_256, "auth", false, true);
        Map<String, String> parameters = AuthChallenge.parse(List.of(
                HttpDigest.authorization(challenge, MUFASA, "GET", "/", new byte[0], 1, CNONCE))).get(0).parameters();
        // printf '%s' 'Mufasa:http-auth@example.org' | sha256sum
        assertEquals("a947aad205e80e429958a387394944c6b496301e79f89d35a4cc23b6ee12b5b6", parameters.get("username"));
        assertEquals("true", parameters.get("userhash"));
    }

    @Test
    void challengesAreParsedInOrderAcrossAndWithinHeaders() {
        List<AuthChallenge> challenges = AuthChallenge.parse(List.of(
                "Basic realm=\"cam\", Digest realm=\"Silvan_http_digest\", qop=\"auth,auth-int\", "
                        + "nonce=\"62d82aa9ca59e3a04cd1\", opaque=\"5b6ea228\", algorithm=SHA-256, stale=TRUE",
                "Digest algorithm=MD5, realm=\"with \\\"quotes\\\", and commas\", qop=\"auth\", nonce=\"n2\"",
                "Negotiate YIIBWAYGKwYBBQUCoIIBTDCCAUigGjAY==, Bearer"));
        assertEquals(List.of("Basic", "Digest", "Digest", "Negotiate", "Bearer"), challenges.stream().map(AuthChallenge::scheme).toList());
        assertEquals("cam", challenges.get(0).parameter("realm"));
        assertEquals("with \"quotes\", and commas", challenges.get(2).parameter("realm"));

        DigestChallenge chosen = DigestChallenge.choose(challenges).orElseThrow();
        assertEquals(DigestAlgorithm.SHA_256, chosen.algorithm(), "the device's first supported challenge");
        assertEquals("auth", chosen.qop());
        assertEquals("5b6ea228", chosen.opaque());
        assertTrue(chosen.stale());
    }

    @Test
    void unsupportedChallengesAreSkipped() {
        List<AuthChallenge> challenges = AuthChallenge.parse(List.of(
                "Digest realm=\"r\", nonce=\"a\", algorithm=SHA-1024",
                "Digest realm=\"r\", nonce=\"b\", qop=\"auth-conf\"",
                "Digest realm=\"r\"",
                "Digest realm=\"r\", nonce=\"c\""));
        DigestChallenge chosen = DigestChallenge.choose(challenges).orElseThrow();
        assertEquals("c", chosen.nonce());
        assertEquals(DigestAlgorithm.MD5, chosen.algorithm(), "no algorithm means MD5");
        assertNull(chosen.qop(), "no qop: RFC 2069 answer");
        assertTrue(DigestChallenge.choose(AuthChallenge.parse(List.of("Basic realm=\"x\""))).isEmpty());
        assertTrue(AuthChallenge.parse(List.of("", ",,,", "=", "\"")).stream().allMatch(c -> c.parameters().isEmpty()));
    }
}

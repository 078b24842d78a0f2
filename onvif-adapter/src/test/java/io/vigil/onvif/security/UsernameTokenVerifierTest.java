package io.vigil.onvif.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.onvif.security.TokenRejectedException.Reason;
import io.vigil.onvif.soap.EmptyElement;
import io.vigil.onvif.soap.Namespaces;
import io.vigil.onvif.soap.ReceivedEnvelope;
import io.vigil.onvif.soap.SoapEnvelope;
import io.vigil.onvif.soap.SoapReader;
import io.vigil.onvif.xml.XmlWritable;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class UsernameTokenVerifierTest {

    private static final String PASSWORD = "c4mera-Pässwörd!";
    private static final Instant DEVICE_NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final String S = Namespaces.SOAP;
    private static final String WSSE = Namespaces.WSSE;
    private static final String WSU = Namespaces.WSU;

    private final SoapReader reader = new SoapReader();
    private final PasswordLookup users = name -> Optional.ofNullable(Map.of("admin", PASSWORD).get(name))
            .map(password -> new Credentials(name, password.toCharArray()));
    private final UsernameTokenVerifier verifier =
            new UsernameTokenVerifier(UsernameTokenVerifier.Options.DEFAULTS, Clock.fixed(DEVICE_NOW, ZoneOffset.UTC));

    private ReceivedEnvelope request(XmlWritable... headers) throws Exception {
        return reader.read(SoapEnvelope.of(new EmptyElement(Namespaces.tds("GetDeviceInformation")), headers).toBytes());
    }

    private ReceivedEnvelope request(String securityHeader) throws Exception {
        return reader.read(("<s:Envelope xmlns:s='" + S + "' xmlns:wsse='" + WSSE + "' xmlns:wsu='" + WSU + "'><s:Header>"
                + securityHeader + "</s:Header><s:Body><GetDeviceInformation xmlns='" + Namespaces.TDS + "'/></s:Body></s:Envelope>")
                .getBytes(StandardCharsets.UTF_8));
    }

    /** A client whose clock reads {@code clientNow}. */
    private static UsernameToken token(String user, String password, Instant clientNow, ClockOffset offset) {
        return new UsernameTokenFactory(new SecureRandom(), Clock.fixed(clientNow, ZoneOffset.UTC))
                .create(new Credentials(user, password.toCharArray()), offset);
    }

    private Reason rejection(ReceivedEnvelope request) {
        return assertThrows(TokenRejectedException.class, () -> verifier.verify(request, users)).reason();
    }

    @Test
    void theRightPasswordIsAccepted() throws Exception {
        assertEquals("admin", verifier.verify(request(token("admin", PASSWORD, DEVICE_NOW, ClockOffset.NONE)), users));
    }

    @Test
    void theApplicationProgrammersGuideTokenIsAcceptedAtItsTime() throws Exception {
        UsernameTokenVerifier then = new UsernameTokenVerifier(UsernameTokenVerifier.Options.DEFAULTS,
                Clock.fixed(Instant.parse("2010-09-16T07:52:00Z"), ZoneOffset.UTC));
        ReceivedEnvelope request = request("<wsse:Security s:mustUnderstand='true'><wsse:UsernameToken>"
                + "<wsse:Username>user</wsse:Username>"
                + "<wsse:Password Type='" + WsSecurity.PASSWORD_DIGEST + "'>tuOSpGlFlIXsozq4HFNeeGeFLEI=</wsse:Password>"
                + "<wsse:Nonce>LKqI6G/AikKCQrN0zqZFlg==</wsse:Nonce>"
                + "<wsu:Created>2010-09-16T07:50:45Z</wsu:Created></wsse:UsernameToken></wsse:Security>");
        assertEquals("user", then.verify(request, name -> Optional.of(new Credentials(name, "userpassword".toCharArray()))));
    }

    @Test
    void aWrongPasswordOrUnknownUserIsRefused() throws Exception {
        assertEquals(Reason.WRONG_PASSWORD, rejection(request(token("admin", "guess", DEVICE_NOW, ClockOffset.NONE))));
        assertEquals(Reason.UNKNOWN_USER, rejection(request(token("root", PASSWORD, DEVICE_NOW, ClockOffset.NONE))));
    }

    @Test
    void aReplayedNonceIsRefusedWithinTheWindow() throws Exception {
        ReceivedEnvelope request = request(token("admin", PASSWORD, DEVICE_NOW, ClockOffset.NONE));
        assertEquals("admin", verifier.verify(request, users));
        TokenRejectedException e = assertThrows(TokenRejectedException.class, () -> verifier.verify(request, users));
        assertEquals(Reason.REPLAYED, e.reason());
        assertTrue(e.getMessage().contains("already used"), e.getMessage());
    }

    @Test
    void aReplayWithAWrongDigestDoesNotSpendTheNonce() throws Exception {
        UsernameToken good = token("admin", PASSWORD, DEVICE_NOW, ClockOffset.NONE);
        UsernameToken forged = new UsernameToken("admin", Base64.getEncoder().encodeToString(new byte[20]), good.nonce(), good.created());
        assertEquals(Reason.WRONG_PASSWORD, rejection(request(forged)));
        assertEquals("admin", verifier.verify(request(good), users));
    }

    @Test
    void staleAndFutureCreatedAreRefused() throws Exception {
        assertEquals(Reason.STALE, rejection(request(token("admin", PASSWORD, DEVICE_NOW.minus(Duration.ofMinutes(6)), ClockOffset.NONE))));
        assertEquals(Reason.FUTURE, rejection(request(token("admin", PASSWORD, DEVICE_NOW.plus(Duration.ofMinutes(6)), ClockOffset.NONE))));
        // the edges of the ±5 min window are inside it
        assertEquals("admin", verifier.verify(request(token("admin", PASSWORD, DEVICE_NOW.minus(Duration.ofMinutes(5)), ClockOffset.NONE)), users));
        assertEquals("admin", verifier.verify(request(token("admin", PASSWORD, DEVICE_NOW.plus(Duration.ofMinutes(5)), ClockOffset.NONE)), users));
        TokenRejectedException e = assertThrows(TokenRejectedException.class, () -> verifier.verify(
                request(token("admin", PASSWORD, DEVICE_NOW.minus(Duration.ofHours(1)), ClockOffset.NONE)), users));
        assertTrue(e.getMessage().contains("3600 s before"), e.getMessage());
        assertFalse(e.getMessage().contains(PASSWORD));
    }

    @Test
    void aClientTenMinutesBehindAuthenticatesOnceItAppliesTheOffset() throws Exception {
        Instant clientNow = DEVICE_NOW.minus(Duration.ofMinutes(10));
        assertEquals(Reason.STALE, rejection(request(token("admin", PASSWORD, clientNow, ClockOffset.NONE))));
        ClockOffset learned = ClockOffset.measure(DEVICE_NOW, clientNow.minusMillis(50), clientNow.plusMillis(50));
        assertEquals("admin", verifier.verify(request(token("admin", PASSWORD, clientNow, learned)), users));
    }

    @Test
    void theWindowIsConfigurable() throws Exception {
        UsernameTokenVerifier strict = new UsernameTokenVerifier(new UsernameTokenVerifier.Options(Duration.ofSeconds(30), 100),
                Clock.fixed(DEVICE_NOW, ZoneOffset.UTC));
        ReceivedEnvelope request = request(token("admin", PASSWORD, DEVICE_NOW.minus(Duration.ofMinutes(1)), ClockOffset.NONE));
        assertEquals(Reason.STALE, assertThrows(TokenRejectedException.class, () -> strict.verify(request, users)).reason());
    }

    @Test
    void missingOrGarbledTokensAreRefused() throws Exception {
        UsernameToken good = token("admin", PASSWORD, DEVICE_NOW, ClockOffset.NONE);
        String password = "<wsse:Password Type='" + WsSecurity.PASSWORD_DIGEST + "'>" + good.passwordDigest() + "</wsse:Password>";
        String nonce = "<wsse:Nonce>" + good.nonce() + "</wsse:Nonce>";
        String created = "<wsu:Created>" + good.created() + "</wsu:Created>";
        String user = "<wsse:Username>admin</wsse:Username>";

        assertEquals(Reason.MISSING, rejection(request()));
        assertEquals(Reason.MISSING, rejection(request("<wsse:Security/>")));
        assertEquals(Reason.MALFORMED, rejection(request(wrap(password + nonce + created))));
        assertEquals(Reason.MALFORMED, rejection(request(wrap(user + nonce + created))));
        assertEquals(Reason.MALFORMED, rejection(request(wrap(user + password + created))));
        assertEquals(Reason.MALFORMED, rejection(request(wrap(user + password + nonce))));
        assertEquals(Reason.MALFORMED, rejection(request(wrap(user + password + "<wsse:Nonce>not base64!</wsse:Nonce>" + created))));
        assertEquals(Reason.MALFORMED, rejection(request(wrap(user + password + nonce + "<wsu:Created>yesterday</wsu:Created>"))));
        assertEquals(Reason.MALFORMED, rejection(request(wrap(user + password + nonce + created + created))));
        assertEquals(Reason.MALFORMED, rejection(request(wrap(user + password + nonce + created) + wrap(user + password + nonce + created))));
        assertEquals(Reason.MALFORMED, rejection(request(wrap(user + password + nonce + created).repeat(2).replace("</wsse:Security><wsse:Security>", ""))));
        assertEquals(Reason.UNSUPPORTED_PASSWORD_TYPE, rejection(request(wrap(user
                + "<wsse:Password Type='" + WsSecurity.PASSWORD_TEXT + "'>" + PASSWORD + "</wsse:Password>" + nonce + created))));
        assertEquals(Reason.UNSUPPORTED_PASSWORD_TYPE, rejection(request(wrap(user
                + "<wsse:Password>" + good.passwordDigest() + "</wsse:Password>" + nonce + created))));
        // and the intact parts, written by hand, are accepted: the header shape is not tied to Vigil's writer
        assertEquals("admin", verifier.verify(request(wrap(user + password + nonce + created)), users));
    }

    @Test
    void createdInTheWsseNamespaceAndWithoutMillisecondsIsAccepted() throws Exception {
        String created = "2026-11-27T12:01:00Z";
        byte[] nonce = new byte[] {1, 2, 3, 4, 5, 6, 7, 8};
        String digest = PasswordDigest.compute(nonce, created, new Credentials("admin", PASSWORD.toCharArray()));
        assertEquals("admin", verifier.verify(request(wrap("<wsse:Username>admin</wsse:Username><wsse:Password Type='"
                + WsSecurity.PASSWORD_DIGEST + "'>" + digest + "</wsse:Password><wsse:Nonce>" + Base64.getEncoder().encodeToString(nonce)
                + "</wsse:Nonce><wsse:Created>" + created + "</wsse:Created>")), users));
    }

    @Test
    void theReplayCacheIsBoundedAndForgetsExpiredNonces() {
        ReplayCache cache = new ReplayCache(3);
        Instant now = DEVICE_NOW;
        for (int i = 0; i < 10; i++) {
            assertTrue(cache.register("n" + i, now.plusSeconds(60), now));
        }
        assertEquals(3, cache.size());
        assertFalse(cache.register("n9", now.plusSeconds(60), now));
        assertTrue(cache.register("n9", now.plusSeconds(200), now.plusSeconds(61)), "expired entries are forgotten");
        assertEquals(1, cache.size());
    }

    private static String wrap(String tokenContent) {
        return "<wsse:Security><wsse:UsernameToken>" + tokenContent + "</wsse:UsernameToken></wsse:Security>";
    }
}

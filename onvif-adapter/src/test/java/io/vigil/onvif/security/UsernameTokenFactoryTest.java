package io.vigil.onvif.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.onvif.soap.EmptyElement;
import io.vigil.onvif.soap.Namespaces;
import io.vigil.onvif.soap.ReceivedEnvelope;
import io.vigil.onvif.soap.SoapEnvelope;
import io.vigil.onvif.soap.SoapReader;
import io.vigil.onvif.soap.WsAddressing;
import io.vigil.onvif.xml.Dom;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.w3c.dom.Element;

@Timeout(10)
class UsernameTokenFactoryTest {

    private static final String PASSWORD = "Pa55-w0rd<&>\"'";
    private static final Instant NOW = Instant.parse("2026-11-27T14:50:45.123456Z");

    private final Credentials credentials = new Credentials("vigil", PASSWORD.toCharArray());
    private final UsernameTokenFactory factory = new UsernameTokenFactory(new SecureRandom(), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void everyTokenHasAFresh16ByteNonce() {
        Set<String> nonces = new HashSet<>();
        Set<String> digests = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            UsernameToken token = factory.create(credentials, ClockOffset.NONE);
            assertEquals(16, Base64.getDecoder().decode(token.nonce()).length);
            nonces.add(token.nonce());
            digests.add(token.passwordDigest());
        }
        assertEquals(1000, nonces.size());
        assertEquals(1000, digests.size(), "same Created, different nonce: different digest");
    }

    @Test
    void createdIsUtcWithMillisecondsAndFollowsTheDevicesClock() {
        UsernameToken token = factory.create(credentials, ClockOffset.NONE);
        assertEquals("2026-11-27T14:50:45.123Z", token.created());
        UsernameToken ahead = factory.create(credentials, new ClockOffset(Duration.ofMinutes(10)));
        assertEquals("2026-11-27T15:00:45.123Z", ahead.created());
        UsernameToken behind = factory.create(credentials, new ClockOffset(Duration.ofHours(-3)));
        assertEquals("2026-11-27T11:50:45.123Z", behind.created());
        assertEquals("2026-01-02T03:04:05.000Z", UsernameTokenFactory.formatCreated(Instant.parse("2026-01-02T03:04:05Z")));
    }

    @Test
    void theDigestIsOverTheNonceAndCreatedThatAreSent() {
        UsernameToken token = factory.create(credentials, ClockOffset.NONE);
        assertEquals(token.passwordDigest(),
                PasswordDigest.compute(Base64.getDecoder().decode(token.nonce()), token.created(), credentials));
    }

    @Test
    void theSecurityHeaderIsWhatCamerasExpect() throws Exception {
        UsernameToken token = factory.create(credentials, ClockOffset.NONE);
        ReceivedEnvelope read = new SoapReader().read(SoapEnvelope.of(new EmptyElement(Namespaces.tds("GetDeviceInformation")),
                WsAddressing.request("http://www.onvif.org/ver10/device/wsdl/GetDeviceInformation", "http://192.0.2.1/onvif/device_service"),
                token).toBytes());
        Element security = read.header(Namespaces.WSSE, "Security").orElseThrow();
        assertEquals("1", security.getAttributeNS(Namespaces.SOAP, "mustUnderstand"));
        Element usernameToken = Dom.child(security, Namespaces.WSSE, "UsernameToken").orElseThrow();
        assertEquals("vigil", Dom.text(Dom.child(usernameToken, Namespaces.WSSE, "Username").orElseThrow()));
        Element password = Dom.child(usernameToken, Namespaces.WSSE, "Password").orElseThrow();
        assertEquals(WsSecurity.PASSWORD_DIGEST, password.getAttribute("Type"));
        assertEquals(token.passwordDigest(), Dom.text(password));
        Element nonce = Dom.child(usernameToken, Namespaces.WSSE, "Nonce").orElseThrow();
        assertEquals(WsSecurity.BASE64_BINARY, nonce.getAttribute("EncodingType"));
        assertEquals(token.nonce(), Dom.text(nonce));
        assertEquals(token.created(), Dom.text(Dom.child(usernameToken, Namespaces.WSU, "Created").orElseThrow()));
    }

    @Test
    void thePasswordNeverAppearsInTheEnvelopeOrInToStrings() {
        UsernameToken token = factory.create(credentials, ClockOffset.NONE);
        String envelope = new String(SoapEnvelope.of(new EmptyElement(Namespaces.tds("GetDeviceInformation")), token).toBytes(),
                StandardCharsets.UTF_8);
        for (String form : new String[] {PASSWORD, "Pa55-w0rd", "Pa55-w0rd&lt;&amp;&gt;",
                Base64.getEncoder().encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8))}) {
            assertFalse(envelope.contains(form), form);
            assertFalse(token.toString().contains(form), form);
            assertFalse(credentials.toString().contains(form), form);
        }
        assertFalse(token.toString().contains(token.passwordDigest()), "the digest is replayable: not in toString");
        assertTrue(token.toString().contains("vigil"));
    }

    @Test
    void clockOffsetIsMeasuredAgainstTheMiddleOfTheExchange() {
        Instant sent = Instant.parse("2026-11-27T12:00:00Z");
        Instant received = sent.plusMillis(400);
        ClockOffset offset = ClockOffset.measure(Instant.parse("2026-11-27T12:10:00Z"), sent, received);
        assertEquals(Duration.ofMinutes(10).minusMillis(200), offset.value());
        assertEquals(Instant.parse("2026-11-27T12:10:00Z"), offset.apply(sent.plusMillis(200)));
    }
}

package io.vigil.onvif.internal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.onvif.internal.LoopbackServer;
import io.vigil.onvif.message.SystemDateAndTime;
import io.vigil.onvif.security.ClockOffset;
import io.vigil.onvif.security.Credentials;
import io.vigil.onvif.security.HttpDigestVerifier;
import io.vigil.onvif.security.PasswordLookup;
import io.vigil.onvif.security.TokenRejectedException;
import io.vigil.onvif.security.UsernameTokenVerifier;
import io.vigil.onvif.soap.Namespaces;
import io.vigil.onvif.soap.NotAuthorizedException;
import io.vigil.onvif.soap.ReceivedEnvelope;
import io.vigil.onvif.soap.SoapEnvelope;
import io.vigil.onvif.soap.SoapReader;
import io.vigil.onvif.transport.ClientAuthentication;
import io.vigil.onvif.transport.SoapClient;
import io.vigil.onvif.transport.SoapClientOptions;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Cameras whose firmware answers every request without credentials with HTTP 401, the clock
 * call included (ONVIF Core makes GetSystemDateAndTime PRE_AUTH, but such firmware is in the
 * field): Vigil asks for the time again with the camera's credentials, WS-Security UsernameToken
 * first, HTTP Digest when the camera challenges for it. A real HTTP server on 127.0.0.1 plays the
 * camera, checking tokens and Digest answers with Vigil's own verifiers.
 */
@Timeout(20)
class LoginForTheClockTest {

    private static final String USER = "admin";
    private static final String PASSWORD = "cl0ck-Pässwörd";

    private final SoapClient soap = new SoapClient(SoapClientOptions.DEFAULTS
            .withConnectTimeout(Duration.ofSeconds(2)).withRequestTimeout(Duration.ofSeconds(5)));
    private final LoopbackServer server;

    LoginForTheClockTest() throws IOException {
        server = new LoopbackServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** How the camera's firmware authenticates; whatever fails gets 401 with its Digest challenges. */
    private enum Firmware { TOKEN_OR_DIGEST, DIGEST_ONLY }

    private void camera(Firmware firmware, Duration clockAhead) {
        Clock cameraClock = Clock.offset(Clock.systemUTC(), clockAhead);
        UsernameTokenVerifier tokens = new UsernameTokenVerifier(UsernameTokenVerifier.Options.DEFAULTS, cameraClock);
        HttpDigestVerifier digest = new HttpDigestVerifier("camera", Duration.ofMinutes(5), Clock.systemUTC(), 1000);
        PasswordLookup users = name -> USER.equals(name) ? Optional.of(new Credentials(USER, PASSWORD.toCharArray()))
                : Optional.empty();
        SoapReader reader = new SoapReader();
        server.on("/onvif/device_service", (request, exchange) -> {
            boolean authenticated = false;
            if (request.header("Authorization") != null) {
                try {
                    digest.verify(request.header("Authorization"), request.method(), users);
                    authenticated = true;
                } catch (TokenRejectedException e) {
                    // refused: the challenge again
                }
            } else if (firmware == Firmware.TOKEN_OR_DIGEST) {
                try {
                    ReceivedEnvelope envelope = reader.read(request.body());
                    tokens.verify(envelope, users);
                    authenticated = true;
                } catch (Exception e) {
                    // no token, or a refused one: the challenge
                }
            }
            if (!authenticated) {
                digest.challenges(false).forEach(c -> exchange.getResponseHeaders().add("WWW-Authenticate", c));
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            LoopbackServer.respond(exchange, 200, "application/soap+xml; charset=utf-8",
                    new SoapEnvelope(List.of(), new SystemDateAndTime(cameraClock.instant(), true)).toBytes());
        });
    }

    private DeviceClient client(ClientAuthentication auth) {
        return new DeviceClient(soap, server.uri("/onvif/device_service"), auth, Clock.systemUTC());
    }

    private static ClientAuthentication credentials(String password) {
        return ClientAuthentication.of(new Credentials(USER, password.toCharArray()));
    }

    @Test
    void aCameraThatWantsAUsernameTokenForTheClockGivesItsTimeToOne() throws Exception {
        camera(Firmware.TOKEN_OR_DIGEST, Duration.ofSeconds(90));
        ClientAuthentication auth = credentials(PASSWORD);

        ClockOffset offset = client(auth).synchroniseClock();

        assertTrue(offset.value().minusSeconds(90).abs().compareTo(Duration.ofSeconds(3)) < 0, offset.toString());
        assertEquals(offset, auth.clockOffset());
        List<LoopbackServer.Request> requests = server.requests();
        assertEquals(2, requests.size(), "first as the specification says, without credentials; then with a token");
        assertFalse(requests.get(0).bodyText().contains("UsernameToken"));
        assertNull(requests.get(0).header("Authorization"));
        assertTrue(new SoapReader().read(requests.get(1).body()).header(Namespaces.WSSE, "Security").isPresent());
        assertFalse(auth.usesHttpDigest());
    }

    @Test
    void aCameraThatWantsHttpDigestForTheClockGetsItEvenWithItsClockFarOff() throws Exception {
        // ten minutes ahead: the UsernameToken, made before the offset is known, falls outside its window
        camera(Firmware.DIGEST_ONLY, Duration.ofMinutes(10));
        ClientAuthentication auth = credentials(PASSWORD);

        ClockOffset offset = client(auth).synchroniseClock();

        assertTrue(offset.value().minusMinutes(10).abs().compareTo(Duration.ofSeconds(3)) < 0, offset.toString());
        assertTrue(auth.usesHttpDigest(), "later calls go on with HTTP Digest");
        List<LoopbackServer.Request> requests = server.requests();
        assertEquals(3, requests.size(), "without credentials, with a UsernameToken, with the Digest answer");
        assertTrue(requests.get(2).header("Authorization").startsWith("Digest "));
        requests.forEach(r -> assertFalse(r.bodyText().contains(PASSWORD) || String.valueOf(r.header("Authorization"))
                .contains(PASSWORD)));
    }

    @Test
    void aRefusedLoginSaysWhatWasTriedNotThatNoCredentialsAreConfigured() {
        camera(Firmware.TOKEN_OR_DIGEST, Duration.ZERO);

        NotAuthorizedException refused = assertThrows(NotAuthorizedException.class,
                () -> client(credentials("wrong-Pässwörd")).synchroniseClock());

        String message = refused.getMessage();
        assertFalse(message.contains("no credentials are configured"), message);
        assertTrue(message.contains("'" + USER + "'"), message);
        assertTrue(message.contains("UsernameToken") && message.contains("HTTP Digest"), message);
        for (Throwable t = refused; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains("Pässwörd"), t.toString());
        }
        assertEquals(3, server.requests().size(), "without credentials, with a token, with the Digest answer; no more");
    }

    @Test
    void withoutCredentialsTheCameraIsSaidToWantALoginEvenForTheClock() {
        camera(Firmware.TOKEN_OR_DIGEST, Duration.ZERO);

        NotAuthorizedException refused = assertThrows(NotAuthorizedException.class,
                () -> client(ClientAuthentication.none()).synchroniseClock());

        assertTrue(refused.getMessage().contains("no credentials are configured"), refused.getMessage());
        assertEquals(1, server.requests().size());
    }
}

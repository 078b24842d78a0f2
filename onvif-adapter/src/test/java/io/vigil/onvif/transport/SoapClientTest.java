package io.vigil.onvif.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import io.vigil.onvif.internal.LoopbackServer;
import io.vigil.onvif.security.ClockOffset;
import io.vigil.onvif.security.Credentials;
import io.vigil.onvif.security.PasswordLookup;
import io.vigil.onvif.security.TokenRejectedException;
import io.vigil.onvif.security.UsernameTokenVerifier;
import io.vigil.onvif.soap.ActionNotSupportedException;
import io.vigil.onvif.soap.BadRequestException;
import io.vigil.onvif.soap.EmptyElement;
import io.vigil.onvif.soap.InvalidResponseException;
import io.vigil.onvif.soap.Namespaces;
import io.vigil.onvif.soap.NotAuthorizedException;
import io.vigil.onvif.soap.OnvifException;
import io.vigil.onvif.soap.ReceivedEnvelope;
import io.vigil.onvif.soap.ResponseTooLargeException;
import io.vigil.onvif.soap.ServerErrorException;
import io.vigil.onvif.soap.SoapEnvelope;
import io.vigil.onvif.soap.SoapFault;
import io.vigil.onvif.soap.SoapReader;
import io.vigil.onvif.soap.SoapRequest;
import io.vigil.onvif.soap.TimeoutException;
import io.vigil.onvif.soap.TransportException;
import io.vigil.onvif.soap.UnreachableException;
import io.vigil.onvif.xml.Dom;
import io.vigil.onvif.xml.ForbiddenXmlException;
import io.vigil.onvif.xml.MalformedXmlException;
import io.vigil.onvif.xml.XmlLimitExceededException;
import io.vigil.onvif.xml.XmlLimits;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.w3c.dom.Element;

@Timeout(15)
class SoapClientTest {

    private static final String USER = "vigil";
    private static final String PASSWORD = "c4m-Pässwörd\"<&>";
    private static final String DEVICE_INFO = "http://www.onvif.org/ver10/device/wsdl/GetDeviceInformation";
    private static final String DATE_AND_TIME = "http://www.onvif.org/ver10/device/wsdl/GetSystemDateAndTime";
    private static final SoapRequest GET_DEVICE_INFORMATION = new SoapRequest(DEVICE_INFO, new EmptyElement(Namespaces.tds("GetDeviceInformation")));
    private static final SoapRequest GET_SYSTEM_DATE_AND_TIME = new SoapRequest(DATE_AND_TIME, new EmptyElement(Namespaces.tds("GetSystemDateAndTime")));
    private static final String SOAP_XML = "application/soap+xml; charset=utf-8";
    private static final String DEVICE_INFORMATION_RESPONSE = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\">"
            + "<SOAP-ENV:Body><tds:GetDeviceInformationResponse><tds:Manufacturer>Loopback</tds:Manufacturer>"
            + "<tds:Model>Test</tds:Model><tds:FirmwareVersion>1.0</tds:FirmwareVersion><tds:SerialNumber>1</tds:SerialNumber>"
            + "<tds:HardwareId>1</tds:HardwareId></tds:GetDeviceInformationResponse></SOAP-ENV:Body></SOAP-ENV:Envelope>";

    private final SoapReader reader = new SoapReader();
    private final PasswordLookup users = name -> USER.equals(name)
            ? Optional.of(new Credentials(name, PASSWORD.toCharArray())) : Optional.empty();
    private final SoapClient client = new SoapClient(SoapClientOptions.DEFAULTS
            .withConnectTimeout(Duration.ofSeconds(2)).withRequestTimeout(Duration.ofSeconds(3)));
    private LoopbackServer server;

    @BeforeEach
    void start() throws IOException {
        server = new LoopbackServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static ClientAuthentication vigil() {
        return ClientAuthentication.of(new Credentials(USER, PASSWORD.toCharArray()));
    }

    // ---- a device that authenticates with WS-Security UsernameToken only (Core spec: HTTP 400 + ter:NotAuthorized)

    private LoopbackServer.Handler usernameTokenDevice(UsernameTokenVerifier verifier, String answer) {
        return (request, exchange) -> {
            try {
                ReceivedEnvelope envelope = reader.read(request.body());
                verifier.verify(envelope, users);
                LoopbackServer.respond(exchange, 200, SOAP_XML, answer.getBytes(StandardCharsets.UTF_8));
            } catch (TokenRejectedException e) {
                LoopbackServer.respond(exchange, 400, SOAP_XML,
                        SoapEnvelope.of(SoapFault.sender(Namespaces.ter("NotAuthorized"), "Sender not Authorized")).toBytes());
            } catch (Exception e) {
                LoopbackServer.respond(exchange, 500, "text/plain", e.toString().getBytes(StandardCharsets.UTF_8));
            }
        };
    }

    @Test
    void aGoodAnswerIsReturnedAndTheRequestIsSoap12OverHttp() throws Exception {
        server.on("/onvif/device_service", usernameTokenDevice(new UsernameTokenVerifier(), DEVICE_INFORMATION_RESPONSE));
        URI endpoint = server.uri("/onvif/device_service");

        ReceivedEnvelope response = client.call(endpoint, GET_DEVICE_INFORMATION, vigil());

        Element body = response.requireBody(Namespaces.TDS, "GetDeviceInformationResponse");
        assertEquals("Loopback", Dom.text(Dom.child(body, Namespaces.TDS, "Manufacturer").orElseThrow()));
        LoopbackServer.Request request = server.requests().get(0);
        assertEquals("POST", request.method());
        assertEquals("application/soap+xml; charset=utf-8; action=\"" + DEVICE_INFO + "\"", request.header("Content-Type"));
        assertNull(request.header("Authorization"));
        ReceivedEnvelope sent = reader.read(request.body());
        assertEquals(DEVICE_INFO, sent.headerText(Namespaces.WSA, "Action").orElseThrow());
        assertEquals(endpoint.toString(), sent.headerText(Namespaces.WSA, "To").orElseThrow());
        assertTrue(sent.header(Namespaces.WSSE, "Security").isPresent());
        assertFalse(request.bodyText().contains("Pässwörd"));
    }

    @Test
    void eachRequestCarriesAFreshNonce() throws Exception {
        server.on("/onvif/device_service", usernameTokenDevice(new UsernameTokenVerifier(), DEVICE_INFORMATION_RESPONSE));
        ClientAuthentication auth = vigil();
        for (int i = 0; i < 3; i++) {
            client.call(server.uri("/onvif/device_service"), GET_DEVICE_INFORMATION, auth); // the device refuses reused nonces
        }
        assertEquals(3, server.requests().stream().map(r -> nonceOf(r.body())).distinct().count());
    }

    @Test
    void aRefusedUsernameTokenIsNotAuthorizedWithTheDevicesReason() {
        server.on("/onvif/device_service", usernameTokenDevice(new UsernameTokenVerifier(), DEVICE_INFORMATION_RESPONSE));
        ClientAuthentication wrong = ClientAuthentication.of(new Credentials(USER, "guess".toCharArray()));
        NotAuthorizedException e = assertThrows(NotAuthorizedException.class,
                () -> client.call(server.uri("/onvif/device_service"), GET_DEVICE_INFORMATION, wrong));
        assertTrue(e.getMessage().contains("ter:NotAuthorized: Sender not Authorized"), e.getMessage());
        assertTrue(e.getMessage().contains("(HTTP 400)"), e.getMessage());
        assertEquals(1, server.requests().size());
        assertNoSecret(e);
    }

    @Test
    void aCameraTenMinutesAheadAuthenticatesOnceItsClockOffsetIsKnown() throws Exception {
        Clock cameraClock = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(10));
        server.on("/onvif/device_service", (request, exchange) -> {
            ReceivedEnvelope envelope;
            try {
                envelope = reader.read(request.body());
            } catch (Exception e) {
                LoopbackServer.respond(exchange, 400, "text/plain", new byte[0]);
                return;
            }
            if (envelope.body().filter(b -> Dom.is(b, Namespaces.TDS, "GetSystemDateAndTime")).isPresent()) {
                // PRE_AUTH: answered without credentials
                LoopbackServer.respond(exchange, 200, SOAP_XML, systemDateAndTime(cameraClock.instant()));
            } else {
                usernameTokenDevice(new UsernameTokenVerifier(UsernameTokenVerifier.Options.DEFAULTS, cameraClock),
                        DEVICE_INFORMATION_RESPONSE).handle(request, exchange);
            }
        });
        URI endpoint = server.uri("/onvif/device_service");
        ClientAuthentication auth = vigil();
        assertThrows(NotAuthorizedException.class, () -> client.call(endpoint, GET_DEVICE_INFORMATION, auth));

        Instant sent = Instant.now();
        ReceivedEnvelope time = client.call(endpoint, GET_SYSTEM_DATE_AND_TIME, ClientAuthentication.none());
        Instant received = Instant.now();
        auth.clockOffset(ClockOffset.measure(utcDateTime(time), sent, received));
        assertTrue(Math.abs(auth.clockOffset().value().minusMinutes(10).toMillis()) < 2000, auth.clockOffset().toString());

        client.call(endpoint, GET_DEVICE_INFORMATION, auth);
        assertFalse(reader.read(server.requests().get(1).body()).header(Namespaces.WSSE, "Security").isPresent(),
                "GetSystemDateAndTime went without credentials");
    }

    // ---- a device that authenticates with HTTP Digest only; the expected response is computed here, independently

    /** A Digest-only device: MessageDigest directly, no production code, to check what the client computes. */
    private final class DigestDevice implements LoopbackServer.Handler {
        final List<String> algorithms;
        final AtomicInteger nonceGeneration = new AtomicInteger();
        final List<String> verifiedAlgorithms = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<String> nonceCounts = new java.util.concurrent.CopyOnWriteArrayList<>();

        DigestDevice(String... algorithms) {
            this.algorithms = List.of(algorithms);
        }

        String nonce() {
            return "nonce-" + nonceGeneration.get();
        }

        @Override
        public void handle(LoopbackServer.Request request, HttpExchange exchange) throws IOException {
            String authorization = request.header("Authorization");
            boolean stale = false;
            if (authorization != null) {
                Map<String, String> p = parameters(authorization);
                if (!p.get("nonce").equals(nonce())) {
                    stale = true;
                } else if (p.get("response").equals(expected(p, request))) {
                    verifiedAlgorithms.add(p.get("algorithm"));
                    nonceCounts.add(p.get("nc"));
                    LoopbackServer.respond(exchange, 200, SOAP_XML, DEVICE_INFORMATION_RESPONSE.getBytes(StandardCharsets.UTF_8));
                    return;
                }
            }
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"loopback\"");
            for (String algorithm : algorithms) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Digest realm=\"loopback\", qop=\"auth\", nonce=\"" + nonce()
                        + "\", opaque=\"0p4que\", algorithm=" + algorithm + (stale ? ", stale=true" : ""));
            }
            exchange.sendResponseHeaders(401, -1);
        }

        private String expected(Map<String, String> p, LoopbackServer.Request request) {
            String algorithm = p.get("algorithm");
            String ha1 = hash(algorithm, USER + ":loopback:" + PASSWORD);
            String ha2 = hash(algorithm, "POST:" + request.path());
            assertEquals(request.path(), p.get("uri"));
            assertEquals("0p4que", p.get("opaque"));
            assertEquals(USER, p.get("username"));
            return hash(algorithm, ha1 + ":" + p.get("nonce") + ":" + p.get("nc") + ":" + p.get("cnonce") + ":" + p.get("qop") + ":" + ha2);
        }
    }

    @Test
    void a401DigestChallengeIsAnsweredAndThenUsedWithoutAnotherRoundTrip() throws Exception {
        DigestDevice device = new DigestDevice("MD5");
        server.on("/onvif/device_service", device);
        ClientAuthentication auth = vigil();
        URI endpoint = server.uri("/onvif/device_service?x=1");

        client.call(endpoint, GET_DEVICE_INFORMATION, auth);
        assertEquals(2, server.requests().size(), "UsernameToken first, then the answer to the challenge");
        assertTrue(reader.read(server.requests().get(0).body()).header(Namespaces.WSSE, "Security").isPresent());
        assertFalse(reader.read(server.requests().get(1).body()).header(Namespaces.WSSE, "Security").isPresent(),
                "not both HTTP and WS credentials at once");
        assertTrue(auth.usesHttpDigest());

        client.call(endpoint, GET_DEVICE_INFORMATION, auth);
        assertEquals(3, server.requests().size(), "the known challenge is reused");
        assertEquals(List.of("MD5", "MD5"), device.verifiedAlgorithms);
        assertEquals(List.of("00000001", "00000002"), device.nonceCounts);
        assertFalse(server.requests().get(2).header("Authorization").contains(PASSWORD));
    }

    @Test
    void sha256IsUsedWhenTheDeviceOffersItFirst() throws Exception {
        DigestDevice device = new DigestDevice("SHA-256", "MD5");
        server.on("/onvif/device_service", device);
        client.call(server.uri("/onvif/device_service"), GET_DEVICE_INFORMATION, vigil());
        assertEquals(List.of("SHA-256"), device.verifiedAlgorithms);
    }

    @Test
    void anExpiredDigestNonceIsRenewedOnce() throws Exception {
        DigestDevice device = new DigestDevice("MD5");
        server.on("/onvif/device_service", device);
        ClientAuthentication auth = vigil();
        client.call(server.uri("/onvif/device_service"), GET_DEVICE_INFORMATION, auth);
        device.nonceGeneration.incrementAndGet();
        client.call(server.uri("/onvif/device_service"), GET_DEVICE_INFORMATION, auth);
        assertEquals(4, server.requests().size(), "stale preemptive answer, then the new challenge");
        assertEquals(List.of("00000001", "00000001"), device.nonceCounts);
    }

    @Test
    void aWrongPasswordWithDigestIsNotAuthorizedAfterTwoExchanges() {
        server.on("/onvif/device_service", new DigestDevice("MD5"));
        ClientAuthentication wrong = ClientAuthentication.of(new Credentials(USER, "not-the-password".toCharArray()));
        NotAuthorizedException e = assertThrows(NotAuthorizedException.class,
                () -> client.call(server.uri("/onvif/device_service"), GET_DEVICE_INFORMATION, wrong));
        assertTrue(e.getMessage().contains("refused user 'vigil' (HTTP Digest, MD5"), e.getMessage());
        assertEquals(2, server.requests().size());
        assertFalse(e.getMessage().contains("not-the-password"));
    }

    @Test
    void a401WithoutCredentialsOrWithoutDigestIsNotAuthorized() {
        server.on("/digest", new DigestDevice("MD5"));
        server.on("/basic", (request, exchange) -> {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"cam\"");
            exchange.sendResponseHeaders(401, -1);
        });
        NotAuthorizedException none = assertThrows(NotAuthorizedException.class,
                () -> client.call(server.uri("/digest"), GET_DEVICE_INFORMATION, ClientAuthentication.none()));
        assertTrue(none.getMessage().contains("no credentials are configured"), none.getMessage());
        NotAuthorizedException basic = assertThrows(NotAuthorizedException.class,
                () -> client.call(server.uri("/basic"), GET_DEVICE_INFORMATION, vigil()));
        assertTrue(basic.getMessage().contains("asks only for [Basic]"), basic.getMessage());
        assertNoSecret(basic);
    }

    // ---- faults, statuses

    @Test
    void faultsInHttp400500And200AreTyped() {
        serve("/not-supported", 500, SoapEnvelope.of(SoapFault.receiver(Namespaces.ter("ActionNotSupported"), "Optional Action Not Implemented")).toBytes());
        serve("/invalid", 400, SoapEnvelope.of(SoapFault.sender(Namespaces.ter("InvalidArgVal"), "Argument Value Invalid")).toBytes());
        serve("/failed", 500, SoapEnvelope.of(SoapFault.receiver(Namespaces.ter("Action"), "Action Failed")).toBytes());
        serve("/fault-200", 200, SoapEnvelope.of(SoapFault.sender(Namespaces.ter("NotAuthorized"), "Sender not Authorized")).toBytes());

        ActionNotSupportedException notSupported = assertThrows(ActionNotSupportedException.class, () -> call("/not-supported"));
        assertTrue(notSupported.getMessage().contains("Optional Action Not Implemented"), notSupported.getMessage());
        assertEquals("ActionNotSupported", notSupported.fault().orElseThrow().subcodes().get(0).getLocalPart());
        assertInstanceOf(BadRequestException.class, assertThrows(OnvifException.class, () -> call("/invalid")));
        assertInstanceOf(ServerErrorException.class, assertThrows(OnvifException.class, () -> call("/failed")));
        assertInstanceOf(NotAuthorizedException.class, assertThrows(OnvifException.class, () -> call("/fault-200")));
    }

    @Test
    void statusesWithoutAFaultAreTypedByStatus() {
        serve("/html-500", 500, "<!DOCTYPE html><html><body>Internal error</body></html>".getBytes(StandardCharsets.UTF_8));
        serve("/missing", 404, "Not Found".getBytes(StandardCharsets.UTF_8));
        serve("/forbidden", 403, new byte[0]);
        server.on("/moved", (request, exchange) -> {
            exchange.getResponseHeaders().add("Location", "http://elsewhere/onvif/device_service");
            exchange.sendResponseHeaders(302, -1);
        });
        assertInstanceOf(ServerErrorException.class, assertThrows(OnvifException.class, () -> call("/html-500")));
        assertTrue(assertThrows(BadRequestException.class, () -> call("/missing")).getMessage().contains("HTTP 404"));
        assertInstanceOf(NotAuthorizedException.class, assertThrows(OnvifException.class, () -> call("/forbidden")));
        InvalidResponseException moved = assertThrows(InvalidResponseException.class, () -> call("/moved"));
        assertTrue(moved.getMessage().contains("302"), moved.getMessage());
    }

    // ---- hostile and broken answers

    @Test
    void anXxeAnswerIsRefusedAndItsEntityNeverFetched() throws Exception {
        server.on("/evil", (request, exchange) -> LoopbackServer.respond(exchange, 200, "text/plain", "secret".getBytes(StandardCharsets.UTF_8)));
        serve("/xxe", 200, ("<?xml version=\"1.0\"?><!DOCTYPE s:Envelope [<!ENTITY x SYSTEM \"" + server.uri("/evil")
                + "\">]><s:Envelope xmlns:s=\"" + Namespaces.SOAP + "\"><s:Body><r>&x;</r></s:Body></s:Envelope>").getBytes(StandardCharsets.UTF_8));
        InvalidResponseException e = assertThrows(InvalidResponseException.class, () -> call("/xxe"));
        assertInstanceOf(ForbiddenXmlException.class, e.getCause());
        assertEquals(List.of("/xxe"), server.requests().stream().map(LoopbackServer.Request::path).toList());
    }

    @Test
    void brokenAnswersAreInvalidResponses() {
        serve("/truncated", 200, DEVICE_INFORMATION_RESPONSE.substring(0, 200).getBytes(StandardCharsets.UTF_8));
        serve("/not-xml", 200, "{\"json\": true}".getBytes(StandardCharsets.UTF_8));
        serve("/deep", 200, ("<s:Envelope xmlns:s=\"" + Namespaces.SOAP + "\"><s:Body>" + "<a>".repeat(100) + "</a>".repeat(100)
                + "</s:Body></s:Envelope>").getBytes(StandardCharsets.UTF_8));
        serve("/empty-body", 200, ("<s:Envelope xmlns:s=\"" + Namespaces.SOAP + "\"><s:Body/></s:Envelope>").getBytes(StandardCharsets.UTF_8));
        serve("/soap11", 200, "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><x/></s:Body></s:Envelope>"
                .getBytes(StandardCharsets.UTF_8));
        assertInstanceOf(MalformedXmlException.class, assertThrows(InvalidResponseException.class, () -> call("/truncated")).getCause());
        assertInstanceOf(MalformedXmlException.class, assertThrows(InvalidResponseException.class, () -> call("/not-xml")).getCause());
        assertEquals(XmlLimitExceededException.Limit.DEPTH, ((XmlLimitExceededException)
                assertThrows(InvalidResponseException.class, () -> call("/deep")).getCause()).limit());
        assertTrue(assertThrows(InvalidResponseException.class, () -> call("/empty-body")).getMessage().contains("empty SOAP Body"));
        assertTrue(assertThrows(InvalidResponseException.class, () -> call("/soap11")).getMessage().contains("SOAP 1.1"));
    }

    @Test
    void anEndlessAnswerIsCutOffAtTheLimitAndItsConnectionClosed() throws Exception {
        AtomicLong written = new AtomicLong();
        CountDownLatch serverDone = new CountDownLatch(1);
        server.on("/endless", (request, exchange) -> {
            try {
                exchange.sendResponseHeaders(200, 0); // chunked, no length
                OutputStream out = exchange.getResponseBody();
                byte[] chunk = ("<a>" + "x".repeat(65533)).getBytes(StandardCharsets.US_ASCII);
                while (written.get() < (1L << 30)) { // a gigabyte, unless the client goes away first
                    out.write(chunk);
                    out.flush();
                    written.addAndGet(chunk.length);
                }
            } finally {
                serverDone.countDown();
            }
        });
        ResponseTooLargeException e = assertThrows(ResponseTooLargeException.class, () -> call("/endless"));
        assertTrue(e.getMessage().contains("larger than the limit of " + XmlLimits.DEFAULT_MAX_BYTES), e.getMessage());
        assertTrue(serverDone.await(5, TimeUnit.SECONDS), "the server noticed the closed connection");
        assertTrue(written.get() < 64L << 20, "the server wrote " + written.get() + " bytes before the client hung up");
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedWithoutReadingTheBody() {
        server.on("/huge", (request, exchange) -> {
            exchange.sendResponseHeaders(200, 5L << 30);
            exchange.getResponseBody().write("<a>".getBytes(StandardCharsets.US_ASCII));
            sleep(5000);
        });
        long start = System.nanoTime();
        ResponseTooLargeException e = assertThrows(ResponseTooLargeException.class, () -> call("/huge"));
        assertTrue(e.getMessage().contains("Content-Length"), e.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 2000);
    }

    @Test
    void aSlowDripOrAHungDeviceTimesOutAtTheRequestTimeout() {
        SoapClient impatient = new SoapClient(SoapClientOptions.DEFAULTS.withRequestTimeout(Duration.ofMillis(600)));
        CountDownLatch hungUpOn = new CountDownLatch(1);
        server.on("/drip", (request, exchange) -> {
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            try {
                for (byte b : DEVICE_INFORMATION_RESPONSE.getBytes(StandardCharsets.UTF_8)) {
                    out.write(b);
                    out.flush();
                    sleep(100);
                }
            } catch (IOException e) {
                hungUpOn.countDown(); // the client closed the connection
            }
        });
        server.on("/hung", (request, exchange) -> sleep(5000));
        for (String path : List.of("/drip", "/hung")) {
            long start = System.nanoTime();
            TimeoutException e = assertThrows(TimeoutException.class,
                    () -> impatient.call(server.uri(path), GET_DEVICE_INFORMATION, vigil()), path);
            long elapsed = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertTrue(elapsed >= 550 && elapsed < 2500, path + " took " + elapsed + " ms");
            assertTrue(e.getMessage().contains("600 ms"), e.getMessage());
            assertNoSecret(e);
        }
        assertTrue(await(hungUpOn, 2000), "the dripping connection was closed, not left open");
    }

    @Test
    void aConnectionClosedMidAnswerIsATransportFailure() {
        server.on("/cut", (request, exchange) -> {
            exchange.sendResponseHeaders(200, 10_000);
            exchange.getResponseBody().write(DEVICE_INFORMATION_RESPONSE.substring(0, 100).getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
            exchange.close(); // fewer bytes than announced, then the connection goes
        });
        TransportException e = assertThrows(TransportException.class, () -> call("/cut"));
        assertFalse(e instanceof UnreachableException || e instanceof TimeoutException, e.toString());
    }

    @Test
    void aClosedPortIsUnreachable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        URI closed = URI.create("http://127.0.0.1:" + port + "/onvif/device_service");
        long start = System.nanoTime();
        UnreachableException e = assertThrows(UnreachableException.class, () -> client.call(closed, GET_DEVICE_INFORMATION, vigil()));
        assertTrue(e.getMessage().contains("connection refused"), e.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 2000);
        assertNoSecret(e);
    }

    @Test
    void anAddressWithUserInfoIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> client.call(URI.create("http://admin:secret@127.0.0.1/onvif/device_service"),
                GET_DEVICE_INFORMATION, vigil()));
        assertThrows(IllegalArgumentException.class, () -> client.call(URI.create("ftp://127.0.0.1/"), GET_DEVICE_INFORMATION, vigil()));
    }

    @Test
    void toStringsNeverShowThePassword() {
        ClientAuthentication auth = vigil();
        assertFalse(auth.toString().contains("Pässwörd"), auth.toString());
        assertTrue(auth.toString().contains("vigil"));
    }

    // ---- helpers

    private ReceivedEnvelope call(String path) throws OnvifException {
        return client.call(server.uri(path), GET_DEVICE_INFORMATION, vigil());
    }

    private void serve(String path, int status, byte[] body) {
        server.on(path, (request, exchange) -> LoopbackServer.respond(exchange, status, SOAP_XML, body));
    }

    private static void assertNoSecret(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains("Pässwörd"), t.toString());
            assertFalse(t.toString().contains("Pässwörd"), t.toString());
        }
    }

    private String nonceOf(byte[] request) {
        try {
            Element security = reader.read(request).header(Namespaces.WSSE, "Security").orElseThrow();
            Element token = Dom.child(security, Namespaces.WSSE, "UsernameToken").orElseThrow();
            return Dom.text(Dom.child(token, Namespaces.WSSE, "Nonce").orElseThrow());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] systemDateAndTime(Instant now) {
        LocalDate date = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalTime time = LocalTime.ofInstant(now, ZoneOffset.UTC);
        return ("<s:Envelope xmlns:s=\"" + Namespaces.SOAP + "\" xmlns:tds=\"" + Namespaces.TDS + "\" xmlns:tt=\"" + Namespaces.TT + "\">"
                + "<s:Body><tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime><tt:DateTimeType>NTP</tt:DateTimeType>"
                + "<tt:DaylightSavings>false</tt:DaylightSavings><tt:UTCDateTime><tt:Time><tt:Hour>" + time.getHour() + "</tt:Hour>"
                + "<tt:Minute>" + time.getMinute() + "</tt:Minute><tt:Second>" + time.getSecond() + "</tt:Second></tt:Time>"
                + "<tt:Date><tt:Year>" + date.getYear() + "</tt:Year><tt:Month>" + date.getMonthValue() + "</tt:Month>"
                + "<tt:Day>" + date.getDayOfMonth() + "</tt:Day></tt:Date></tt:UTCDateTime></tds:SystemDateAndTime>"
                + "</tds:GetSystemDateAndTimeResponse></s:Body></s:Envelope>").getBytes(StandardCharsets.UTF_8);
    }

    /** Just enough reading of GetSystemDateAndTimeResponse for this test; the Device client is the next step. */
    private static Instant utcDateTime(ReceivedEnvelope response) throws Exception {
        Element utc = Dom.child(Dom.child(response.requireBody(Namespaces.TDS, "GetSystemDateAndTimeResponse"),
                Namespaces.TDS, "SystemDateAndTime").orElseThrow(), Namespaces.TT, "UTCDateTime").orElseThrow();
        Element time = Dom.child(utc, Namespaces.TT, "Time").orElseThrow();
        Element date = Dom.child(utc, Namespaces.TT, "Date").orElseThrow();
        return LocalDate.of(number(date, "Year"), number(date, "Month"), number(date, "Day"))
                .atTime(number(time, "Hour"), number(time, "Minute"), number(time, "Second")).toInstant(ZoneOffset.UTC);
    }

    private static int number(Element parent, String name) {
        return Integer.parseInt(Dom.text(Dom.child(parent, Namespaces.TT, name).orElseThrow()));
    }

    private static Map<String, String> parameters(String authorization) {
        Map<String, String> parameters = new HashMap<>();
        Matcher m = Pattern.compile("(\\w+)=(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^,\\s]*))").matcher(authorization.substring("Digest ".length()));
        while (m.find()) {
            parameters.put(m.group(1), m.group(2) != null ? m.group(2).replaceAll("\\\\(.)", "$1") : m.group(3));
        }
        return parameters;
    }

    private static String hash(String algorithm, String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static boolean await(CountDownLatch latch, long millis) {
        try {
            return latch.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.vigil.simulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.onvif.message.DeviceInformation;
import io.vigil.onvif.message.Operation;
import io.vigil.onvif.message.SystemDateAndTime;
import io.vigil.onvif.security.ClockOffset;
import io.vigil.onvif.security.Credentials;
import io.vigil.onvif.security.UsernameTokenFactory;
import io.vigil.onvif.soap.EmptyElement;
import io.vigil.onvif.soap.Namespaces;
import io.vigil.onvif.soap.ReceivedEnvelope;
import io.vigil.onvif.soap.SoapEnvelope;
import io.vigil.onvif.soap.SoapFault;
import io.vigil.onvif.soap.SoapReader;
import io.vigil.onvif.soap.WsAddressing;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests written by hand and sent by a plain HTTP client, to do what Vigil's client never
 * does: send the same UsernameToken twice, and send malformed or hostile XML.
 */
@Timeout(20)
class RawRequestTest {

    private static final String SOAP = "http://www.w3.org/2003/05/soap-envelope";
    private static final String TDS = "http://www.onvif.org/ver10/device/wsdl";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).version(HttpClient.Version.HTTP_1_1).build();
    private final SoapReader reader = new SoapReader();
    private SimulatedCamera camera;

    @BeforeEach
    void startCamera() throws Exception {
        camera = new SimulatedCamera(SimulatedCameraTest.settings());
        camera.start();
    }

    @AfterEach
    void stopCamera() {
        camera.stop();
    }

    private HttpResponse<byte[]> post(byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(camera.deviceService()).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/soap+xml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private SoapFault fault(HttpResponse<byte[]> response) throws Exception {
        return reader.read(response.body()).fault().orElseThrow(() -> new AssertionError("no fault: "
                + new String(response.body(), StandardCharsets.UTF_8)));
    }

    @Test
    void replayedRequestIsRefused() throws Exception {
        byte[] request = SoapEnvelope.of(new EmptyElement(Operation.GET_DEVICE_INFORMATION.request()),
                new UsernameTokenFactory().create(new Credentials("operator", SimulatedCameraTest.PASSWORD), ClockOffset.NONE)).toBytes();

        HttpResponse<byte[]> first = post(request);
        assertEquals(200, first.statusCode());
        ReceivedEnvelope answer = reader.read(first.body());
        assertEquals("Vigil", DeviceInformation.read(answer.requireBody(TDS, "GetDeviceInformationResponse")).manufacturer());

        HttpResponse<byte[]> replayed = post(request);
        assertEquals(400, replayed.statusCode());
        assertTrue(fault(replayed).hasSubcode(Namespaces.TER, "NotAuthorized"), fault(replayed).toString());
        assertEquals(1, camera.refusedTokens());
    }

    @Test
    void responseCarriesAddressingWhenTheRequestDid() throws Exception {
        WsAddressing addressing = WsAddressing.request(Operation.GET_SYSTEM_DATE_AND_TIME.action(), camera.deviceService().toString());
        HttpResponse<byte[]> response = post(SoapEnvelope.of(new EmptyElement(Operation.GET_SYSTEM_DATE_AND_TIME.request()), addressing).toBytes());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("application/soap+xml"));
        ReceivedEnvelope answer = reader.read(response.body());
        assertEquals(addressing.messageId(), answer.headerText(Namespaces.WSA, "RelatesTo").orElseThrow());
        assertEquals(Operation.GET_SYSTEM_DATE_AND_TIME.action() + "Response", answer.headerText(Namespaces.WSA, "Action").orElseThrow());
        SystemDateAndTime.read(answer.requireBody(TDS, "GetSystemDateAndTimeResponse"));
    }

    static Stream<Arguments> hostileRequests() {
        String envelopeStart = "<s:Envelope xmlns:s='" + SOAP + "'><s:Body>";
        return Stream.of(
                Arguments.of("not XML", "GET / HTTP/1.0 hello"),
                Arguments.of("empty", ""),
                Arguments.of("truncated", envelopeStart + "<tds:GetSystemDateAndTime xmlns:tds='" + TDS + "'"),
                Arguments.of("entity expansion", "<?xml version='1.0'?><!DOCTYPE s [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;'>"
                        + "<!ENTITY c '&b;&b;&b;&b;&b;&b;'>]>" + envelopeStart + "&c;</s:Body></s:Envelope>"),
                Arguments.of("external entity", "<!DOCTYPE s [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>" + envelopeStart + "&x;</s:Body></s:Envelope>"),
                Arguments.of("SOAP 1.1", "<e:Envelope xmlns:e='http://schemas.xmlsoap.org/soap/envelope/'><e:Body/></e:Envelope>"),
                Arguments.of("two bodies", "<s:Envelope xmlns:s='" + SOAP + "'><s:Body/><s:Body/></s:Envelope>"),
                Arguments.of("deep nesting", envelopeStart + "<a>".repeat(200) + "</a>".repeat(200) + "</s:Body></s:Envelope>"),
                Arguments.of("oversized", envelopeStart + "<x>" + "y".repeat(100_000) + "</x></s:Body></s:Envelope>"),
                Arguments.of("empty body", envelopeStart + "</s:Body></s:Envelope>"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileRequests")
    void malformedOrHostileRequestGets400AndAFaultAndTheCameraGoesOn(String name, String body) throws Exception {
        HttpResponse<byte[]> response = post(body.getBytes(StandardCharsets.UTF_8));
        assertEquals(400, response.statusCode(), name);
        assertEquals(SoapFault.SENDER, fault(response).code(), name);
        assertTrue(fault(response).hasSubcode(Namespaces.TER, "WellFormed"), fault(response).toString());

        HttpResponse<byte[]> next = post(SoapEnvelope.of(new EmptyElement(Operation.GET_SYSTEM_DATE_AND_TIME.request())).toBytes());
        assertEquals(200, next.statusCode());
        SystemDateAndTime.read(reader.read(next.body()).requireBody(TDS, "GetSystemDateAndTimeResponse"));
    }

    @Test
    void authenticatedRequestWithoutARequiredArgumentIsInvalidArgs() throws Exception {
        byte[] request = SoapEnvelope.of(new EmptyElement(Operation.MEDIA1_GET_STREAM_URI.request()),
                new UsernameTokenFactory().create(new Credentials("operator", SimulatedCameraTest.PASSWORD), ClockOffset.NONE)).toBytes();
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(camera.deviceService().resolve("/onvif/media_service"))
                .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/soap+xml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(400, response.statusCode());
        assertTrue(fault(response).hasSubcode(Namespaces.TER, "InvalidArgs"), fault(response).toString());
    }

    @Test
    void onlyPostIsAnswered() throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(camera.deviceService()).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(405, response.statusCode());
    }
}

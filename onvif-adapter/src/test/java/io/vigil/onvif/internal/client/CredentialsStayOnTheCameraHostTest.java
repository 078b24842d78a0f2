package io.vigil.onvif.internal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.vigil.onvif.internal.LoopbackServer;
import io.vigil.onvif.message.DeviceInformation;
import io.vigil.onvif.message.Media2Profiles;
import io.vigil.onvif.message.MediaProfile;
import io.vigil.onvif.message.Resolution;
import io.vigil.onvif.message.StreamUri;
import io.vigil.onvif.message.VideoSettings;
import io.vigil.onvif.message.OnvifService;
import io.vigil.onvif.message.Services;
import io.vigil.onvif.message.SystemDateAndTime;
import io.vigil.onvif.security.Credentials;
import io.vigil.onvif.soap.Namespaces;
import io.vigil.onvif.soap.ReceivedEnvelope;
import io.vigil.onvif.soap.SoapEnvelope;
import io.vigil.onvif.soap.SoapReader;
import io.vigil.onvif.transport.ClientAuthentication;
import io.vigil.onvif.transport.SoapClient;
import io.vigil.onvif.transport.SoapClientOptions;
import io.vigil.onvif.xml.XmlWritable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A camera (a real HTTP server on 127.0.0.1) whose answers name other hosts: a Media2 service on
 * 127.0.0.2, where a second real server waits and counts what reaches it, or a stream URI there.
 * The camera's login goes to neither; the refusal says why and what to configure.
 */
@Timeout(20)
class CredentialsStayOnTheCameraHostTest {

    private static final String PASSWORD = "p1nned-Pässwörd";
    private static final SoapReader READER = new SoapReader();

    private final SoapClient soap = new SoapClient(SoapClientOptions.DEFAULTS
            .withConnectTimeout(Duration.ofSeconds(2)).withRequestTimeout(Duration.ofSeconds(5)));
    private final LoopbackServer camera;
    private final HttpServer elsewhere;
    private final AtomicInteger reachedElsewhere = new AtomicInteger();

    CredentialsStayOnTheCameraHostTest() throws IOException {
        camera = new LoopbackServer();
        // another host on this machine: Linux answers for all of 127.0.0.0/8 on loopback
        elsewhere = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0), 4);
        elsewhere.createContext("/", exchange -> {
            reachedElsewhere.incrementAndGet();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        elsewhere.start();
    }

    @AfterEach
    void stop() {
        camera.close();
        elsewhere.stop(0);
    }

    private URI elsewhere(String path) {
        return URI.create("http://127.0.0.2:" + elsewhere.getAddress().getPort() + path);
    }

    /** The camera: its clock, who it is, its services at {@code media2}, and a stream URI for any profile. */
    private void camera(URI media2, URI stream) {
        camera.on("/onvif/", (request, exchange) -> {
            XmlWritable answer;
            try {
                ReceivedEnvelope envelope = READER.read(request.body());
                String operation = envelope.body().orElseThrow().getLocalName();
                answer = switch (operation) {
                    case "GetSystemDateAndTime" -> new SystemDateAndTime(Instant.now(), true);
                    case "GetServices" -> new Services(List.of(
                            new OnvifService(Namespaces.TDS, camera.uri("/onvif/device_service"), 2, 0),
                            new OnvifService(Namespaces.TR2, media2, 2, 0)));
                    case "GetDeviceInformation" -> new DeviceInformation("Loopback", "Pinned", "1", "1", "1");
                    case "GetProfiles" -> new Media2Profiles(List.of(new MediaProfile("main", "main", Optional.of(
                            new VideoSettings("src", "vsc", new Resolution(1280, 720), "enc", "H264", new Resolution(1280, 720))))));
                    case "GetStreamUri" -> new StreamUri(true, stream);
                    default -> throw new IllegalStateException("not simulated: " + operation);
                };
            } catch (Exception e) {
                LoopbackServer.respond(exchange, 500, "text/plain", e.toString().getBytes());
                return;
            }
            LoopbackServer.respond(exchange, 200, "application/soap+xml; charset=utf-8",
                    new SoapEnvelope(List.of(), answer).toBytes());
        });
    }

    private OnvifCamera client() {
        return new OnvifCamera(new DeviceClient(soap, camera.uri("/onvif/device_service"),
                ClientAuthentication.of(new Credentials("admin", PASSWORD.toCharArray())), Clock.systemUTC()),
                ProfilePolicy.DEFAULT);
    }

    @Test
    void aMediaServiceOnAnotherHostGetsNoLogin() {
        camera(elsewhere("/onvif/media2_service"), URI.create("rtsp://127.0.0.1:8554/main"));

        ForeignHostException refused = assertThrows(ForeignHostException.class, () -> client().connect());

        assertEquals(0, reachedElsewhere.get(), "nothing was sent to the other host");
        assertTrue(refused.getMessage().contains("127.0.0.2"), refused.getMessage());
        assertFalse(refused.getMessage().contains(PASSWORD));
        camera.requests().forEach(r -> assertFalse(r.bodyText().contains(PASSWORD)));
    }

    @Test
    void aStreamOnAnotherHostIsRefusedWithTheSettingThatWouldNameIt() {
        camera(camera.uri("/onvif/media2_service"), URI.create("rtsp://127.0.0.2:8554/main"));

        ForeignHostException refused = assertThrows(ForeignHostException.class, () -> client().connect());

        assertTrue(refused.getMessage().contains("rtsp.uri=rtsp://127.0.0.2:8554/main"), refused.getMessage());
    }

    @Test
    void everythingOnTheCamerasOwnHostConnects() throws Exception {
        camera(camera.uri("/onvif/media2_service"), URI.create("rtsp://127.0.0.1:8554/main"));

        ConnectedCamera connected = client().connect();

        assertEquals(URI.create("rtsp://127.0.0.1:8554/main"), connected.streamUri());
        assertEquals("main", connected.profile().token());
    }
}

package io.vigil.simulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.onvif.internal.client.ConnectedCamera;
import io.vigil.onvif.internal.client.DeviceClient;
import io.vigil.onvif.internal.client.OnvifCamera;
import io.vigil.onvif.internal.client.ProfilePolicy;
import io.vigil.onvif.message.Operation;
import io.vigil.onvif.message.Resolution;
import io.vigil.onvif.security.ClockOffset;
import io.vigil.onvif.security.Credentials;
import io.vigil.onvif.soap.ActionNotSupportedException;
import io.vigil.onvif.soap.BadRequestException;
import io.vigil.onvif.soap.EmptyElement;
import io.vigil.onvif.soap.NotAuthorizedException;
import io.vigil.onvif.soap.SoapRequest;
import io.vigil.onvif.transport.ClientAuthentication;
import io.vigil.onvif.transport.SoapClient;
import io.vigil.onvif.transport.SoapClientOptions;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Vigil's ONVIF client against simulated cameras, over real HTTP on 127.0.0.1. */
@Timeout(20)
class SimulatedCameraTest {

    static final URI RTSP = URI.create("rtsp://127.0.0.1:8554/simulated");
    static final char[] PASSWORD = "correct horse".toCharArray();

    private final SoapClient soap = new SoapClient(SoapClientOptions.DEFAULTS
            .withConnectTimeout(Duration.ofSeconds(2)).withRequestTimeout(Duration.ofSeconds(5)));
    private final List<SimulatedCamera> cameras = new ArrayList<>();

    static SimulatedCameraSettings settings() {
        return SimulatedCameraSettings.of(new Credentials("operator", PASSWORD), RTSP);
    }

    private SimulatedCamera start(SimulatedCameraSettings settings) throws Exception {
        SimulatedCamera camera = new SimulatedCamera(settings);
        cameras.add(camera);
        camera.start();
        return camera;
    }

    private DeviceClient client(SimulatedCamera camera, char[] password) {
        return new DeviceClient(soap, camera.deviceService(), ClientAuthentication.of(new Credentials("operator", password)),
                Clock.systemUTC());
    }

    @AfterEach
    void stopCameras() {
        cameras.forEach(SimulatedCamera::stop);
    }

    @Test
    void connectsThroughMedia2AndChoosesTheH265ProfileAt720p() throws Exception {
        SimulatedCamera camera = start(settings());
        ConnectedCamera connected = new OnvifCamera(client(camera, PASSWORD), ProfilePolicy.DEFAULT).connect();

        assertEquals("Vigil", connected.device().manufacturer());
        assertEquals("SIM-0001", connected.device().serialNumber());
        assertTrue(connected.media2());
        assertEquals("Profile_H265", connected.profile().token());
        assertEquals("H265", connected.profile().encoding());
        assertEquals(new Resolution(1280, 720), connected.profile().resolution());
        assertEquals(RTSP, connected.streamUri());
        assertTrue(connected.clockOffset().value().abs().compareTo(Duration.ofSeconds(2)) < 0, connected.clockOffset().toString());
    }

    @Test
    void withoutMedia2ConnectsThroughMedia1WhichHasNoH265() throws Exception {
        SimulatedCamera camera = start(settings().withoutMedia2());
        ConnectedCamera connected = new OnvifCamera(client(camera, PASSWORD), ProfilePolicy.DEFAULT).connect();

        assertFalse(connected.media2());
        assertEquals("Profile_Main", connected.profile().token());
        assertEquals("H264", connected.profile().encoding());
        assertEquals(new Resolution(1920, 1080), connected.profile().resolution());
        assertEquals(RTSP, connected.streamUri());
    }

    @Test
    void cameraWithoutGetServicesIsFoundThroughGetCapabilities() throws Exception {
        SimulatedCamera camera = start(settings().withoutGetServices());
        DeviceClient client = client(camera, PASSWORD);
        assertThrows(ActionNotSupportedException.class, client::services);

        ConnectedCamera connected = new OnvifCamera(client, ProfilePolicy.DEFAULT).connect();
        assertFalse(connected.media2());
        assertEquals("Profile_Main", connected.profile().token());
        assertEquals(RTSP, connected.streamUri());
    }

    @Test
    void policyDecidesTheProfile() throws Exception {
        SimulatedCamera camera = start(settings());
        ProfilePolicy smallH264 = new ProfilePolicy(new Resolution(640, 360), List.of("H264"));
        assertEquals("Profile_Sub", new OnvifCamera(client(camera, PASSWORD), smallH264).connect().profile().token());
    }

    @Test
    void wrongPasswordIsNotAuthorizedAndTheMessageHidesIt() throws Exception {
        SimulatedCamera camera = start(settings());
        char[] wrong = "wrong-password-123".toCharArray();
        NotAuthorizedException refused = assertThrows(NotAuthorizedException.class,
                () -> new OnvifCamera(client(camera, wrong), ProfilePolicy.DEFAULT).connect());
        assertFalse(refused.getMessage().contains("wrong-password-123"));
        assertFalse(refused.getMessage().contains("correct horse"));
        assertEquals(1, camera.refusedTokens());
    }

    @Test
    void preAuthOperationsNeedNoCredentialsButOthersDo() throws Exception {
        SimulatedCamera camera = start(settings());
        DeviceClient anonymous = new DeviceClient(soap, camera.deviceService(), ClientAuthentication.none(), Clock.systemUTC());
        anonymous.synchroniseClock();
        assertTrue(anonymous.services().address(io.vigil.onvif.soap.Namespaces.TR2).isPresent());
        assertEquals(URI.create(camera.deviceService().resolve("/onvif/media_service").toString()),
                anonymous.capabilities().media().orElseThrow());
        assertThrows(NotAuthorizedException.class, anonymous::deviceInformation);
    }

    @Test
    void cameraTenMinutesOffAuthenticatesOnceTheClientLearnsItsClock() throws Exception {
        SimulatedCamera camera = start(settings().withClockOffset(Duration.ofMinutes(10)));
        DeviceClient client = client(camera, PASSWORD);
        // our own clock's Created is ten minutes behind the camera's: outside its five-minute window
        assertThrows(NotAuthorizedException.class, client::deviceInformation);

        ClockOffset offset = client.synchroniseClock();
        assertTrue(offset.value().minus(Duration.ofMinutes(10)).abs().compareTo(Duration.ofSeconds(2)) < 0, offset.toString());
        assertEquals("Simulated camera", client.deviceInformation().model());
        assertEquals(RTSP, new OnvifCamera(client, ProfilePolicy.DEFAULT).connect().streamUri());
    }

    @Test
    void unknownActionIsActionNotSupported() throws Exception {
        SimulatedCamera camera = start(settings());
        ClientAuthentication auth = ClientAuthentication.of(new Credentials("operator", PASSWORD));
        SoapRequest getHostname = new SoapRequest(Operation.GET_HOSTNAME.action(), new EmptyElement(Operation.GET_HOSTNAME.request()));
        assertThrows(ActionNotSupportedException.class, () -> soap.call(camera.deviceService(), getHostname, auth));
        // a Media operation sent to the device service is not one the device service has
        SoapRequest misplaced = new SoapRequest(Operation.MEDIA1_GET_PROFILES.action(), new EmptyElement(Operation.MEDIA1_GET_PROFILES.request()));
        assertThrows(ActionNotSupportedException.class, () -> soap.call(camera.deviceService(), misplaced, auth));
    }

    @Test
    void unknownProfileTokenIsRefusedAsABadRequest() throws Exception {
        SimulatedCamera camera = start(settings());
        DeviceClient client = client(camera, PASSWORD);
        URI media = camera.deviceService().resolve("/onvif/media_service");
        assertThrows(BadRequestException.class, () -> client.streamUri(media, false, "no-such-profile"));
    }

    @Test
    void severalCamerasRunAtOnceOnTheirOwnPorts() throws Exception {
        SimulatedCamera first = start(settings());
        SimulatedCamera second = start(settings().withoutMedia2());
        SimulatedCamera third = start(settings().withClockOffset(Duration.ofMinutes(-7)));
        assertNotEquals(first.deviceService().getPort(), second.deviceService().getPort());
        assertNotEquals(second.deviceService().getPort(), third.deviceService().getPort());
        assertTrue(new OnvifCamera(client(first, PASSWORD), ProfilePolicy.DEFAULT).connect().media2());
        assertFalse(new OnvifCamera(client(second, PASSWORD), ProfilePolicy.DEFAULT).connect().media2());
        assertTrue(new OnvifCamera(client(third, PASSWORD), ProfilePolicy.DEFAULT).connect().media2());
    }

    @Test
    void stopFreesThePortAndStartAgainWorks() throws Exception {
        SimulatedCamera camera = start(settings());
        int port = camera.deviceService().getPort();
        camera.stop();
        SimulatedCamera again = start(settings().withPort(port));
        assertEquals(port, again.deviceService().getPort());
        assertEquals("Vigil", client(again, PASSWORD).deviceInformation().manufacturer());
    }

    @Test
    void settingsAndCameraNeverShowThePassword() throws Exception {
        SimulatedCamera camera = start(settings());
        assertFalse(settings().toString().contains("correct horse"), settings().toString());
        assertFalse(camera.toString().contains("correct horse"));
    }
}

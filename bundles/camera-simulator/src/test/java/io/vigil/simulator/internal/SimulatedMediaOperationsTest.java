package io.vigil.simulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vigil.onvif.security.Credentials;
import io.vigil.onvif.soap.ActionNotSupportedException;
import io.vigil.onvif.soap.BadRequestException;
import io.vigil.onvif.soap.EmptyElement;
import io.vigil.onvif.soap.Namespaces;
import io.vigil.onvif.soap.SoapRequest;
import io.vigil.onvif.transport.ClientAuthentication;
import io.vigil.onvif.transport.SoapClient;
import io.vigil.onvif.transport.SoapClientOptions;
import io.vigil.onvif.xml.Dom;
import io.vigil.onvif.xml.XmlOutput;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.w3c.dom.Element;

/** The media operations the simulator answers only for other clients: GetVideoSources and GetVideoSourceConfigurations. */
@Timeout(20)
class SimulatedMediaOperationsTest {

    private static final char[] PASSWORD = "correct horse".toCharArray();
    private final SoapClient soap = new SoapClient(SoapClientOptions.DEFAULTS
            .withConnectTimeout(Duration.ofSeconds(2)).withRequestTimeout(Duration.ofSeconds(5)));
    private final ClientAuthentication auth = ClientAuthentication.of(new Credentials("operator", PASSWORD));
    private final List<SimulatedCamera> cameras = new ArrayList<>();

    @AfterEach
    void stopCameras() {
        cameras.forEach(SimulatedCamera::stop);
    }

    private SimulatedCamera start(SimulatedCameraSettings settings) throws Exception {
        SimulatedCamera camera = new SimulatedCamera(settings);
        cameras.add(camera);
        camera.start();
        return camera;
    }

    private static SimulatedCameraSettings settings() {
        return SimulatedCameraSettings.of(new Credentials("operator", PASSWORD), URI.create("rtsp://127.0.0.1:8554/sim"));
    }

    private Element call(SimulatedCamera camera, String path, SoapRequest request) throws Exception {
        return soap.call(camera.deviceService().resolve(path), request, auth).body().orElseThrow();
    }

    private static SoapRequest empty(String namespace, String name, String prefix) {
        return new SoapRequest(namespace + "/" + name, new EmptyElement(new QName(namespace, name, prefix)));
    }

    private static SoapRequest media2SourceConfigurations(String child, String token) {
        QName name = new QName(Namespaces.TR2, "GetVideoSourceConfigurations", "tr2");
        return new SoapRequest(Namespaces.TR2 + "/GetVideoSourceConfigurations", out -> {
            XmlOutput.startElement(out, name);
            XmlOutput.textElement(out, Namespaces.tr2(child), token);
            out.writeEndElement();
        });
    }

    @Test
    void media1VideoSourcesIsTheOneSensor() throws Exception {
        Element response = call(start(settings()), CameraOperations.MEDIA_PATH, empty(Namespaces.TRT, "GetVideoSources", "trt"));

        List<Element> sources = Dom.children(response, Namespaces.TRT, "VideoSources");
        assertEquals(1, sources.size());
        assertEquals(SimulatedProfiles.SOURCE, sources.get(0).getAttribute("token"));
        Element resolution = Dom.child(sources.get(0), Namespaces.TT, "Resolution").orElseThrow();
        assertEquals("1920", Dom.text(Dom.child(resolution, Namespaces.TT, "Width").orElseThrow()));
        assertEquals("1080", Dom.text(Dom.child(resolution, Namespaces.TT, "Height").orElseThrow()));
        assertEquals("25", Dom.text(Dom.child(sources.get(0), Namespaces.TT, "Framerate").orElseThrow()));
    }

    @Test
    void sourceConfigurationsCountTheProfilesThatUseThem() throws Exception {
        SimulatedCamera camera = start(settings());

        Element media1 = call(camera, CameraOperations.MEDIA_PATH, empty(Namespaces.TRT, "GetVideoSourceConfigurations", "trt"));
        Element media2 = call(camera, CameraOperations.MEDIA2_PATH, empty(Namespaces.TR2, "GetVideoSourceConfigurations", "tr2"));

        Element one = Dom.children(media1, Namespaces.TRT, "Configurations").get(0);
        assertEquals("VideoSourceConfig_1", one.getAttribute("token"));
        assertEquals(Integer.toString(SimulatedProfiles.media1().size()), Dom.text(Dom.child(one, Namespaces.TT, "UseCount").orElseThrow()));
        assertEquals(SimulatedProfiles.SOURCE, Dom.text(Dom.child(one, Namespaces.TT, "SourceToken").orElseThrow()));
        assertEquals("1920", Dom.child(one, Namespaces.TT, "Bounds").orElseThrow().getAttribute("width"));
        Element two = Dom.children(media2, Namespaces.TR2, "Configurations").get(0);
        assertEquals(Integer.toString(SimulatedProfiles.media2().size()), Dom.text(Dom.child(two, Namespaces.TT, "UseCount").orElseThrow()));
    }

    @Test
    void media2SourceConfigurationsNarrowedByTokenOrRefusedForAnUnknownOne() throws Exception {
        SimulatedCamera camera = start(settings());

        Element byProfile = call(camera, CameraOperations.MEDIA2_PATH, media2SourceConfigurations("ProfileToken", "Profile_Sub"));
        Element byConfiguration = call(camera, CameraOperations.MEDIA2_PATH,
                media2SourceConfigurations("ConfigurationToken", "VideoSourceConfig_1"));

        assertEquals(1, Dom.children(byProfile, Namespaces.TR2, "Configurations").size());
        assertEquals(1, Dom.children(byConfiguration, Namespaces.TR2, "Configurations").size());
        assertThrows(BadRequestException.class, () -> call(camera, CameraOperations.MEDIA2_PATH,
                media2SourceConfigurations("ProfileToken", "no-such-profile")));
        assertThrows(BadRequestException.class, () -> call(camera, CameraOperations.MEDIA2_PATH,
                media2SourceConfigurations("ConfigurationToken", "no-such-configuration")));
    }

    /** Issue 17: what the simulator answers in both media services is valid against the official ONVIF schemas. */
    @Test
    void mediaAnswersAreValidAgainstTheOnvifSchemas() throws Exception {
        SimulatedCamera camera = start(settings());
        io.vigil.onvif.testing.OnvifSchemas schemas = io.vigil.onvif.testing.OnvifSchemas.media();
        List<Element> answers = List.of(
                call(camera, CameraOperations.MEDIA_PATH, empty(Namespaces.TRT, "GetProfiles", "trt")),
                call(camera, CameraOperations.MEDIA2_PATH, empty(Namespaces.TR2, "GetProfiles", "tr2")),
                call(camera, CameraOperations.MEDIA_PATH, empty(Namespaces.TRT, "GetVideoSources", "trt")),
                call(camera, CameraOperations.MEDIA_PATH, empty(Namespaces.TRT, "GetVideoSourceConfigurations", "trt")),
                call(camera, CameraOperations.MEDIA2_PATH, empty(Namespaces.TR2, "GetVideoSourceConfigurations", "tr2")),
                call(camera, CameraOperations.MEDIA_PATH, new SoapRequest(Namespaces.TRT + "/GetStreamUri",
                        new io.vigil.onvif.message.StreamUriRequest(false, "Profile_Main"))),
                call(camera, CameraOperations.MEDIA2_PATH, new SoapRequest(Namespaces.TR2 + "/GetStreamUri",
                        new io.vigil.onvif.message.StreamUriRequest(true, "Profile_H265"))));
        for (Element answer : answers) {
            assertEquals(List.of(), schemas.problems(answer), answer.getNamespaceURI() + " " + answer.getLocalName());
        }
        // Media1 names no H.265 profile; Media2 has it
        assertEquals(List.of("Profile_Main", "Profile_Mjpeg", "Profile_Sub"), Dom.children(answers.get(0), Namespaces.TRT,
                "Profiles").stream().map(p -> p.getAttribute("token")).toList());
        assertEquals(4, Dom.children(answers.get(1), Namespaces.TR2, "Profiles").size());
    }

    @Test
    void withoutMedia2ItsSourceConfigurationsAreNotSupportedAndSnapshotsNever() throws Exception {
        SimulatedCamera camera = start(settings().withoutMedia2());

        // Media2 is then not served at all; a Media2 request at the Media1 address is not a Media1 operation
        assertThrows(ActionNotSupportedException.class, () -> call(camera, CameraOperations.MEDIA_PATH,
                empty(Namespaces.TR2, "GetVideoSourceConfigurations", "tr2")));
        assertThrows(ActionNotSupportedException.class, () -> call(camera, CameraOperations.MEDIA_PATH,
                empty(Namespaces.TRT, "GetSnapshotUri", "trt")));
    }
}

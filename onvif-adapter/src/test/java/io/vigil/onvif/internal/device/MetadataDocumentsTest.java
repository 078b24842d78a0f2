package io.vigil.onvif.internal.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.alert.Alert;
import io.vigil.api.alert.AlertState;
import io.vigil.api.alert.FacePlacement;
import io.vigil.api.camera.Camera;
import io.vigil.api.face.AnalysedFrame;
import io.vigil.api.face.BoundingBox;
import io.vigil.api.face.TrackedFace;
import io.vigil.onvif.soap.Namespaces;
import io.vigil.onvif.xml.Dom;
import io.vigil.onvif.xml.SecureXmlParser;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** The metadata stream's documents, read back with the product's own hardened parser. */
class MetadataDocumentsTest {

    private static final Instant CAPTURED = Instant.parse("2026-11-27T09:00:00.125Z");

    @Test
    void aFrameListsEveryTrackedFaceWithItsNormalisedBoxAndClass() throws Exception {
        // 1280x720: a face at (160,200) 100x100, and one at the frame's centre, 128x72
        AnalysedFrame frame = new AnalysedFrame("cam-1", CAPTURED, 1280, 720, List.of(
                new TrackedFace(7, new BoundingBox(160, 200, 100, 100), 0.97f),
                new TrackedFace(8, new BoundingBox(576, 324, 128, 72), 1.2f)));
        Element root = parse(MetadataDocuments.frame(frame, "VigilFaceRecognition"));
        assertTrue(Dom.is(root, Namespaces.TT, "MetadataStream"), Dom.describe(root));
        Element analytics = Dom.child(root, Namespaces.TT, "VideoAnalytics").orElseThrow();
        Element f = Dom.child(analytics, Namespaces.TT, "Frame").orElseThrow();
        assertEquals("2026-11-27T09:00:00.125Z", f.getAttribute("UtcTime"));
        assertEquals("VigilFaceRecognition", f.getAttribute("Source"));
        List<Element> objects = Dom.children(f, Namespaces.TT, "Object");
        assertEquals(List.of("7", "8"), objects.stream().map(o -> o.getAttribute("ObjectId")).toList());

        Element shape = path(objects.get(0), "Appearance", "Shape");
        Element box = Dom.child(shape, Namespaces.TT, "BoundingBox").orElseThrow();
        assertEquals(-0.75f, Float.parseFloat(box.getAttribute("left")), 1e-4);
        assertEquals(0.4444f, Float.parseFloat(box.getAttribute("top")), 1e-4);
        assertEquals(-0.5938f, Float.parseFloat(box.getAttribute("right")), 1e-4);
        assertEquals(0.1667f, Float.parseFloat(box.getAttribute("bottom")), 1e-4);
        Element centre = Dom.child(shape, Namespaces.TT, "CenterOfGravity").orElseThrow();
        assertEquals(-0.6719f, Float.parseFloat(centre.getAttribute("x")), 1e-4);
        assertEquals(0.3056f, Float.parseFloat(centre.getAttribute("y")), 1e-4);
        Element middle = Dom.child(path(objects.get(1), "Appearance", "Shape"), Namespaces.TT, "CenterOfGravity").orElseThrow();
        assertEquals(0f, Float.parseFloat(middle.getAttribute("x")), 1e-4);
        assertEquals(0f, Float.parseFloat(middle.getAttribute("y")), 1e-4);

        Element classes = path(objects.get(0), "Appearance", "Class");
        Element candidate = Dom.child(classes, Namespaces.TT, "ClassCandidate").orElseThrow();
        assertEquals("Face", Dom.text(Dom.child(candidate, Namespaces.TT, "Type").orElseThrow()));
        assertEquals("0.9700", Dom.text(Dom.child(candidate, Namespaces.TT, "Likelihood").orElseThrow()));
        Element type = Dom.child(classes, Namespaces.TT, "Type").orElseThrow();
        assertEquals("HumanFace", Dom.text(type));
        assertEquals("0.9700", type.getAttribute("Likelihood"));
        assertEquals("1.0000", Dom.child(path(objects.get(1), "Appearance", "Class"), Namespaces.TT, "Type").orElseThrow()
                .getAttribute("Likelihood"), "likelihood clamped to 1");
    }

    @Test
    void anEmptyFrameSaysTheStreamIsAliveAndNothingElse() throws Exception {
        Element root = parse(MetadataDocuments.empty(CAPTURED, "VigilFaceRecognition"));
        Element f = path(root, "VideoAnalytics", "Frame");
        assertEquals("2026-11-27T09:00:00.125Z", f.getAttribute("UtcTime"));
        assertTrue(Dom.childElements(f).isEmpty());
    }

    @Test
    void aRecognitionIsTheEventServicesNotificationInsideTheStream() throws Exception {
        Camera camera = new Camera("cam-1", "Gate", URI.create("http://127.0.0.1:1/onvif/device_service"), Optional.empty(),
                "Gate", io.vigil.api.camera.SignageStatus.POSTED,
                new io.vigil.api.camera.StreamProfile("main", Optional.empty(), "H264", 1280, 720),
                new io.vigil.api.camera.CameraState(io.vigil.api.camera.CameraState.Phase.STREAMING, "test", CAPTURED));
        Channel channel = Channel.of(camera, URI.create("rtsp://127.0.0.1:8554"));
        Alert alert = new Alert("a-1", "dep-1", "cam-1", Optional.empty(), CAPTURED, 42L, "wl-suspects", "subj-7f3a", 0.83f,
                0.6f, AlertState.NEW, Instant.now(), Optional.of(new FacePlacement(new BoundingBox(160, 200, 100, 100), 1280, 720)));
        Notification recognition = Recognitions.recognition(alert, channel, "VigilFaceRecognition", Optional.of("Blacklisted"),
                alert.placement().map(p -> Recognitions.NormalisedBox.of(p.box(), p.frameWidth(), p.frameHeight())));
        byte[] document = MetadataDocuments.event(recognition);
        Element root = parse(document);
        Element event = Dom.child(root, Namespaces.TT, "Event").orElseThrow();
        Element message = Dom.child(event, "http://docs.oasis-open.org/wsn/b-2", "NotificationMessage").orElseThrow();
        assertTrue(Dom.text(Dom.child(message, "http://docs.oasis-open.org/wsn/b-2", "Topic").orElseThrow())
                .endsWith("RuleEngine/Recognition/Face"));
        String xml = new String(document, StandardCharsets.UTF_8);
        for (String expected : List.of("EnrollmentID", "subj-7f3a", "VS_cam-1", "ObjectId=\"42\"", "2026-11-27T09:00:00.125Z")) {
            assertTrue(xml.contains(expected), expected + " in " + xml);
        }
        assertFalse(xml.contains("Gate"), "no camera name, no identity beyond the pseudonym");
    }

    private static Element parse(byte[] document) throws Exception {
        return new SecureXmlParser().parse(document).getDocumentElement();
    }

    private static Element path(Element from, String... names) {
        Element at = from;
        for (String name : names) {
            at = Dom.child(at, Namespaces.TT, name).orElseThrow(() -> new AssertionError("no tt:" + name));
        }
        return at;
    }
}

package io.vigil.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Vigil's ONVIF metadata stream, played by clients nobody here wrote: a simulated camera shows
 * sample3.jpg (three people; p03 enrolled from a different photo), and ffmpeg (Debian's) plays the
 * camera's metadata profile stream with the VMS's login and dumps its payload while the deployment
 * starts. Every document is well-formed {@code tt:MetadataStream}; the frames carry the three faces
 * at their places in the letterboxed photo; the recognition of p03 arrives in the stream as an
 * event whose ObjectId is the id of the object at p03's place. GStreamer's rtspsrc sees the
 * ONVIF encoding. Killing ffmpeg leaves nothing behind: a second client plays at once.
 */
@LatencyBound
class MetadataStreamIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String TT = "http://www.onvif.org/ver10/schema";

    /**
     * The faces of sample3.jpg (1920x1350; the inference bundle's ground truth, checked by eye) as
     * the simulated 1280x720 camera shows them: scaled by 720/1350 and centred (128 px borders).
     */
    private record Face(String person, float x, float y, float w, float h) {
        /** ONVIF's normalised coordinates: x -1 (left) .. 1, y 1 (top) .. -1. */
        boolean holds(float nx, float ny) {
            double scale = 720.0 / 1350.0;
            double left = 128 + x * scale;
            double top = y * scale;
            double px = (nx + 1) / 2 * 1280;
            double py = (1 - ny) / 2 * 720;
            return px >= left && px <= left + w * scale && py >= top && py <= top + h * scale;
        }
    }

    private static final List<Face> FACES = List.of(new Face("p03", 1071, 203, 233, 318), new Face("p07", 590, 323, 204, 275),
            new Face("p08", 1501, 299, 186, 279));

    @TempDir
    Path dir;

    @Test
    void ffmpegPlaysTheMetadataProfileAndFindsTheFacesAndTheRecognition() throws Exception {
        try (InstalledDistribution vigil = new InstalledDistribution(dir)) {
            BufferedImage group = ImageIO.read(InstalledDistribution.samplePhoto("sample1.jpg").toFile());
            Path p03 = dir.resolve("p03.png");
            ImageIO.write(group.getSubimage(1460 - 112, 219 - 109, 225 + 224, 218 + 218), "png", p03.toFile());
            String vmsPassword = "vms-Onvif-7";
            vigil.start();
            assertOk(vigil.vigil("lobby-Pw-9\n", "secret", "set", "camera.lobby"));
            assertOk(vigil.vigil(vmsPassword + "\n", "secret", "set", "onvif.vms"));
            vigil.awaitStatus(r -> r.output().matches("(?s).*watchlist\\s+OK.*"), WAIT);
            assertOk(vigil.vigil("", "watchlist", "create", "wanted", "--category", "suspect",
                    "--legal-basis", "PACE 1984 s.32", "--officer", "Insp. Wood"));
            InstalledDistribution.Result enrolled = vigil.vigil("", "watchlist", "enrol", "wanted", "Jane Roe", p03.toString());
            assertOk(enrolled);
            Matcher pseudonym = Pattern.compile("as (S-[A-Z0-9XY]+)").matcher(enrolled.output());
            assertTrue(pseudonym.find(), enrolled.output());
            assertOk(vigil.vigil("", "deployment", "create", "lobby-watch", "--cameras", "lobby", "--watchlists", "wanted",
                    "--threshold", "0.51", "--location", "Lobby", "--purpose", "acceptance test",
                    "--legal-basis", "PACE 1984 s.32", "--authorisation", "AUTH-2026-17", "--hours", "2"));

            InstalledDistribution.drop(vigil.deploy("io.vigil.onvif.device.cfg"), String.join("\n",
                    "accounts=vms-onvif=onvif.vms", "rtsp.base=rtsp://127.0.0.1:" + vigil.rtspPort, "").getBytes(StandardCharsets.UTF_8));
            vigil.addLobbyCamera(InstalledDistribution.samplePhoto("sample3.jpg"));

            // the administrator reads the metadata URL off the command line, as the docs say
            String metadataUri = "rtsp://127.0.0.1:" + vigil.rtspPort + "/vigil/lobby/metadata";
            InstalledDistribution.Result listed = vigil.await(r -> r.output().contains("serving"), WAIT, "cameras", "--metadata");
            assertTrue(listed.output().contains(metadataUri) && listed.output().contains("PM_lobby"), listed.output());
            String withLogin = metadataUri.replace("rtsp://", "rtsp://vms-onvif:" + vmsPassword + "@");

            // GStreamer's rtspsrc negotiates the ONVIF encoding: three packets through the caps filter
            // reach EOS (an error after EOS is rtspsrc's PAUSE on a connection already closed)
            String gst = run(List.of("gst-launch-1.0", "rtspsrc", "location=" + metadataUri, "protocols=tcp",
                    "user-id=vms-onvif", "user-pw=" + vmsPassword, "!",
                    "application/x-rtp,media=application,encoding-name=VND.ONVIF.METADATA,clock-rate=90000", "!",
                    "fakesink", "num-buffers=3"), 40);
            assertTrue(gst.contains("Got EOS from element \"pipeline0\""), "rtspsrc with the ONVIF metadata caps: " + gst);
            String refused = run(List.of("gst-launch-1.0", "rtspsrc", "location=" + metadataUri, "protocols=tcp", "!",
                    "fakesink", "num-buffers=3"), 40);
            assertTrue(!refused.contains("Got EOS") && refused.contains("Unauthorized"), "without a login: " + refused);

            // ffmpeg plays it while the deployment starts: p03, standing there, is recognised within seconds
            Path dump = dir.resolve("metadata.bin");
            Process ffmpeg = new ProcessBuilder("ffmpeg", "-nostdin", "-v", "error", "-rtsp_transport", "tcp", "-i", withLogin,
                    "-map", "0:0", "-c", "copy", "-f", "data", "-flush_packets", "1", "-y", dump.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("ffmpeg.log").toFile()).start();
            awaitGrowing(dump, ffmpeg, dir.resolve("ffmpeg.log"));
            assertOk(vigil.vigil("", "deployment", "start", "lobby-watch"));
            vigil.awaitJson(r -> r.list("alerts").stream().anyMatch(a -> a.get("subject").asText().equals(pseudonym.group(1))),
                    WAIT, "alerts", "list", "--json");
            Thread.sleep(2_000);
            ffmpeg.destroyForcibly(); // abruptly, as a VMS that crashes
            ffmpeg.waitFor(10, TimeUnit.SECONDS);

            List<Document> documents = documents(Files.readAllBytes(dump));
            List<Element> frames = new ArrayList<>();
            List<Element> events = new ArrayList<>();
            for (Document document : documents) {
                Element root = document.getDocumentElement();
                assertEquals(TT, root.getNamespaceURI());
                assertEquals("MetadataStream", root.getLocalName());
                frames.addAll(elements(root, "Frame"));
                events.addAll(elements(root, "Event"));
            }
            System.out.printf("metadata stream: %d documents, %d frames, %d events, %d bytes%n", documents.size(), frames.size(),
                    events.size(), Files.size(dump));
            assertTrue(frames.size() >= 10, frames.size() + " frames");
            Set<String> found = new LinkedHashSet<>();
            String p03Object = null;
            for (Element frame : frames) {
                assertTrue(frame.getAttribute("UtcTime").matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z"), frame.getAttribute("UtcTime"));
                for (Element object : elements(frame, "Object")) {
                    Element box = elements(object, "BoundingBox").get(0);
                    Element centre = elements(object, "CenterOfGravity").get(0);
                    float x = Float.parseFloat(centre.getAttribute("x"));
                    float y = Float.parseFloat(centre.getAttribute("y"));
                    assertTrue(Float.parseFloat(box.getAttribute("left")) < x && x < Float.parseFloat(box.getAttribute("right")));
                    assertTrue(Float.parseFloat(box.getAttribute("bottom")) < y && y < Float.parseFloat(box.getAttribute("top")));
                    assertEquals("HumanFace", text(elements(object, "Type").get(elements(object, "Type").size() - 1)));
                    for (Face face : FACES) {
                        if (face.holds(x, y)) {
                            found.add(face.person());
                            if (face.person().equals("p03")) {
                                p03Object = object.getAttribute("ObjectId");
                            }
                        }
                    }
                }
            }
            assertEquals(Set.of("p03", "p07", "p08"), found, "every face of the clip at its place");
            List<String> recognised = new ArrayList<>();
            String recognisedObject = null;
            for (Element event : events) {
                String xml = serialise(event);
                Matcher enrollment = Pattern.compile("Name=\"EnrollmentID\" Value=\"([^\"]+)\"").matcher(xml);
                if (enrollment.find()) {
                    recognised.add(enrollment.group(1));
                    Matcher object = Pattern.compile("ObjectId=\"(\\d+)\"").matcher(xml);
                    assertTrue(object.find(), xml);
                    recognisedObject = object.group(1);
                    assertTrue(xml.contains("VS_lobby") && xml.contains("RuleEngine/Recognition/Face"), xml);
                }
            }
            assertFalse(recognised.isEmpty(), "the recognition arrived in the stream");
            assertEquals(Set.of(pseudonym.group(1)), Set.copyOf(recognised), "only the enrolled person: " + recognised);
            assertEquals(p03Object, recognisedObject, "the event names the object at p03's place");
            assertFalse(new String(Files.readAllBytes(dump), StandardCharsets.UTF_8).contains("Jane Roe"));

            // the killed client left nothing behind: another plays at once, and the stream goes on
            String probe = run(List.of("ffprobe", "-v", "error", "-rtsp_transport", "tcp", "-show_streams", "-of", "compact",
                    withLogin), 40);
            assertTrue(probe.startsWith("exit 0") && probe.contains("codec_type=data"), probe);
            InstalledDistribution.Result after = vigil.vigil("", "cameras", "--metadata");
            Matcher counts = Pattern.compile("(\\d+) documents sent, (\\d+) dropped").matcher(after.output());
            assertTrue(counts.find(), after.output());
            assertEquals("0", counts.group(2), "nothing dropped at this rate: " + after.output());
        }
    }

    /** Waits until ffmpeg has written the first documents: it is connected and playing. */
    private static void awaitGrowing(Path dump, Process ffmpeg, Path log) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(dump) && Files.size(dump) > 0) {
                return;
            }
            if (!ffmpeg.isAlive()) {
                fail("ffmpeg ended: exit " + ffmpeg.exitValue() + " " + Files.readString(log));
            }
            Thread.sleep(200);
        }
        ffmpeg.destroyForcibly();
        fail("ffmpeg wrote nothing within " + WAIT + ": " + Files.readString(log));
    }

    /** The dumped payload split into its XML documents, each parsed with external entities off. */
    private static List<Document> documents(byte[] dump) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        DocumentBuilder builder = factory.newDocumentBuilder();
        String text = new String(dump, StandardCharsets.UTF_8);
        List<Document> documents = new ArrayList<>();
        int start = text.indexOf("<?xml");
        assertEquals(0, start, "the dump starts with a document");
        while (start >= 0) {
            int next = text.indexOf("<?xml", start + 1);
            String one = next < 0 ? text.substring(start) : text.substring(start, next);
            try {
                documents.add(builder.parse(new ByteArrayInputStream(one.getBytes(StandardCharsets.UTF_8))));
            } catch (org.xml.sax.SAXException e) {
                if (next >= 0) {
                    throw new AssertionError("a malformed document in the stream: " + one, e);
                }
                // the last one may be cut short by the kill
            }
            start = next;
        }
        return documents;
    }

    private static List<Element> elements(Element parent, String localName) {
        NodeList nodes = parent.getElementsByTagNameNS(TT, localName);
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }

    private static String text(Element element) {
        return element.getTextContent().strip();
    }

    private static String serialise(Element element) throws Exception {
        java.io.StringWriter out = new java.io.StringWriter();
        javax.xml.transform.TransformerFactory.newInstance().newTransformer().transform(new javax.xml.transform.dom.DOMSource(element),
                new javax.xml.transform.stream.StreamResult(out));
        return out.toString();
    }

    /** Runs a client to its end: "exit N" and what it said. */
    private static String run(List<String> command, int seconds) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return "timeout: " + out.getNow("");
        }
        return "exit " + process.exitValue() + " " + out.get(5, TimeUnit.SECONDS);
    }

    private static void assertOk(InstalledDistribution.Result r) {
        assertEquals(0, r.exit(), r.output());
    }
}

package io.vigil.launcher;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The first frames of a camera's ONVIF metadata stream, as a VMS's player receives them: played by
 * ffmpeg (Debian's, which ./vigil set-up installs for the tests), a client nobody here wrote,
 * which depacketises the RTP (vnd.onvif.metadata) and writes the payload, one
 * {@code tt:MetadataStream} document after another, to its standard output. The demo runs in the
 * launcher, outside the container and its GStreamer, so an external player is also the only one
 * it has; without ffmpeg the demo says so and goes on.
 */
final class MetadataSample {

    private static final String TT = "http://www.onvif.org/ver10/schema";

    /** One {@code tt:Frame}: its UtcTime and each object's box (left, top, right, bottom; ONVIF's normalised coordinates). */
    record Frame(String utcTime, List<float[]> boxes) {

        /** {@code frame 10:42:03.120Z, 3 faces: (-0.35,0.42)-(-0.21,0.09) ...} */
        String describe() {
            String time = utcTime;
            try {
                time = java.time.format.DateTimeFormatter.ISO_INSTANT.format(java.time.Instant.parse(utcTime)
                        .truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
            } catch (java.time.format.DateTimeParseException e) {
                // shown as sent
            }
            StringBuilder line = new StringBuilder("frame ").append(time.contains("T") ? time.substring(time.indexOf('T') + 1)
                    : time).append(", ").append(boxes.size()).append(boxes.size() == 1 ? " face:" : " faces:");
            for (float[] b : boxes) {
                line.append(String.format(Locale.ROOT, " (%.2f,%.2f)-(%.2f,%.2f)", b[0], b[1], b[2], b[3]));
            }
            return line.toString();
        }
    }

    private MetadataSample() {
    }

    /**
     * Plays {@code uri} (user and password inside: ffmpeg has no other way to take them; the
     * demo's own throwaway account on loopback) until {@code wanted} frames with faces arrived or
     * {@code max} passed.
     *
     * @return the frames with faces, in order; empty when none came in time
     * @throws IOException ffmpeg could not be started (not installed)
     */
    static List<Frame> play(String uri, int wanted, Duration max) throws IOException, InterruptedException {
        Process ffmpeg = new ProcessBuilder("ffmpeg", "-nostdin", "-v", "error", "-rtsp_transport", "tcp", "-i", uri,
                "-map", "0:0", "-c", "copy", "-f", "data", "-flush_packets", "1", "-")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        ByteArrayOutputStream dump = new ByteArrayOutputStream();
        List<Frame> frames = new ArrayList<>();
        long deadline = System.nanoTime() + max.toNanos();
        try (InputStream in = ffmpeg.getInputStream()) {
            byte[] chunk = new byte[8192];
            while (System.nanoTime() < deadline && frames.size() < wanted) {
                if (in.available() == 0) {
                    if (!ffmpeg.isAlive()) {
                        break;
                    }
                    Thread.sleep(50);
                    continue;
                }
                int n = in.read(chunk);
                if (n < 0) {
                    break;
                }
                dump.write(chunk, 0, n);
                frames = withFaces(frames(dump.toString(StandardCharsets.UTF_8)));
            }
        } finally {
            ffmpeg.destroy();
            if (!ffmpeg.waitFor(5, TimeUnit.SECONDS)) {
                ffmpeg.destroyForcibly();
            }
        }
        return frames.size() > wanted ? frames.subList(0, wanted) : frames;
    }

    private static List<Frame> withFaces(List<Frame> frames) {
        return frames.stream().filter(f -> !f.boxes().isEmpty()).toList();
    }

    /** Every complete document's frames in a dump of the stream's payload (documents back to back, the last perhaps cut short). */
    static List<Frame> frames(String dump) {
        List<Frame> frames = new ArrayList<>();
        DocumentBuilder builder = builder();
        int start = dump.indexOf("<?xml");
        while (start >= 0) {
            int next = dump.indexOf("<?xml", start + 1);
            String one = next < 0 ? dump.substring(start) : dump.substring(start, next);
            try {
                Element root = builder.parse(new ByteArrayInputStream(one.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
                NodeList found = root.getElementsByTagNameNS(TT, "Frame");
                for (int i = 0; i < found.getLength(); i++) {
                    Element frame = (Element) found.item(i);
                    List<float[]> boxes = new ArrayList<>();
                    NodeList objects = frame.getElementsByTagNameNS(TT, "BoundingBox");
                    for (int k = 0; k < objects.getLength(); k++) {
                        Element box = (Element) objects.item(k);
                        boxes.add(new float[] {number(box, "left"), number(box, "top"), number(box, "right"), number(box, "bottom")});
                    }
                    frames.add(new Frame(frame.getAttribute("UtcTime"), boxes));
                }
            } catch (SAXException | IOException | NumberFormatException e) {
                // the last document, still arriving; an earlier broken one is skipped, not fatal to a demo
            }
            start = next;
        }
        return frames;
    }

    private static float number(Element element, String attribute) {
        return Float.parseFloat(element.getAttribute(attribute));
    }

    private static DocumentBuilder builder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler()); // silent: a cut-short document is expected
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser refuses secure processing", e);
        }
    }
}

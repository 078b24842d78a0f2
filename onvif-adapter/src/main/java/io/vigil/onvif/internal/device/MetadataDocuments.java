package io.vigil.onvif.internal.device;

import io.vigil.api.face.AnalysedFrame;
import io.vigil.api.face.TrackedFace;
import io.vigil.onvif.soap.Namespaces;
import io.vigil.onvif.xml.XmlOutput;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The documents of Vigil's ONVIF metadata stream (ONVIF Streaming, "Metadata streaming";
 * metadatastream.xsd), one per RTP frame, each a {@code tt:MetadataStream}:
 *
 * <ul>
 * <li>an analysed frame: {@code tt:VideoAnalytics/tt:Frame} with UtcTime = capture time and one
 * {@code tt:Object} per tracked face (ObjectId = track id, the same as a recognition's ObjectId),
 * its Shape (BoundingBox and CenterOfGravity in normalised coordinates, as no Transformation is
 * given) and Class (the deprecated ClassCandidate {@code Face}, which older VMS drivers read, and
 * Type {@code HumanFace}, both with the detector's likelihood);</li>
 * <li>a recognition: {@code tt:Event} holding the same {@code wsnt:NotificationMessage} as the
 * Event service sends;</li>
 * <li>keep-alive: an empty Frame.</li>
 * </ul>
 *
 * A frame says where faces are, never who: no template, no identity leaves here.
 */
final class MetadataDocuments {

    private MetadataDocuments() {
    }

    static byte[] frame(AnalysedFrame frame, String module) {
        return XmlOutput.toBytes(out -> {
            XmlOutput.startElement(out, Namespaces.tt("MetadataStream"));
            XmlOutput.startElement(out, Namespaces.tt("VideoAnalytics"));
            XmlOutput.startElement(out, Namespaces.tt("Frame"));
            XmlOutput.attribute(out, "UtcTime", time(frame.captureTime()));
            XmlOutput.attribute(out, "Source", module);
            for (TrackedFace face : frame.faces()) {
                writeObject(out, face, Recognitions.NormalisedBox.of(face.box(), frame.frameWidth(), frame.frameHeight()));
            }
            out.writeEndElement();
            out.writeEndElement();
            out.writeEndElement();
        });
    }

    static byte[] empty(Instant now, String module) {
        return frame(new AnalysedFrame("", now, 1, 1, List.of()), module);
    }

    static byte[] event(Notification notification) {
        return XmlOutput.toBytes(out -> {
            XmlOutput.startElement(out, Namespaces.tt("MetadataStream"));
            XmlOutput.startElement(out, Namespaces.tt("Event"));
            notification.writeTo(out);
            out.writeEndElement();
            out.writeEndElement();
        });
    }

    private static void writeObject(XMLStreamWriter out, TrackedFace face, Recognitions.NormalisedBox box)
            throws XMLStreamException {
        XmlOutput.startElement(out, Namespaces.tt("Object"));
        XmlOutput.attribute(out, "ObjectId", Long.toString(face.trackId()));
        XmlOutput.startElement(out, Namespaces.tt("Appearance"));
        XmlOutput.startElement(out, Namespaces.tt("Shape"));
        XmlOutput.startElement(out, Namespaces.tt("BoundingBox"));
        XmlOutput.attribute(out, "left", number(box.left()));
        XmlOutput.attribute(out, "top", number(box.top()));
        XmlOutput.attribute(out, "right", number(box.right()));
        XmlOutput.attribute(out, "bottom", number(box.bottom()));
        out.writeEndElement();
        XmlOutput.startElement(out, Namespaces.tt("CenterOfGravity"));
        XmlOutput.attribute(out, "x", number((box.left() + box.right()) / 2));
        XmlOutput.attribute(out, "y", number((box.top() + box.bottom()) / 2));
        out.writeEndElement();
        out.writeEndElement();
        String likelihood = Recognitions.likelihood(face.likelihood());
        XmlOutput.startElement(out, Namespaces.tt("Class"));
        XmlOutput.startElement(out, Namespaces.tt("ClassCandidate"));
        XmlOutput.textElement(out, Namespaces.tt("Type"), "Face");
        XmlOutput.textElement(out, Namespaces.tt("Likelihood"), likelihood);
        out.writeEndElement();
        XmlOutput.startElement(out, Namespaces.tt("Type"));
        XmlOutput.attribute(out, "Likelihood", likelihood);
        XmlOutput.characters(out, "HumanFace");
        out.writeEndElement();
        out.writeEndElement();
        out.writeEndElement();
        out.writeEndElement();
    }

    private static String number(float value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    private static String time(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}

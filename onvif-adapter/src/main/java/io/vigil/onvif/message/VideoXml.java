package io.vigil.onvif.message;

import io.vigil.onvif.soap.Namespaces;
import io.vigil.onvif.xml.XmlOutput;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Parts both media services write alike: a {@code tt:VideoSourceConfiguration}'s content and an
 * unused multicast setting. Public for device implementations (the simulated camera) that answer
 * GetVideoSourceConfigurations with the same elements as the profiles carry.
 */
public final class VideoXml {

    private VideoXml() {
    }

    /**
     * Token attribute and children of a {@code tt:VideoSourceConfiguration} (Name, UseCount,
     * SourceToken, Bounds, as the schema requires); the caller writes its start and end.
     *
     * @param useCount how many profiles use the configuration (1 inside a profile)
     */
    public static void sourceConfiguration(XMLStreamWriter out, VideoSettings video, int useCount) throws XMLStreamException {
        if (useCount < 0) {
            throw new IllegalArgumentException("UseCount is not negative: " + useCount);
        }
        XmlOutput.attribute(out, "token", video.sourceConfigurationToken());
        XmlOutput.textElement(out, Namespaces.tt("Name"), video.sourceConfigurationToken());
        XmlOutput.textElement(out, Namespaces.tt("UseCount"), Integer.toString(useCount));
        XmlOutput.textElement(out, Namespaces.tt("SourceToken"), video.sourceToken());
        XmlOutput.startElement(out, Namespaces.tt("Bounds"));
        XmlOutput.attribute(out, "x", "0");
        XmlOutput.attribute(out, "y", "0");
        XmlOutput.attribute(out, "width", Integer.toString(video.sourceBounds().width()));
        XmlOutput.attribute(out, "height", Integer.toString(video.sourceBounds().height()));
        out.writeEndElement();
    }

    /** A {@code tt:Multicast} that is not used (address 0.0.0.0, no auto start). */
    static void noMulticast(XMLStreamWriter out) throws XMLStreamException {
        XmlOutput.startElement(out, Namespaces.tt("Multicast"));
        XmlOutput.startElement(out, Namespaces.tt("Address"));
        XmlOutput.textElement(out, Namespaces.tt("Type"), "IPv4");
        XmlOutput.textElement(out, Namespaces.tt("IPv4Address"), "0.0.0.0");
        out.writeEndElement();
        XmlOutput.textElement(out, Namespaces.tt("Port"), "0");
        XmlOutput.textElement(out, Namespaces.tt("TTL"), "1");
        XmlOutput.textElement(out, Namespaces.tt("AutoStart"), "false");
        out.writeEndElement();
    }
}

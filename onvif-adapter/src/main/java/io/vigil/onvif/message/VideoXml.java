package io.vigil.onvif.message;

import io.vigil.onvif.soap.Namespaces;
import io.vigil.onvif.soap.SoapMessageException;
import io.vigil.onvif.xml.XmlOutput;
import java.util.Optional;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.w3c.dom.Element;

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
        sourceConfiguration(out, video.sourceConfigurationToken(), video.sourceToken(), video.sourceBounds(), useCount);
    }

    /** As {@link #sourceConfiguration(XMLStreamWriter, VideoSettings, int)}, for a metadata profile's video source. */
    public static void sourceConfiguration(XMLStreamWriter out, MetadataSettings metadata, int useCount) throws XMLStreamException {
        sourceConfiguration(out, metadata.sourceConfigurationToken(), metadata.sourceToken(), metadata.sourceBounds(), useCount);
    }

    private static void sourceConfiguration(XMLStreamWriter out, String configurationToken, String sourceToken, Resolution bounds,
            int useCount) throws XMLStreamException {
        if (useCount < 0) {
            throw new IllegalArgumentException("UseCount is not negative: " + useCount);
        }
        XmlOutput.attribute(out, "token", configurationToken);
        XmlOutput.textElement(out, Namespaces.tt("Name"), configurationToken);
        XmlOutput.textElement(out, Namespaces.tt("UseCount"), Integer.toString(useCount));
        XmlOutput.textElement(out, Namespaces.tt("SourceToken"), sourceToken);
        XmlOutput.startElement(out, Namespaces.tt("Bounds"));
        XmlOutput.attribute(out, "x", "0");
        XmlOutput.attribute(out, "y", "0");
        XmlOutput.attribute(out, "width", Integer.toString(bounds.width()));
        XmlOutput.attribute(out, "height", Integer.toString(bounds.height()));
        out.writeEndElement();
    }

    /**
     * Token attribute and children of a {@code tt:MetadataConfiguration} (Name, UseCount, Events
     * without a filter: every event is streamed, Analytics, Multicast, SessionTimeout); the caller
     * writes its start and end.
     */
    public static void metadataConfiguration(XMLStreamWriter out, MetadataSettings metadata, int useCount)
            throws XMLStreamException {
        XmlOutput.attribute(out, "token", metadata.configurationToken());
        XmlOutput.textElement(out, Namespaces.tt("Name"), metadata.configurationToken());
        XmlOutput.textElement(out, Namespaces.tt("UseCount"), Integer.toString(useCount));
        XmlOutput.startElement(out, Namespaces.tt("Events"));
        out.writeEndElement();
        XmlOutput.textElement(out, Namespaces.tt("Analytics"), "true");
        noMulticast(out);
        XmlOutput.textElement(out, Namespaces.tt("SessionTimeout"), "PT60S");
    }

    /** The metadata configuration of a profile as either media service lists it, or empty. */
    static Optional<MetadataSettings> readMetadata(Element sourceConfiguration,
            Element metadataConfiguration) throws SoapMessageException {
        Element bounds = Read.child(sourceConfiguration, Namespaces.TT, "Bounds");
        return Optional.of(new MetadataSettings(Read.attribute(metadataConfiguration, "token"),
                Read.text(sourceConfiguration, Namespaces.TT, "SourceToken"), Read.attribute(sourceConfiguration, "token"),
                new Resolution(Media1Profiles.positive(bounds, "width"), Media1Profiles.positive(bounds, "height"))));
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

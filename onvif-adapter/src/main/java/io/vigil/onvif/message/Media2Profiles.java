package io.vigil.onvif.message;

import io.vigil.onvif.soap.Namespaces;
import io.vigil.onvif.soap.SoapMessageException;
import io.vigil.onvif.xml.Dom;
import io.vigil.onvif.xml.XmlOutput;
import io.vigil.onvif.xml.XmlWritable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.w3c.dom.Element;

/**
 * {@code tr2:GetProfilesResponse} (media ver20): {@code tr2:Profiles} of type
 * {@code tr2:MediaProfile}, whose {@code tr2:Configurations} hold a VideoSource
 * ({@code tt:VideoSourceConfiguration}) and a VideoEncoder ({@code tt:VideoEncoder2Configuration}),
 * or, for a metadata profile, a VideoSource and a Metadata ({@code tt:MetadataConfiguration}).
 * A device lists configurations only for the types asked for, so the request asks for {@code All}.
 */
public record Media2Profiles(List<MediaProfile> profiles) implements XmlWritable {

    public Media2Profiles {
        profiles = List.copyOf(profiles);
    }

    public static XmlWritable request() {
        return out -> {
            XmlOutput.startElement(out, Operation.MEDIA2_GET_PROFILES.request());
            XmlOutput.textElement(out, Namespaces.tr2("Type"), "All");
            out.writeEndElement();
        };
    }

    public static Media2Profiles read(Element response) throws SoapMessageException {
        List<MediaProfile> profiles = new ArrayList<>();
        for (Element profile : Dom.children(response, Namespaces.TR2, "Profiles")) {
            profiles.add(new MediaProfile(Read.attribute(profile, "token"), Read.text(profile, Namespaces.TR2, "Name"), video(profile),
                    metadata(profile)));
        }
        return new Media2Profiles(profiles);
    }

    private static Optional<VideoSettings> video(Element profile) throws SoapMessageException {
        Optional<Element> configurations = Dom.child(profile, Namespaces.TR2, "Configurations");
        Optional<Element> source = configurations.flatMap(c -> Dom.child(c, Namespaces.TR2, "VideoSource"));
        Optional<Element> encoder = configurations.flatMap(c -> Dom.child(c, Namespaces.TR2, "VideoEncoder"));
        if (source.isEmpty() || encoder.isEmpty()) {
            return Optional.empty();
        }
        Element bounds = Read.child(source.get(), Namespaces.TT, "Bounds");
        return Optional.of(new VideoSettings(Read.text(source.get(), Namespaces.TT, "SourceToken"), Read.attribute(source.get(), "token"),
                new Resolution(Media1Profiles.positive(bounds, "width"), Media1Profiles.positive(bounds, "height")),
                Read.attribute(encoder.get(), "token"), Read.text(encoder.get(), Namespaces.TT, "Encoding"), Resolution.read(encoder.get())));
    }

    private static Optional<MetadataSettings> metadata(Element profile) throws SoapMessageException {
        Optional<Element> configurations = Dom.child(profile, Namespaces.TR2, "Configurations");
        Optional<Element> source = configurations.flatMap(c -> Dom.child(c, Namespaces.TR2, "VideoSource"));
        Optional<Element> metadata = configurations.flatMap(c -> Dom.child(c, Namespaces.TR2, "Metadata"));
        if (source.isEmpty() || metadata.isEmpty()) {
            return Optional.empty();
        }
        return VideoXml.readMetadata(source.get(), metadata.get());
    }

    @Override
    public void writeTo(XMLStreamWriter out) throws XMLStreamException {
        XmlOutput.startElement(out, Operation.MEDIA2_GET_PROFILES.response());
        for (MediaProfile profile : profiles) {
            XmlOutput.startElement(out, Namespaces.tr2("Profiles"));
            XmlOutput.attribute(out, "token", profile.token());
            XmlOutput.attribute(out, "fixed", "true");
            XmlOutput.textElement(out, Namespaces.tr2("Name"), profile.name());
            if (profile.video().isPresent() || profile.metadata().isPresent()) {
                XmlOutput.startElement(out, Namespaces.tr2("Configurations"));
                if (profile.video().isPresent()) {
                    writeVideo(out, profile.video().get());
                } else {
                    XmlOutput.startElement(out, Namespaces.tr2("VideoSource"));
                    VideoXml.sourceConfiguration(out, profile.metadata().get(), 1);
                    out.writeEndElement();
                }
                if (profile.metadata().isPresent()) {
                    XmlOutput.startElement(out, Namespaces.tr2("Metadata"));
                    VideoXml.metadataConfiguration(out, profile.metadata().get(), 1);
                    out.writeEndElement();
                }
                out.writeEndElement();
            }
            out.writeEndElement();
        }
        out.writeEndElement();
    }

    private static void writeVideo(XMLStreamWriter out, VideoSettings video) throws XMLStreamException {
        XmlOutput.startElement(out, Namespaces.tr2("VideoSource"));
        VideoXml.sourceConfiguration(out, video, 1);
        out.writeEndElement();
        XmlOutput.startElement(out, Namespaces.tr2("VideoEncoder"));
        XmlOutput.attribute(out, "token", video.encoderConfigurationToken());
        XmlOutput.attribute(out, "GovLength", "50");
        XmlOutput.attribute(out, "Profile", "Main");
        XmlOutput.textElement(out, Namespaces.tt("Name"), video.encoderConfigurationToken());
        XmlOutput.textElement(out, Namespaces.tt("UseCount"), "1");
        XmlOutput.textElement(out, Namespaces.tt("Encoding"), video.encoding());
        video.resolution().writeTo(out);
        XmlOutput.startElement(out, Namespaces.tt("RateControl"));
        XmlOutput.textElement(out, Namespaces.tt("FrameRateLimit"), "25");
        XmlOutput.textElement(out, Namespaces.tt("BitrateLimit"), "4096");
        out.writeEndElement();
        XmlOutput.textElement(out, Namespaces.tt("Quality"), "5");
        out.writeEndElement();
    }
}

package io.vigil.onvif.message;

import io.vigil.onvif.soap.EmptyElement;
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
 * {@code trt:GetProfilesResponse} (media ver10): {@code trt:Profiles} of type {@code tt:Profile}
 * with their VideoSourceConfiguration and VideoEncoderConfiguration, or, for a metadata profile,
 * VideoSourceConfiguration and MetadataConfiguration. Written with every element
 * the schema requires of those (UseCount, Bounds, Quality, Multicast, SessionTimeout), since
 * strict clients validate them.
 */
public record Media1Profiles(List<MediaProfile> profiles) implements XmlWritable {

    public Media1Profiles {
        profiles = List.copyOf(profiles);
    }

    public static XmlWritable request() {
        return new EmptyElement(Operation.MEDIA1_GET_PROFILES.request());
    }

    public static Media1Profiles read(Element response) throws SoapMessageException {
        List<MediaProfile> profiles = new ArrayList<>();
        for (Element profile : Dom.children(response, Namespaces.TRT, "Profiles")) {
            profiles.add(new MediaProfile(Read.attribute(profile, "token"), Read.text(profile, Namespaces.TT, "Name"), video(profile),
                    metadata(profile)));
        }
        return new Media1Profiles(profiles);
    }

    private static Optional<VideoSettings> video(Element profile) throws SoapMessageException {
        Optional<Element> source = Dom.child(profile, Namespaces.TT, "VideoSourceConfiguration");
        Optional<Element> encoder = Dom.child(profile, Namespaces.TT, "VideoEncoderConfiguration");
        if (source.isEmpty() || encoder.isEmpty()) {
            return Optional.empty();
        }
        Element bounds = Read.child(source.get(), Namespaces.TT, "Bounds");
        return Optional.of(new VideoSettings(Read.text(source.get(), Namespaces.TT, "SourceToken"), Read.attribute(source.get(), "token"),
                new Resolution(positive(bounds, "width"), positive(bounds, "height")), Read.attribute(encoder.get(), "token"),
                Read.text(encoder.get(), Namespaces.TT, "Encoding"), Resolution.read(encoder.get())));
    }

    private static Optional<MetadataSettings> metadata(Element profile) throws SoapMessageException {
        Optional<Element> source = Dom.child(profile, Namespaces.TT, "VideoSourceConfiguration");
        Optional<Element> metadata = Dom.child(profile, Namespaces.TT, "MetadataConfiguration");
        if (source.isEmpty() || metadata.isEmpty()) {
            return Optional.empty();
        }
        return VideoXml.readMetadata(source.get(), metadata.get());
    }

    static int positive(Element element, String attribute) throws SoapMessageException {
        String value = Read.attribute(element, attribute);
        try {
            int number = Integer.parseInt(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new SoapMessageException(Dom.describe(element) + " " + attribute + " is not a positive integer");
    }

    @Override
    public void writeTo(XMLStreamWriter out) throws XMLStreamException {
        XmlOutput.startElement(out, Operation.MEDIA1_GET_PROFILES.response());
        for (MediaProfile profile : profiles) {
            XmlOutput.startElement(out, Namespaces.trt("Profiles"));
            XmlOutput.attribute(out, "token", profile.token());
            XmlOutput.attribute(out, "fixed", "true");
            XmlOutput.textElement(out, Namespaces.tt("Name"), profile.name());
            if (profile.video().isPresent()) {
                writeVideo(out, profile.video().get());
            } else if (profile.metadata().isPresent()) {
                XmlOutput.startElement(out, Namespaces.tt("VideoSourceConfiguration"));
                VideoXml.sourceConfiguration(out, profile.metadata().get(), 1);
                out.writeEndElement();
            }
            if (profile.metadata().isPresent()) {
                XmlOutput.startElement(out, Namespaces.tt("MetadataConfiguration"));
                VideoXml.metadataConfiguration(out, profile.metadata().get(), 1);
                out.writeEndElement();
            }
            out.writeEndElement();
        }
        out.writeEndElement();
    }

    private static void writeVideo(XMLStreamWriter out, VideoSettings video) throws XMLStreamException {
        XmlOutput.startElement(out, Namespaces.tt("VideoSourceConfiguration"));
        VideoXml.sourceConfiguration(out, video, 1);
        out.writeEndElement();
        XmlOutput.startElement(out, Namespaces.tt("VideoEncoderConfiguration"));
        XmlOutput.attribute(out, "token", video.encoderConfigurationToken());
        XmlOutput.textElement(out, Namespaces.tt("Name"), video.encoderConfigurationToken());
        XmlOutput.textElement(out, Namespaces.tt("UseCount"), "1");
        XmlOutput.textElement(out, Namespaces.tt("Encoding"), video.encoding());
        video.resolution().writeTo(out);
        XmlOutput.textElement(out, Namespaces.tt("Quality"), "5");
        XmlOutput.startElement(out, Namespaces.tt("RateControl"));
        XmlOutput.textElement(out, Namespaces.tt("FrameRateLimit"), "25");
        XmlOutput.textElement(out, Namespaces.tt("EncodingInterval"), "1");
        XmlOutput.textElement(out, Namespaces.tt("BitrateLimit"), "4096");
        out.writeEndElement();
        if ("H264".equals(video.encoding())) {
            XmlOutput.startElement(out, Namespaces.tt("H264"));
            XmlOutput.textElement(out, Namespaces.tt("GovLength"), "50");
            XmlOutput.textElement(out, Namespaces.tt("H264Profile"), "Main");
            out.writeEndElement();
        }
        VideoXml.noMulticast(out);
        XmlOutput.textElement(out, Namespaces.tt("SessionTimeout"), "PT60S");
        out.writeEndElement();
    }
}

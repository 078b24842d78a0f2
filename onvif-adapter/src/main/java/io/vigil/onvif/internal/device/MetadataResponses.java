package io.vigil.onvif.internal.device;

import io.vigil.onvif.message.VideoXml;
import io.vigil.onvif.soap.Namespaces;
import io.vigil.onvif.xml.Dom;
import io.vigil.onvif.xml.XmlOutput;
import io.vigil.onvif.xml.XmlWritable;
import java.util.List;
import java.util.Optional;
import javax.xml.namespace.QName;
import org.w3c.dom.Element;

/**
 * The metadata configuration calls of both media services, answered from the channels: one
 * fixed configuration per watched camera ({@code MD_<id>}), used by that camera's metadata
 * profile, streaming every event and the face analytics, as the stream does.
 */
final class MetadataResponses {

    private MetadataResponses() {
    }

    /** A token child of the request in either media namespace ({@code ConfigurationToken}, {@code ProfileToken}). */
    static Optional<String> optionalToken(Element request, String name) {
        for (Element child : Dom.childElements(request)) {
            if (child.getLocalName().equals(name) && (Namespaces.TRT.equals(child.getNamespaceURI())
                    || Namespaces.TR2.equals(child.getNamespaceURI()))) {
                String token = Dom.text(child).strip();
                return token.isEmpty() ? Optional.empty() : Optional.of(token);
            }
        }
        return Optional.empty();
    }

    static XmlWritable configurations(boolean media2, String response, List<Channel> channels) {
        return out -> {
            XmlOutput.startElement(out, media(media2, response));
            for (Channel channel : channels) {
                XmlOutput.startElement(out, media(media2, "Configurations"));
                VideoXml.metadataConfiguration(out, channel.metadata(), 1);
                out.writeEndElement();
            }
            out.writeEndElement();
        };
    }

    /** Media1's GetMetadataConfiguration answer. */
    static XmlWritable configuration(Channel channel) {
        return out -> {
            XmlOutput.startElement(out, Namespaces.trt("GetMetadataConfigurationResponse"));
            XmlOutput.startElement(out, Namespaces.trt("Configuration"));
            VideoXml.metadataConfiguration(out, channel.metadata(), 1);
            out.writeEndElement();
            out.writeEndElement();
        };
    }

    /** No PTZ status to filter: Vigil's metadata is analytics and events only. */
    static XmlWritable options(boolean media2) {
        return out -> {
            XmlOutput.startElement(out, media(media2, "GetMetadataConfigurationOptionsResponse"));
            XmlOutput.startElement(out, media(media2, "Options"));
            XmlOutput.startElement(out, Namespaces.tt("PTZStatusFilterOptions"));
            XmlOutput.textElement(out, Namespaces.tt("PanTiltStatusSupported"), "false");
            XmlOutput.textElement(out, Namespaces.tt("ZoomStatusSupported"), "false");
            out.writeEndElement();
            out.writeEndElement();
            out.writeEndElement();
        };
    }

    private static QName media(boolean media2, String name) {
        return media2 ? Namespaces.tr2(name) : Namespaces.trt(name);
    }
}

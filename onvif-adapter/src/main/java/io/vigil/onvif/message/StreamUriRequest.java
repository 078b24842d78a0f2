package io.vigil.onvif.message;

import io.vigil.onvif.soap.Namespaces;
import io.vigil.onvif.soap.SoapMessageException;
import io.vigil.onvif.xml.XmlOutput;
import io.vigil.onvif.xml.XmlWritable;
import java.util.Objects;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.w3c.dom.Element;

/**
 * GetStreamUri for RTSP unicast (RTP over RTSP) of a profile, in either media service:
 * Media1 {@code trt:GetStreamUri} with {@code StreamSetup} (Stream RTP-Unicast, Transport/Protocol
 * RTSP), Media2 {@code tr2:GetStreamUri} with Protocol {@code RtspUnicast}.
 *
 * @param media2       which media service
 * @param profileToken the profile whose stream is asked for
 */
public record StreamUriRequest(boolean media2, String profileToken) implements XmlWritable {

    public StreamUriRequest {
        Objects.requireNonNull(profileToken, "profileToken");
    }

    public Operation operation() {
        return media2 ? Operation.MEDIA2_GET_STREAM_URI : Operation.MEDIA1_GET_STREAM_URI;
    }

    /** The request in a received {@code trt:GetStreamUri} or {@code tr2:GetStreamUri}. */
    public static StreamUriRequest read(Element request, boolean media2) throws SoapMessageException {
        String namespace = media2 ? Namespaces.TR2 : Namespaces.TRT;
        return new StreamUriRequest(media2, Read.text(request, namespace, "ProfileToken"));
    }

    @Override
    public void writeTo(XMLStreamWriter out) throws XMLStreamException {
        XmlOutput.startElement(out, operation().request());
        if (media2) {
            XmlOutput.textElement(out, Namespaces.tr2("Protocol"), "RtspUnicast");
            XmlOutput.textElement(out, Namespaces.tr2("ProfileToken"), profileToken);
        } else {
            XmlOutput.startElement(out, Namespaces.trt("StreamSetup"));
            XmlOutput.textElement(out, Namespaces.tt("Stream"), "RTP-Unicast");
            XmlOutput.startElement(out, Namespaces.tt("Transport"));
            XmlOutput.textElement(out, Namespaces.tt("Protocol"), "RTSP");
            out.writeEndElement();
            out.writeEndElement();
            XmlOutput.textElement(out, Namespaces.trt("ProfileToken"), profileToken);
        }
        out.writeEndElement();
    }
}

package io.vigil.onvif.message;

import io.vigil.onvif.soap.Namespaces;
import io.vigil.onvif.soap.SoapMessageException;
import io.vigil.onvif.xml.Dom;
import io.vigil.onvif.xml.XmlOutput;
import io.vigil.onvif.xml.XmlWritable;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.w3c.dom.Element;

/**
 * The part of {@code tds:GetCapabilitiesResponse} Vigil uses: where the device and media
 * services are. The older way to find services, for devices without GetServices (ONVIF before
 * 2.0). Written with the elements the schema requires of those two categories.
 *
 * @param device the device service address
 * @param media  the media (ver10) service address, if the device has one
 */
public record Capabilities(URI device, Optional<URI> media) implements XmlWritable {

    public Capabilities {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(media, "media");
    }

    public static Capabilities read(Element response) throws SoapMessageException {
        Element capabilities = Read.child(response, Namespaces.TDS, "Capabilities");
        URI device = Read.uri(Read.child(capabilities, Namespaces.TT, "Device"), Namespaces.TT, "XAddr");
        Optional<Element> media = Dom.child(capabilities, Namespaces.TT, "Media");
        return new Capabilities(device, media.isEmpty() ? Optional.empty() : Optional.of(Read.uri(media.get(), Namespaces.TT, "XAddr")));
    }

    /** The request for every category. */
    public static XmlWritable request() {
        return out -> {
            XmlOutput.startElement(out, Operation.GET_CAPABILITIES.request());
            XmlOutput.textElement(out, Namespaces.tds("Category"), "All");
            out.writeEndElement();
        };
    }

    @Override
    public void writeTo(XMLStreamWriter out) throws XMLStreamException {
        XmlOutput.startElement(out, Operation.GET_CAPABILITIES.response());
        XmlOutput.startElement(out, Namespaces.tds("Capabilities"));
        XmlOutput.startElement(out, Namespaces.tt("Device"));
        XmlOutput.textElement(out, Namespaces.tt("XAddr"), device.toString());
        out.writeEndElement();
        if (media.isPresent()) {
            XmlOutput.startElement(out, Namespaces.tt("Media"));
            XmlOutput.textElement(out, Namespaces.tt("XAddr"), media.get().toString());
            XmlOutput.startElement(out, Namespaces.tt("StreamingCapabilities"));
            XmlOutput.textElement(out, Namespaces.tt("RTPMulticast"), "false");
            XmlOutput.textElement(out, Namespaces.tt("RTP_TCP"), "true");
            XmlOutput.textElement(out, Namespaces.tt("RTP_RTSP_TCP"), "true");
            out.writeEndElement();
            out.writeEndElement();
        }
        out.writeEndElement();
        out.writeEndElement();
    }
}

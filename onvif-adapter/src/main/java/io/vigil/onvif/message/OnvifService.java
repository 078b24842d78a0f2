package io.vigil.onvif.message;

import io.vigil.onvif.soap.Namespaces;
import io.vigil.onvif.soap.SoapMessageException;
import io.vigil.onvif.xml.XmlOutput;
import java.net.URI;
import java.util.Objects;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.w3c.dom.Element;

/**
 * One {@code tds:Service} of a GetServices answer: which service (its WSDL namespace), where it
 * is and which version.
 */
public record OnvifService(String namespace, URI address, int major, int minor) {

    public OnvifService {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(address, "address");
    }

    static OnvifService read(Element service) throws SoapMessageException {
        Element version = Read.child(service, Namespaces.TDS, "Version");
        return new OnvifService(Read.text(service, Namespaces.TDS, "Namespace"), Read.uri(service, Namespaces.TDS, "XAddr"),
                Read.integer(version, Namespaces.TT, "Major"), Read.integer(version, Namespaces.TT, "Minor"));
    }

    void writeTo(XMLStreamWriter out) throws XMLStreamException {
        XmlOutput.startElement(out, Namespaces.tds("Service"));
        XmlOutput.textElement(out, Namespaces.tds("Namespace"), namespace);
        XmlOutput.textElement(out, Namespaces.tds("XAddr"), address.toString());
        XmlOutput.startElement(out, Namespaces.tds("Version"));
        XmlOutput.textElement(out, Namespaces.tt("Major"), Integer.toString(major));
        XmlOutput.textElement(out, Namespaces.tt("Minor"), Integer.toString(minor));
        out.writeEndElement();
        out.writeEndElement();
    }
}

package io.vigil.onvif.discovery;

import io.vigil.onvif.soap.Namespaces;
import io.vigil.onvif.xml.XmlOutput;
import io.vigil.onvif.xml.XmlWritable;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A SOAP 1.2 envelope with WS-Addressing 2004/08 headers. Not {@link io.vigil.onvif.soap.SoapEnvelope}:
 * that one declares WS-Addressing 1.0, which WS-Discovery 2005/04 does not use.
 *
 * @param action      wsa:Action
 * @param messageId   wsa:MessageID
 * @param relatesTo   wsa:RelatesTo, or null
 * @param to          wsa:To
 * @param appSequence d:AppSequence, or null
 * @param body        the body element
 */
record DiscoveryEnvelope(String action, String messageId, String relatesTo, String to, AppSequence appSequence,
        XmlWritable body) implements XmlWritable {

    @Override
    public void writeTo(XMLStreamWriter out) throws XMLStreamException {
        XmlOutput.startElement(out, Namespaces.soap("Envelope"));
        // declared once at the root, as devices in the field do, so the body's names stay short
        out.writeNamespace("wsa", WsDiscovery.WSA);
        out.writeNamespace("d", WsDiscovery.D);
        XmlOutput.startElement(out, Namespaces.soap("Header"));
        XmlOutput.textElement(out, WsDiscovery.wsa("Action"), action);
        XmlOutput.textElement(out, WsDiscovery.wsa("MessageID"), messageId);
        if (relatesTo != null) {
            XmlOutput.textElement(out, WsDiscovery.wsa("RelatesTo"), relatesTo);
        }
        XmlOutput.textElement(out, WsDiscovery.wsa("To"), to);
        if (appSequence != null) {
            appSequence.writeTo(out);
        }
        out.writeEndElement();
        XmlOutput.startElement(out, Namespaces.soap("Body"));
        body.writeTo(out);
        out.writeEndElement();
        out.writeEndElement();
    }

    byte[] toBytes() {
        return XmlOutput.toBytes(this);
    }
}

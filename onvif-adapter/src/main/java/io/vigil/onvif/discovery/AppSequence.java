package io.vigil.onvif.discovery;

import io.vigil.onvif.xml.XmlOutput;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The {@code d:AppSequence} header of Hello, Bye and ProbeMatches: lets a receiver put a device's
 * announcements in order and notice that it restarted (a new instance id).
 *
 * @param instanceId    grows with each start of the device (seconds since the epoch at start will do)
 * @param messageNumber grows with each message within one instance
 */
public record AppSequence(long instanceId, long messageNumber) {

    public AppSequence {
        if (instanceId < 0 || messageNumber < 0) {
            throw new IllegalArgumentException("AppSequence numbers are unsigned: " + instanceId + ", " + messageNumber);
        }
    }

    void writeTo(XMLStreamWriter out) throws XMLStreamException {
        XmlOutput.startElement(out, WsDiscovery.d("AppSequence"));
        XmlOutput.attribute(out, "InstanceId", Long.toString(instanceId));
        XmlOutput.attribute(out, "MessageNumber", Long.toString(messageNumber));
        out.writeEndElement();
    }
}

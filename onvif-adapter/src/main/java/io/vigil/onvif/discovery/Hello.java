package io.vigil.onvif.discovery;

import io.vigil.onvif.xml.XmlOutput;
import java.util.Objects;

/**
 * Sent to the multicast group when a device joins the network: it carries the same description
 * as a ProbeMatch, so a listener needs no probe to use the device.
 *
 * @param messageId   {@code urn:uuid:...}
 * @param appSequence the device's announcement sequence
 * @param target      the device
 */
public record Hello(String messageId, AppSequence appSequence, TargetService target) implements DiscoveryMessage {

    public Hello {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(appSequence, "appSequence");
        Objects.requireNonNull(target, "target");
    }

    @Override
    public byte[] toBytes() {
        return new DiscoveryEnvelope(WsDiscovery.ACTION_HELLO, messageId, null, WsDiscovery.TO_DISCOVERY, appSequence, out -> {
            XmlOutput.startElement(out, WsDiscovery.d("Hello"));
            target.writeContent(out);
            out.writeEndElement();
        }).toBytes();
    }
}

package io.vigil.onvif.discovery;

import io.vigil.onvif.xml.XmlOutput;
import java.util.Objects;

/**
 * Sent to the multicast group when a device leaves the network (ONVIF Core, "Bye": should).
 *
 * @param messageId         {@code urn:uuid:...}
 * @param appSequence       the device's announcement sequence
 * @param endpointReference the device that leaves
 */
public record Bye(String messageId, AppSequence appSequence, String endpointReference) implements DiscoveryMessage {

    public Bye {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(appSequence, "appSequence");
        Objects.requireNonNull(endpointReference, "endpointReference");
    }

    @Override
    public byte[] toBytes() {
        return new DiscoveryEnvelope(WsDiscovery.ACTION_BYE, messageId, null, WsDiscovery.TO_DISCOVERY, appSequence, out -> {
            XmlOutput.startElement(out, WsDiscovery.d("Bye"));
            TargetService.writeEndpointReference(out, endpointReference);
            out.writeEndElement();
        }).toBytes();
    }
}

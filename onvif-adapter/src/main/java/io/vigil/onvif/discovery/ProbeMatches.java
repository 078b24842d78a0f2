package io.vigil.onvif.discovery;

import io.vigil.onvif.xml.XmlOutput;
import java.util.List;
import java.util.Objects;

/**
 * The answer to a {@link Probe}: the answering device (usually one) that matched it.
 *
 * @param messageId   {@code urn:uuid:...}
 * @param relatesTo   the Probe's MessageID; how a client tells answers to its probe from others
 * @param appSequence the device's announcement sequence
 * @param matches     one entry per matching target service
 */
public record ProbeMatches(String messageId, String relatesTo, AppSequence appSequence, List<TargetService> matches)
        implements DiscoveryMessage {

    public ProbeMatches {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(relatesTo, "relatesTo");
        Objects.requireNonNull(appSequence, "appSequence");
        matches = List.copyOf(matches);
    }

    @Override
    public byte[] toBytes() {
        return new DiscoveryEnvelope(WsDiscovery.ACTION_PROBE_MATCHES, messageId, relatesTo, WsDiscovery.TO_ANONYMOUS,
                appSequence, out -> {
                    XmlOutput.startElement(out, WsDiscovery.d("ProbeMatches"));
                    for (TargetService match : matches) {
                        XmlOutput.startElement(out, WsDiscovery.d("ProbeMatch"));
                        match.writeContent(out);
                        out.writeEndElement();
                    }
                    out.writeEndElement();
                }).toBytes();
    }
}

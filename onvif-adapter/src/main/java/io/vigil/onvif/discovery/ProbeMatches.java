package io.vigil.onvif.discovery;

import io.vigil.onvif.xml.XmlOutput;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to a {@link Probe}: the answering device (usually one) that matched it.
 *
 * @param messageId   {@code urn:uuid:...}
 * @param relatesTo   the Probe's MessageID; how a client tells answers to its probe from others
 * @param appSequence the device's announcement sequence
 * @param matches     one entry per matching target service
 * @param deviation   how the received message departed from WS-Discovery although it could be read
 *                    unambiguously (a bare ProbeMatch); empty for a conformant one and for every
 *                    one Vigil writes
 */
public record ProbeMatches(String messageId, String relatesTo, AppSequence appSequence, List<TargetService> matches,
        Optional<String> deviation) implements DiscoveryMessage {

    public ProbeMatches {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(relatesTo, "relatesTo");
        Objects.requireNonNull(appSequence, "appSequence");
        Objects.requireNonNull(deviation, "deviation");
        matches = List.copyOf(matches);
    }

    /** A conformant ProbeMatches. */
    public ProbeMatches(String messageId, String relatesTo, AppSequence appSequence, List<TargetService> matches) {
        this(messageId, relatesTo, appSequence, matches, Optional.empty());
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

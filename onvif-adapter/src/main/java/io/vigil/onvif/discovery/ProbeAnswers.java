package io.vigil.onvif.discovery;

import io.vigil.onvif.xml.SafeText;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The devices that answered one probe, once each by endpoint reference: a device on two
 * interfaces, or one that hears a repeated probe, answers more than once. Of two answers the one
 * with the higher MetadataVersion wins, as it describes the device more recently.
 */
final class ProbeAnswers {

    private final String probeMessageId;
    private final Map<String, TargetService> byEndpoint = new LinkedHashMap<>();

    ProbeAnswers(String probeMessageId) {
        this.probeMessageId = probeMessageId;
    }

    /**
     * Takes the devices of an answer to this probe.
     *
     * @return what became of the message as a reply; empty for a Hello, Bye or Probe from the group, which are not replies
     */
    Optional<ProbeReply> add(DiscoveryMessage message, InetSocketAddress from) {
        if (!(message instanceof ProbeMatches matches)) {
            return Optional.empty();
        }
        if (!probeMessageId.equals(matches.relatesTo())) {
            return Optional.of(new ProbeReply(from, ProbeReply.Verdict.REFUSED, "answers another probe (RelatesTo "
                    + SafeText.excerpt(matches.relatesTo(), 80) + ")"));
        }
        for (TargetService target : matches.matches()) {
            byEndpoint.merge(target.endpointReference(), target,
                    (known, latest) -> latest.metadataVersion() > known.metadataVersion() ? latest : known);
        }
        String devices = matches.matches().size() + " device(s): " + matches.matches().stream()
                .map(t -> SafeText.excerpt(t.endpointReference(), 80)).toList();
        return Optional.of(matches.deviation()
                .map(d -> new ProbeReply(from, ProbeReply.Verdict.ACCEPTED_NON_CONFORMANT, devices + "; not WS-Discovery: " + d))
                .orElse(new ProbeReply(from, ProbeReply.Verdict.ACCEPTED, devices)));
    }

    List<DiscoveredDevice> devices() {
        return byEndpoint.values().stream().map(DiscoveredDevice::of).toList();
    }
}

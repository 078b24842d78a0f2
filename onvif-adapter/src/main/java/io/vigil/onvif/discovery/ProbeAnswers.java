package io.vigil.onvif.discovery;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    void add(DiscoveryMessage message) {
        if (!(message instanceof ProbeMatches matches) || !probeMessageId.equals(matches.relatesTo())) {
            return; // another probe's answer, or a Hello, Bye or Probe from the group
        }
        for (TargetService target : matches.matches()) {
            byEndpoint.merge(target.endpointReference(), target,
                    (known, latest) -> latest.metadataVersion() > known.metadataVersion() ? latest : known);
        }
    }

    List<DiscoveredDevice> devices() {
        return byEndpoint.values().stream().map(DiscoveredDevice::of).toList();
    }
}

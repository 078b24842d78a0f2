package io.vigil.onvif.discovery;

import io.vigil.onvif.soap.WsAddressing;
import io.vigil.onvif.xml.XmlOutput;
import java.util.List;
import java.util.Objects;
import javax.xml.namespace.QName;

/**
 * A Probe: "who offers all these types and is in all these scopes?" Empty types or scopes match
 * every device.
 *
 * @param messageId {@code urn:uuid:...}
 * @param types     every type a device must offer
 * @param scopes    every scope a device must be in, compared by {@code matchBy}
 * @param matchBy   the scope matching rule; {@link WsDiscovery#MATCH_BY_RFC3986}, the default
 */
public record Probe(String messageId, List<QName> types, List<String> scopes, String matchBy) implements DiscoveryMessage {

    public Probe {
        Objects.requireNonNull(messageId, "messageId");
        types = List.copyOf(types);
        scopes = List.copyOf(scopes);
        matchBy = matchBy == null || matchBy.isEmpty() ? WsDiscovery.MATCH_BY_RFC3986 : matchBy;
    }

    /** A new Probe for these types, any scope. */
    public static Probe forTypes(QName... types) {
        return new Probe(WsAddressing.newMessageId(), List.of(types), List.of(), null);
    }

    /**
     * What ONVIF clients send to find cameras: {@code dn:NetworkVideoTransmitter tds:Device}
     * (ONVIF Core, "Probe and Probe Match"; the npm {@code onvif} package sends the same).
     */
    public static Probe forCameras() {
        return forTypes(WsDiscovery.NETWORK_VIDEO_TRANSMITTER, WsDiscovery.DEVICE);
    }

    /** Whether {@code target} offers every type and is in every scope this probe asks for. */
    public boolean matches(TargetService target) {
        return target.types().containsAll(types) && ScopeMatching.allMatch(scopes, target.scopes(), matchBy);
    }

    @Override
    public byte[] toBytes() {
        return new DiscoveryEnvelope(WsDiscovery.ACTION_PROBE, messageId, null, WsDiscovery.TO_DISCOVERY, null, out -> {
            XmlOutput.startElement(out, WsDiscovery.d("Probe"));
            if (!types.isEmpty()) {
                QNameList.write(out, WsDiscovery.d("Types"), types);
            }
            if (!scopes.isEmpty()) {
                XmlOutput.startElement(out, WsDiscovery.d("Scopes"));
                if (!matchBy.equals(WsDiscovery.MATCH_BY_RFC3986)) {
                    XmlOutput.attribute(out, "MatchBy", matchBy);
                }
                XmlOutput.characters(out, String.join(" ", scopes));
                out.writeEndElement();
            }
            out.writeEndElement();
        }).toBytes();
    }
}

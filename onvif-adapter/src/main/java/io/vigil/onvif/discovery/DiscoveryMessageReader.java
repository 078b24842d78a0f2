package io.vigil.onvif.discovery;

import io.vigil.onvif.soap.ReceivedEnvelope;
import io.vigil.onvif.soap.SoapMessageException;
import io.vigil.onvif.soap.SoapReader;
import io.vigil.onvif.xml.Dom;
import io.vigil.onvif.xml.XmlException;
import io.vigil.onvif.xml.XmlLimits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.xml.namespace.QName;
import org.w3c.dom.Element;

/**
 * Reads a datagram into a {@link DiscoveryMessage} through the secure parser, with limits fit for
 * one datagram: at most {@link WsDiscovery#MAX_DATAGRAM_BYTES}, shallow, few elements. Anything
 * else (another action, a body that does not fit its action, a missing MessageID or
 * EndpointReference) is refused with an {@link XmlException}; callers drop such datagrams.
 *
 * <p>Thread-safe.
 */
public final class DiscoveryMessageReader {

    /** A ProbeMatches of one device has some 15 elements; 2,000 leaves room for many matches and headers. */
    public static final XmlLimits DATAGRAM_LIMITS = new XmlLimits(WsDiscovery.MAX_DATAGRAM_BYTES, 16, 2_000);

    private final SoapReader soap = new SoapReader(DATAGRAM_LIMITS);

    /** The message in {@code length} bytes of {@code datagram} from {@code offset}. */
    public DiscoveryMessage read(byte[] datagram, int offset, int length) throws XmlException {
        if (length > WsDiscovery.MAX_DATAGRAM_BYTES) {
            throw new SoapMessageException("datagram of " + length + " bytes; a discovery message is at most "
                    + WsDiscovery.MAX_DATAGRAM_BYTES);
        }
        ReceivedEnvelope envelope = soap.read(Arrays.copyOfRange(datagram, offset, offset + length));
        String action = envelope.headerText(WsDiscovery.WSA, "Action")
                .orElseThrow(() -> new SoapMessageException("discovery message without wsa:Action (WS-Addressing 2004/08)"));
        String messageId = envelope.headerText(WsDiscovery.WSA, "MessageID").filter(id -> !id.isEmpty())
                .orElseThrow(() -> new SoapMessageException("discovery message without wsa:MessageID"));
        switch (action) {
            case WsDiscovery.ACTION_PROBE:
                return probe(messageId, envelope.requireBody(WsDiscovery.D, "Probe"));
            case WsDiscovery.ACTION_PROBE_MATCHES, WsDiscovery.ACTION_PROBE_MATCH:
                return probeMatches(messageId, envelope, action);
            case WsDiscovery.ACTION_HELLO:
                return new Hello(messageId, appSequence(envelope),
                        TargetService.read(envelope.requireBody(WsDiscovery.D, "Hello")));
            case WsDiscovery.ACTION_BYE:
                return new Bye(messageId, appSequence(envelope),
                        TargetService.readEndpointReference(envelope.requireBody(WsDiscovery.D, "Bye")));
            default:
                // Resolve, ResolveMatches and anything else: not used by ONVIF clients here
                throw new SoapMessageException("not a discovery message Vigil reads: action " + Dom.describe(
                        envelope.header(WsDiscovery.WSA, "Action").orElseThrow()));
        }
    }

    public DiscoveryMessage read(byte[] datagram) throws XmlException {
        return read(datagram, 0, datagram.length);
    }

    private static Probe probe(String messageId, Element body) {
        List<QName> types = Dom.child(body, WsDiscovery.D, "Types").map(QNameList::read).orElse(List.of());
        Element scopes = Dom.child(body, WsDiscovery.D, "Scopes").orElse(null);
        if (scopes == null) {
            return new Probe(messageId, types, List.of(), null);
        }
        return new Probe(messageId, types, QNameList.tokens(scopes), scopes.getAttribute("MatchBy").strip());
    }

    /**
     * A ProbeMatches, or the form some virtual cameras send instead: Action {@code .../ProbeMatch}
     * and one bare {@code d:ProbeMatch} as the Body, without the {@code d:ProbeMatches} wrapper.
     * That form is unambiguous (one Body element, one device, RelatesTo naming the probe), so it
     * is read as a ProbeMatches of that one device, marked with its {@link ProbeMatches#deviation()}.
     */
    private static ProbeMatches probeMatches(String messageId, ReceivedEnvelope envelope, String action) throws XmlException {
        String relatesTo = envelope.headerText(WsDiscovery.WSA, "RelatesTo").filter(id -> !id.isEmpty())
                .orElseThrow(() -> new SoapMessageException("ProbeMatches without wsa:RelatesTo"));
        Element body = envelope.body().orElseThrow(() -> new SoapMessageException("ProbeMatches with an empty SOAP Body"));
        List<TargetService> matches = new ArrayList<>();
        List<String> deviations = new ArrayList<>();
        if (!WsDiscovery.ACTION_PROBE_MATCHES.equals(action)) {
            deviations.add("wsa:Action .../ProbeMatch instead of .../ProbeMatches");
        }
        if (Dom.is(body, WsDiscovery.D, "ProbeMatches")) {
            for (Element match : Dom.children(body, WsDiscovery.D, "ProbeMatch")) {
                matches.add(TargetService.read(match));
            }
        } else if (Dom.is(body, WsDiscovery.D, "ProbeMatch")) {
            deviations.add("a bare d:ProbeMatch without the d:ProbeMatches wrapper");
            matches.add(TargetService.read(body));
        } else {
            throw new SoapMessageException("SOAP Body holds " + Dom.describe(body) + " where d:ProbeMatches was expected");
        }
        return new ProbeMatches(messageId, relatesTo, appSequence(envelope), matches,
                deviations.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", deviations)));
    }

    /** AppSequence as sent, or 0/0 when it is missing or unreadable: ordering is a nicety, not a reason to drop a device. */
    private static AppSequence appSequence(ReceivedEnvelope envelope) {
        return envelope.header(WsDiscovery.D, "AppSequence").map(sequence -> {
            try {
                return new AppSequence(Long.parseLong(sequence.getAttribute("InstanceId").strip()),
                        Long.parseLong(sequence.getAttribute("MessageNumber").strip()));
            } catch (IllegalArgumentException e) {
                return new AppSequence(0, 0);
            }
        }).orElse(new AppSequence(0, 0));
    }
}

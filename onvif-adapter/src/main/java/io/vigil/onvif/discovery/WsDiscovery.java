package io.vigil.onvif.discovery;

import io.vigil.onvif.soap.Namespaces;
import java.net.InetSocketAddress;
import javax.xml.namespace.QName;

/**
 * Names WS-Discovery messages use. ONVIF Core ("Namespaces" table) names WS-Discovery 2005/04 and
 * the WS-Addressing 2004/08 it was written against, not the WS-Addressing 1.0 of the other ONVIF
 * services ({@link Namespaces#WSA}); a 2005/08 header in a probe is not understood by cameras.
 */
public final class WsDiscovery {

    /** WS-Discovery 2005/04 (prefix {@code d}). */
    public static final String D = "http://schemas.xmlsoap.org/ws/2005/04/discovery";
    /** WS-Addressing 2004/08 (prefix {@code wsa}), the one WS-Discovery 2005/04 uses. */
    public static final String WSA = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
    /** ONVIF network types (prefix {@code dn}): {@code dn:NetworkVideoTransmitter}. */
    public static final String DN = "http://www.onvif.org/ver10/network/wsdl";

    public static final String ACTION_PROBE = D + "/Probe";
    public static final String ACTION_PROBE_MATCHES = D + "/ProbeMatches";
    /** Not WS-Discovery: the Action some virtual cameras put on a bare ProbeMatch; read, never sent. */
    public static final String ACTION_PROBE_MATCH = D + "/ProbeMatch";
    public static final String ACTION_HELLO = D + "/Hello";
    public static final String ACTION_BYE = D + "/Bye";

    /** The {@code wsa:To} of every multicast message (WS-Discovery 2005/04, 2.4). */
    public static final String TO_DISCOVERY = "urn:schemas-xmlsoap-org:ws:2005:04:discovery";
    /** The {@code wsa:To} of a reply to a sender that gave no ReplyTo. */
    public static final String TO_ANONYMOUS = WSA + "/role/anonymous";

    /** Scope matching by RFC 3986 path-segment prefix; ONVIF devices must support it and it is the default. */
    public static final String MATCH_BY_RFC3986 = D + "/rfc3986";
    /** Scope matching by exact, case-sensitive string comparison. */
    public static final String MATCH_BY_STRCMP0 = D + "/strcmp0";

    /** IPv4 multicast group and port of WS-Discovery. */
    public static final String MULTICAST_ADDRESS = "239.255.255.250";
    public static final int PORT = 3702;

    /** ONVIF cameras: {@code dn:NetworkVideoTransmitter}. */
    public static final QName NETWORK_VIDEO_TRANSMITTER = new QName(DN, "NetworkVideoTransmitter", "dn");
    /** Every ONVIF device's device management service: {@code tds:Device}. */
    public static final QName DEVICE = new QName(Namespaces.TDS, "Device", "tds");

    /**
     * The most a datagram can carry; no discovery message is read beyond it. Also the receive
     * buffer size, so nothing is ever silently truncated into something else.
     */
    public static final int MAX_DATAGRAM_BYTES = 65_536;

    private WsDiscovery() {
    }

    /** 239.255.255.250:3702 (a new value each call, so no address object is shared). */
    public static InetSocketAddress multicastGroup() {
        return new InetSocketAddress(MULTICAST_ADDRESS, PORT);
    }

    static QName d(String localName) {
        return new QName(D, localName, "d");
    }

    static QName wsa(String localName) {
        return new QName(WSA, localName, "wsa");
    }
}

package io.vigil.onvif.discovery;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Datagrams a discovery socket must drop: malformed, hostile, or not a discovery message Vigil reads. */
final class HostileDatagrams {

    private HostileDatagrams() {
    }

    static List<byte[]> all() {
        List<byte[]> datagrams = new ArrayList<>();
        datagrams.add(new byte[0]);
        datagrams.add(new byte[] {0, 1, 2, (byte) 0xFF, (byte) 0xFE, 3});
        datagrams.add(utf8("M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\n\r\n"));
        byte[] probe = Probe.forCameras().toBytes();
        byte[] truncated = new byte[probe.length / 2];
        System.arraycopy(probe, 0, truncated, 0, truncated.length);
        datagrams.add(truncated);
        datagrams.add(utf8("<?xml version=\"1.0\"?><!DOCTYPE s [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body>&x;</s:Body></s:Envelope>"));
        datagrams.add(utf8("<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;\">"
                + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;\">]><l>&c;&c;&c;&c;&c;&c;&c;</l>"));
        datagrams.add(utf8("<a>".repeat(500) + "</a>".repeat(500)));
        datagrams.add(utf8("<x>" + "<y/>".repeat(5_000) + "</x>"));
        // SOAP 1.1, which ONVIF does not use
        datagrams.add(utf8(new String(probe, StandardCharsets.UTF_8).replace("http://www.w3.org/2003/05/soap-envelope",
                "http://schemas.xmlsoap.org/soap/envelope/")));
        // WS-Addressing 1.0 instead of 2004/08: not WS-Discovery 2005/04
        datagrams.add(utf8(new String(probe, StandardCharsets.UTF_8).replace(WsDiscovery.WSA,
                "http://www.w3.org/2005/08/addressing")));
        // a Probe action with a Hello body
        datagrams.add(utf8(new String(new Hello("urn:uuid:h", new AppSequence(1, 1), DiscoveryMessagesTest.CAMERA).toBytes(),
                StandardCharsets.UTF_8).replace(WsDiscovery.ACTION_HELLO, WsDiscovery.ACTION_PROBE)));
        // no MessageID
        datagrams.add(utf8(new String(probe, StandardCharsets.UTF_8).replaceAll("<wsa:MessageID>[^<]*</wsa:MessageID>", "")));
        // a Hello without EndpointReference
        datagrams.add(utf8(new String(new Hello("urn:uuid:h", new AppSequence(1, 1), DiscoveryMessagesTest.CAMERA).toBytes(),
                StandardCharsets.UTF_8).replaceAll("<wsa:EndpointReference>.*</wsa:EndpointReference>", "")));
        // a ProbeMatches that relates to nothing
        datagrams.add(utf8(new String(new ProbeMatches("urn:uuid:m", "urn:uuid:p", new AppSequence(1, 1),
                List.of(DiscoveryMessagesTest.CAMERA)).toBytes(), StandardCharsets.UTF_8)
                .replaceAll("<wsa:RelatesTo>[^<]*</wsa:RelatesTo>", "")));
        // two bodies: which one a reader would pick is what smuggling relies on
        datagrams.add(utf8(new String(probe, StandardCharsets.UTF_8).replace("</s:Envelope>",
                "<s:Body><d:Probe/></s:Body></s:Envelope>")));
        // another action (Resolve) Vigil does not read
        datagrams.add(utf8(new String(probe, StandardCharsets.UTF_8).replace(WsDiscovery.ACTION_PROBE, WsDiscovery.D + "/Resolve")));
        return datagrams;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

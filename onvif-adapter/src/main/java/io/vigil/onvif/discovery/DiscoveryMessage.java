package io.vigil.onvif.discovery;

/**
 * A WS-Discovery message ONVIF devices and clients exchange: {@link Probe}, {@link ProbeMatches},
 * {@link Hello} or {@link Bye}. Written by {@link #toBytes()}, read by {@link DiscoveryMessageReader}.
 */
public sealed interface DiscoveryMessage permits Probe, ProbeMatches, Hello, Bye {

    /** {@code urn:uuid:...}; a receiver ties replies (RelatesTo) and repeats to it. */
    String messageId();

    /** The SOAP 1.2 envelope as UTF-8, one datagram. */
    byte[] toBytes();
}

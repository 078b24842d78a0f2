package io.vigil.onvif.discovery;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Where a {@link WsDiscoveryClient} sends and listens.
 *
 * @param interfaceAddress the local address multicast probes leave from and the group is joined
 *                         on: it chooses the network the cameras are on. The wildcard address
 *                         (0.0.0.0) leaves the choice to the system's route for multicast
 * @param group            the multicast group, {@link WsDiscovery#multicastGroup()} but for tests
 * @param timeToLive       multicast TTL; 1 keeps probes on the local link, as WS-Discovery intends
 */
public record DiscoveryClientOptions(InetAddress interfaceAddress, InetSocketAddress group, int timeToLive) {

    public DiscoveryClientOptions {
        Objects.requireNonNull(interfaceAddress, "interfaceAddress");
        Objects.requireNonNull(group, "group");
        if (!group.getAddress().isMulticastAddress()) {
            throw new IllegalArgumentException("not a multicast group: " + group);
        }
        if (timeToLive < 1 || timeToLive > 255) {
            throw new IllegalArgumentException("multicast TTL out of 1..255: " + timeToLive);
        }
    }

    /** The standard group, TTL 1, on the network of {@code interfaceAddress}. */
    public static DiscoveryClientOptions on(InetAddress interfaceAddress) {
        return new DiscoveryClientOptions(interfaceAddress, WsDiscovery.multicastGroup(), 1);
    }
}

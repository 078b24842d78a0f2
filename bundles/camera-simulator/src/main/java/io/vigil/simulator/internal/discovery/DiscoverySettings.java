package io.vigil.simulator.internal.discovery;

import io.vigil.onvif.discovery.DiscoveryResponder;
import io.vigil.onvif.discovery.TargetService;
import io.vigil.onvif.soap.WsAddressing;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a simulated camera takes part in WS-Discovery.
 *
 * @param endpointReference its identity, {@code urn:uuid:...}, stable across restarts of one camera
 * @param name              for the {@code onvif://www.onvif.org/name/...} scope
 * @param hardware          for the {@code .../hardware/...} scope
 * @param location          for the {@code .../location/...} scope
 * @param unicastPort       UDP port on 127.0.0.1 for directed probes, 0 for any free one
 * @param multicast         whether it may join the multicast group and send Hello and Bye to it.
 *                          Off by default: multicast must only ever happen inside a network
 *                          namespace a test created, never on a real network
 */
public record DiscoverySettings(String endpointReference, String name, String hardware, String location, int unicastPort,
        boolean multicast) {

    public DiscoverySettings {
        Objects.requireNonNull(endpointReference, "endpointReference");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(hardware, "hardware");
        Objects.requireNonNull(location, "location");
        if (unicastPort < 0 || unicastPort > 65535) {
            throw new IllegalArgumentException("not a UDP port: " + unicastPort);
        }
    }

    /** A new identity, directed probes on any free port, no multicast. */
    public static DiscoverySettings unicastOnly(String name) {
        return new DiscoverySettings(WsAddressing.newMessageId(), name, "Vigil-SIM", "simulator", 0, false);
    }

    /** The same, allowed to multicast: only inside a network namespace. */
    public DiscoverySettings withMulticast() {
        return new DiscoverySettings(endpointReference, name, hardware, location, unicastPort, true);
    }

    /**
     * The camera's WS-Discovery target service (not started): directed probes on 127.0.0.1, so they
     * only ever come from this host, every one answered; multicast on lo where allowed.
     *
     * @param deviceService the camera's device service address, its one XAddr
     */
    public DiscoveryResponder responder(URI deviceService) {
        return new DiscoveryResponder(
                DiscoveryResponder.Options.directed(InetAddress.getLoopbackAddress(), unicastPort, "simulated-camera-discovery")
                        .withMulticast(multicast, Optional.empty()),
                new TargetService(endpointReference, DiscoveryResponder.CAMERA_TYPES, OnvifScopes.of(this),
                        List.of(deviceService), 1));
    }
}

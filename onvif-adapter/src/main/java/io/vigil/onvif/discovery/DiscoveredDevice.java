package io.vigil.onvif.discovery;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * A device found by discovery.
 *
 * @param endpointReference its stable identity ({@code urn:uuid:...}); devices are told apart by it
 * @param xaddrs            its device service addresses (http and https only)
 * @param scopes            its scope URIs
 * @param types             its types as {@code {namespace}localName} ({@link javax.xml.namespace.QName#toString()}),
 *                          so they compare without depending on the prefix a device chose
 */
public record DiscoveredDevice(String endpointReference, List<URI> xaddrs, List<String> scopes, List<String> types) {

    public DiscoveredDevice {
        Objects.requireNonNull(endpointReference, "endpointReference");
        xaddrs = List.copyOf(xaddrs);
        scopes = List.copyOf(scopes);
        types = List.copyOf(types);
    }

    public static DiscoveredDevice of(TargetService target) {
        return new DiscoveredDevice(target.endpointReference(), target.xaddrs(), target.scopes(),
                target.types().stream().map(Object::toString).toList());
    }
}

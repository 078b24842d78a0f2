package io.vigil.onvif.internal.registry;

import io.vigil.api.camera.Camera;
import io.vigil.api.camera.CameraRegistry;
import io.vigil.onvif.discovery.DiscoveredDevice;
import io.vigil.onvif.discovery.DiscoveryClientOptions;
import io.vigil.onvif.discovery.Probe;
import io.vigil.onvif.discovery.WsDiscoveryClient;
import io.vigil.api.admin.AdminCommand;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** Finds ONVIF devices with WS-Discovery and, when asked, adds the new ones as cameras. */
final class CameraDiscovery {

    private static final String NAME_SCOPE = "onvif://www.onvif.org/name/";

    private final CameraRegistry registry;
    private final AnnouncedCameras announced;
    private final ConfigurationAdmin configurations;

    CameraDiscovery(CameraRegistry registry, AnnouncedCameras announced, ConfigurationAdmin configurations) {
        this.registry = registry;
        this.announced = announced;
        this.configurations = configurations;
    }

    int run(DiscoverRequest request, PrintStream out, PrintStream err) {
        Map<String, DiscoveredDevice> found = new LinkedHashMap<>();
        WsDiscoveryClient client = new WsDiscoveryClient(DiscoveryClientOptions.on(wildcard()));
        try {
            if (!request.targets().isEmpty()) {
                client.probeDirected(request.targets(), Probe.forCameras(), request.waitFor())
                        .forEach(d -> found.putIfAbsent(d.endpointReference(), d));
            }
            if (request.multicast()) {
                client.probeMulticast(request.waitFor()).forEach(d -> found.putIfAbsent(d.endpointReference(), d));
            }
        } catch (IOException e) {
            err.println("Discovery failed: " + e.getMessage());
            return AdminCommand.PROBLEM;
        }
        if (found.isEmpty()) {
            out.println("No ONVIF device answered.");
            return AdminCommand.OK;
        }
        int problems = 0;
        // a device that only announced itself is listed by the registry but is not a camera yet
        Set<String> onlyAnnounced = announced.cameras().stream().map(Camera::id).collect(Collectors.toSet());
        for (DiscoveredDevice device : found.values()) {
            Optional<URI> address = device.xaddrs().stream().findFirst();
            if (address.isEmpty()) {
                continue;
            }
            String name = name(device);
            Optional<Camera> known = registry.cameras().stream().filter(c -> !onlyAnnounced.contains(c.id()))
                    .filter(c -> c.onvifAddress().equals(address.get())).findFirst();
            String outcome;
            if (VigilDevices.isVigil(device)) {
                outcome = "a Vigil device (restreams of cameras), not a camera: not added";
            } else if (known.isPresent()) {
                outcome = "already camera " + known.get().id();
            } else if (request.add()) {
                String id = cameraId(name, device.endpointReference());
                try {
                    add(id, name, address.get(), request);
                    outcome = "added as camera " + id;
                } catch (IOException e) {
                    outcome = "not added: " + e.getMessage();
                    problems++;
                }
            } else {
                outcome = "new (add it with --add, or a camera configuration)";
            }
            out.printf("%-28s %s  %s%n", name, address.get(), outcome);
        }
        return problems == 0 ? AdminCommand.OK : AdminCommand.PROBLEM;
    }

    private void add(String id, String name, URI address, DiscoverRequest request) throws IOException {
        Configuration configuration = configurations.getFactoryConfiguration(CameraComponent.PID, id, "?");
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("camera.id", id);
        properties.put("name", name);
        properties.put("address", address.toString());
        properties.put("user", request.user());
        properties.put("password.alias", request.passwordAlias());
        configuration.update(properties);
    }

    /** The device's name scope, which cameras fill with their configured name; else its address. */
    static String name(DiscoveredDevice device) {
        for (String scope : device.scopes()) {
            if (scope.startsWith(NAME_SCOPE)) {
                return URLDecoder.decode(scope.substring(NAME_SCOPE.length()), StandardCharsets.UTF_8);
            }
        }
        return device.xaddrs().isEmpty() ? device.endpointReference() : device.xaddrs().get(0).getHost();
    }

    static String cameraId(String name, String endpointReference) {
        String id = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
        String tail = endpointReference.replaceAll("[^a-f0-9]", "");
        return (id.isEmpty() ? "camera" : id) + "-" + tail.substring(Math.max(0, tail.length() - 6));
    }

    private static InetAddress wildcard() {
        try {
            return InetAddress.getByName("0.0.0.0");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

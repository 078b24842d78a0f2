package io.vigil.onvif.internal.registry;

import io.vigil.support.json.Json;
import io.vigil.api.camera.Camera;
import io.vigil.api.camera.CameraRegistry;
import io.vigil.onvif.discovery.DiscoveredDevice;
import io.vigil.onvif.discovery.DiscoveryClientOptions;
import io.vigil.onvif.discovery.Probe;
import io.vigil.onvif.discovery.ProbeReply;
import io.vigil.onvif.discovery.ProbeReport;
import io.vigil.onvif.discovery.WsDiscoveryClient;
import io.vigil.api.admin.AdminCommand;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
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
        List<ProbeReply> replies = new ArrayList<>();
        long unlisted = 0;
        WsDiscoveryClient client = new WsDiscoveryClient(DiscoveryClientOptions.on(wildcard()));
        try {
            List<ProbeReport> reports = new ArrayList<>();
            if (!request.targets().isEmpty()) {
                reports.add(client.probeDirectedReport(request.targets(), Probe.forCameras(), request.waitFor()));
            }
            if (request.multicast()) {
                reports.add(client.probeMulticastReport(Probe.forCameras(), request.waitFor()));
            }
            for (ProbeReport report : reports) {
                report.devices().forEach(d -> found.putIfAbsent(d.endpointReference(), d));
                replies.addAll(report.replies());
                unlisted += report.unlisted();
            }
        } catch (IOException e) {
            err.println("Discovery failed: " + e.getMessage());
            return AdminCommand.PROBLEM;
        }
        List<Found> rows = new ArrayList<>();
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
            if (VigilDevices.isVigil(device)) {
                rows.add(new Found(device, name, address.get(), "vigil-device", null,
                        "a Vigil device (restreams of cameras), not a camera: not added"));
            } else if (known.isPresent()) {
                rows.add(new Found(device, name, address.get(), "known", known.get().id(), "already camera " + known.get().id()));
            } else if (request.add()) {
                String id = cameraId(name, device.endpointReference());
                try {
                    add(id, name, address.get(), request);
                    rows.add(new Found(device, name, address.get(), "added", id, "added as camera " + id));
                } catch (IOException e) {
                    rows.add(new Found(device, name, address.get(), "not-added", null, "not added: " + e.getMessage()));
                }
            } else {
                rows.add(new Found(device, name, address.get(), "new", null, "new (add it with --add, or a camera configuration)"));
            }
        }
        long refused = replies.stream().filter(r -> r.verdict() == ProbeReply.Verdict.REFUSED).count();
        if (request.json()) {
            out.println(json(rows, replies, unlisted));
        } else {
            if (rows.isEmpty()) {
                out.println("No ONVIF device answered" + (refused == 0 ? "." : request.verbose() ? "; replies were refused:"
                        : "; " + refused + " replies were refused (--verbose says why)."));
            }
            rows.forEach(row -> out.printf("%-28s %s  %s%n", row.name(), row.address(), row.outcome()));
            if (request.verbose()) {
                printReplies(replies, unlisted, out);
            }
        }
        return rows.stream().anyMatch(row -> row.status().equals("not-added")) ? AdminCommand.PROBLEM : AdminCommand.OK;
    }

    /** A device found and what became of it. */
    private record Found(DiscoveredDevice device, String name, URI address, String status, String cameraId, String outcome) {
    }

    private static void printReplies(List<ProbeReply> replies, long unlisted, PrintStream out) {
        if (replies.isEmpty()) {
            out.println("Replies: none heard.");
            return;
        }
        out.println("Replies:");
        for (ProbeReply reply : replies) {
            out.printf("  %-24s %-24s %s%n", reply.from().getAddress().getHostAddress() + ":" + reply.from().getPort(),
                    reply.verdict().name().toLowerCase(Locale.ROOT).replace('_', '-'), reply.detail());
        }
        if (unlisted > 0) {
            out.println("  ... and " + unlisted + " more replies, not listed");
        }
    }

    private static String json(List<Found> rows, List<ProbeReply> replies, long unlisted) {
        List<Object> devices = new ArrayList<>();
        for (Found row : rows) {
            Map<String, Object> device = new LinkedHashMap<>();
            device.put("endpointReference", row.device().endpointReference());
            device.put("name", row.name());
            device.put("address", row.address().toString());
            device.put("status", row.status());
            device.put("cameraId", row.cameraId());
            device.put("detail", row.outcome());
            devices.add(device);
        }
        List<Object> heard = new ArrayList<>();
        for (ProbeReply reply : replies) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("from", reply.from().getAddress().getHostAddress() + ":" + reply.from().getPort());
            entry.put("verdict", reply.verdict().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            entry.put("detail", reply.detail());
            heard.add(entry);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("devices", devices);
        result.put("replies", heard);
        result.put("unlistedReplies", unlisted);
        return Json.pretty(result);
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

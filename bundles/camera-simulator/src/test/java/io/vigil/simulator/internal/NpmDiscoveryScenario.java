package io.vigil.simulator.internal;

import io.vigil.onvif.testing.NodeClients;
import io.vigil.onvif.testing.Json;

import io.vigil.onvif.security.Credentials;
import io.vigil.onvif.discovery.DiscoveryResponder;
import io.vigil.simulator.internal.discovery.DiscoverySettings;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Run by {@link NpmDiscoveryTest} in a child JVM inside a network namespace of its own: two
 * simulated cameras allowed to multicast, then the npm clients as child processes, which inherit
 * the namespace. Each client discovers by multicast ({@code onvif-discover.js},
 * {@code node-onvif-discover.js}), then connects to the first camera at the XAddr it discovered,
 * with the right password and with a wrong one ({@code onvif-client.js},
 * {@code node-onvif-client.js}). Asserts nothing; prints one line per fact for the test:
 * {@code CAMERA epr xaddr}, {@code RUN label exit millis json} (the script's JSON line),
 * {@code SKIPPED label reason}, {@code RESPONDER epr answered dropped refusedTokens}. Refuses to
 * run unless told it is inside a namespace, and checks that lo is its only interface.
 */
public final class NpmDiscoveryScenario {

    static final String IN_NAMESPACE = "--in-network-namespace";
    static final String USER = "operator";
    static final String PASSWORD = "correct horse";
    static final String WRONG_PASSWORD = "wrong horse";
    private static final URI RTSP = URI.create("rtsp://127.0.0.1:8554/sim/npm-discovery");
    /** How long onvif@0.8.3 collects ProbeMatches; node-onvif@0.1.7 has a fixed 3 s. */
    private static final String ONVIF_PROBE_MILLIS = "2000";
    private static final long SCRIPT_SECONDS = 20;

    private NpmDiscoveryScenario() {
    }

    public static void main(String[] args) {
        if (args.length != 1 || !args[0].equals(IN_NAMESPACE)) {
            System.err.println("multicasts to 239.255.255.250: run only in a network namespace, by NpmDiscoveryTest");
            System.exit(2);
        }
        try {
            if (!onlyLoopbackInterfaces()) {
                System.err.println("refusing to multicast: this process sees network interfaces other than loopback");
                System.exit(2);
            }
            run();
            System.out.flush();
            System.exit(0);
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static boolean onlyLoopbackInterfaces() throws SocketException {
        return NetworkInterface.networkInterfaces().allMatch(networkInterface -> {
            try {
                return networkInterface.isLoopback();
            } catch (SocketException e) {
                return false;
            }
        });
    }

    private static void run() throws Exception {
        NodeClients clients = NodeClients.installed();
        try (SimulatedCamera first = camera("Lobby camera");
                SimulatedCamera second = camera("Gate camera")) {
            first.start();
            second.start();
            for (SimulatedCamera camera : List.of(first, second)) {
                System.out.println("CAMERA " + responder(camera).target().endpointReference() + " " + camera.deviceService());
            }

            // both clients probe at once: each from its own ephemeral port
            CompletableFuture<NodeClients.Run> onvif = runAsync(clients, "onvif-discover.js", ONVIF_PROBE_MILLIS);
            CompletableFuture<NodeClients.Run> nodeOnvif = runAsync(clients, "node-onvif-discover.js");
            NodeClients.Run onvifFound = print("onvif-discover", onvif);
            NodeClients.Run nodeOnvifFound = print("node-onvif-discover", nodeOnvif);

            String firstId = responder(first).target().endpointReference();
            Map<String, CompletableFuture<NodeClients.Run>> connects = new LinkedHashMap<>();
            Optional<URI> onvifXaddr = xaddrOf(onvifFound, firstId);
            Optional<URI> nodeOnvifXaddr = xaddrOf(nodeOnvifFound, firstId);
            for (String[] attempt : List.of(new String[] {"right", PASSWORD}, new String[] {"wrong", WRONG_PASSWORD})) {
                onvifXaddr.ifPresent(xaddr -> connects.put("onvif-connect-" + attempt[0], runAsync(clients, "onvif-client.js",
                        xaddr.getHost(), Integer.toString(xaddr.getPort()), xaddr.getPath(), USER, attempt[1])));
                nodeOnvifXaddr.ifPresent(xaddr -> connects.put("node-onvif-connect-" + attempt[0],
                        runAsync(clients, "node-onvif-client.js", xaddr.toString(), USER, attempt[1])));
            }
            if (onvifXaddr.isEmpty()) {
                System.out.println("SKIPPED onvif-connect onvif did not discover " + firstId);
            }
            if (nodeOnvifXaddr.isEmpty()) {
                System.out.println("SKIPPED node-onvif-connect node-onvif did not discover " + firstId);
            }
            for (Map.Entry<String, CompletableFuture<NodeClients.Run>> connect : connects.entrySet()) {
                print(connect.getKey(), connect.getValue());
            }
            for (SimulatedCamera camera : List.of(first, second)) {
                DiscoveryResponder responder = responder(camera);
                System.out.println("RESPONDER " + responder.target().endpointReference() + " " + responder.answeredProbes() + " "
                        + responder.droppedDatagrams() + " " + camera.refusedTokens());
            }
        }
    }

    private static SimulatedCamera camera(String name) {
        return new SimulatedCamera(SimulatedCameraSettings.of(new Credentials(USER, PASSWORD.toCharArray()), RTSP),
                DiscoverySettings.unicastOnly(name).withMulticast());
    }

    private static DiscoveryResponder responder(SimulatedCamera camera) {
        return camera.discoveryResponder().orElseThrow();
    }

    private static CompletableFuture<NodeClients.Run> runAsync(NodeClients clients, String script, String... arguments) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return clients.run(script, SCRIPT_SECONDS, arguments);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
    }

    /** Prints {@code RUN label exit millis json}, the JSON line being the script's last. */
    private static NodeClients.Run print(String label, CompletableFuture<NodeClients.Run> pending) {
        NodeClients.Run run = pending.join();
        String json = run.stdout().lines().filter(line -> line.startsWith("{")).reduce((a, b) -> b).orElseThrow();
        System.out.println("RUN " + label + " " + run.exitCode() + " " + run.millis() + " " + json);
        if (!run.stderr().isBlank()) {
            System.out.println("STDERR " + label + " " + run.stderr().strip().replace('\n', ' '));
        }
        return run;
    }

    /** The first XAddr a discovery script printed for {@code endpointReference}. */
    private static Optional<URI> xaddrOf(NodeClients.Run run, String endpointReference) {
        List<Object> devices = run.result().containsKey("devices") ? Json.array(run.result().get("devices")) : new ArrayList<>();
        return devices.stream().map(Json::object).filter(device -> endpointReference.equals(device.get("urn")))
                .map(device -> Json.array(device.get("xaddrs"))).filter(xaddrs -> !xaddrs.isEmpty())
                .map(xaddrs -> URI.create(String.valueOf(xaddrs.get(0)))).findFirst();
    }
}

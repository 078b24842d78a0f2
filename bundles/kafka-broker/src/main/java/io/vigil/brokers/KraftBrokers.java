package io.vigil.brokers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Real Apache Kafka brokers on loopback: each node a separate JVM ({@code kafka.Kafka}) in KRaft mode, combined
 * broker and controller, with a small heap, free ports and its log in a file under the work folder. One node
 * (replication factor 1) or three (replication factor 3, {@code min.insync.replicas=2}). Failure detection is tuned
 * down as DESIGN.md measured: a broker is fenced 3 s after its last heartbeat, and a consumer-group member (KIP-848
 * protocol) may have a session as short as 1 s (3 s when the group sets nothing), so a failover takes seconds
 * rather than the defaults' 45 s.
 *
 * <p>Plain Java without dependencies, so that both the tests' harness and the launcher's cluster demo start brokers
 * the same way: the brokers' class path is a folder of {@code kafka_2.13} with its dependencies and a log4j binding
 * ({@code bundles/kafka-broker/target/lib} in the build, {@code lib/kafka} in the distribution). Closing stops every
 * node together (SIGTERM) and kills what has not stopped after 15 s: stopping nodes one at a time hangs the last in
 * controlled shutdown without a quorum.
 */
public class KraftBrokers implements AutoCloseable {

    /** The broker jar whose presence says the folder is a brokers' class path. */
    public static final String BROKER_JAR = "kafka_2.13-4.4.0.jar";

    // 11-18 s for three nodes on a quiet 2-core machine (DESIGN.md); minutes when eight builds share it
    private static final Duration START_BOUND = Duration.ofSeconds(240);
    private static final Duration STOP_BOUND = Duration.ofSeconds(15);

    private final Path lib;
    private final Path work;
    private final String heap;
    private final List<Node> nodes = new ArrayList<>();
    /** Kills the brokers if this JVM exits without closing them (a run interrupted with Ctrl-C). */
    private final Thread orphans = new Thread(() -> nodes.forEach(n -> {
        if (n.alive()) {
            n.process.destroyForcibly();
        }
    }), "kraft-brokers-orphans");

    /** One broker of the cluster: its ports, its folder, its process while it runs. */
    public static final class Node {
        final int id;
        final int brokerPort;
        final int controllerPort;
        final Path dir;
        Process process;

        Node(int id, int brokerPort, int controllerPort, Path dir) {
            this.id = id;
            this.brokerPort = brokerPort;
            this.controllerPort = controllerPort;
            this.dir = dir;
        }

        public int id() {
            return id;
        }

        public String bootstrap() {
            return "127.0.0.1:" + brokerPort;
        }

        /** The broker's own log (log4j) and its standard output. */
        public Path log() {
            return dir.resolve("broker.out");
        }

        public boolean alive() {
            return process != null && process.isAlive();
        }

        public long pid() {
            return process.pid();
        }
    }

    /**
     * Brokers not started yet: {@link #start(int)} starts them.
     *
     * @param lib  the brokers' class path: a folder holding {@value #BROKER_JAR} and its dependencies
     * @param work where each node gets a folder of its own (configuration, data, log)
     * @param heap each broker's maximum heap, as {@code -Xmx} takes it ({@code 256m})
     */
    protected KraftBrokers(Path lib, Path work, String heap) throws IOException {
        this.lib = lib.toAbsolutePath();
        this.work = work.toAbsolutePath();
        this.heap = heap;
        if (!Files.isRegularFile(this.lib.resolve(BROKER_JAR))) {
            throw new IllegalStateException("no " + BROKER_JAR + " in " + this.lib
                    + ": the build copies Kafka's jars into bundles/kafka-broker/target/lib (lib/kafka in the distribution)");
        }
        Files.createDirectories(this.work);
    }

    /** {@code size} combined nodes (1 or 3), started: every port answers. */
    public static KraftBrokers start(Path lib, Path work, int size, String heap) throws IOException, InterruptedException {
        KraftBrokers brokers = new KraftBrokers(lib, work, heap);
        brokers.start(size);
        return brokers;
    }

    /** Creates, formats and launches {@code size} nodes and waits for their ports; closes them all on failure. */
    protected final void start(int size) throws IOException, InterruptedException {
        Runtime.getRuntime().addShutdownHook(orphans);
        try {
            create(size);
            awaitPorts(START_BOUND);
        } catch (IOException | InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** How long starting may take on a loaded machine: what is left of it after the ports answer is for callers. */
    protected static Duration startBound() {
        return START_BOUND;
    }

    private void create(int size) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(work, "cluster-");
        List<Integer> ports = freePorts(2 * size);
        for (int i = 0; i < size; i++) {
            nodes.add(new Node(i + 1, ports.get(2 * i), ports.get(2 * i + 1), dir.resolve("node-" + (i + 1))));
        }
        String voters = nodes.stream().map(n -> n.id + "@127.0.0.1:" + n.controllerPort).collect(Collectors.joining(","));
        String clusterId = clusterId();
        Path log4j = dir.resolve("log4j2.properties");
        Files.writeString(log4j, LOG4J, StandardCharsets.UTF_8);
        List<Process> formats = new ArrayList<>();
        for (Node node : nodes) {
            Files.createDirectories(node.dir.resolve("data"));
            Path config = node.dir.resolve("server.properties");
            try (var out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
                serverProperties(node, voters, size).store(out, "written by KraftBrokers");
            }
            // static quorum (controller.quorum.voters): format needs neither --standalone nor --initial-controllers
            formats.add(java(node, "format.out", List.of("-Xmx128m"), "kafka.tools.StorageTool", "format",
                    "--config", config.toString(), "--cluster-id", clusterId, "--ignore-formatted"));
        }
        for (int i = 0; i < formats.size(); i++) {
            Process format = formats.get(i);
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                format.destroyForcibly();
                throw new IllegalStateException("formatting node " + nodes.get(i).id + " failed: "
                        + Files.readString(nodes.get(i).dir.resolve("format.out")));
            }
        }
        for (Node node : nodes) {
            launch(node);
        }
    }

    private void launch(Node node) throws IOException {
        node.process = java(node, "broker.out", List.of("-Xmx" + heap, "-Xms64m", "-XX:+UseSerialGC",
                        "-Dlog4j2.configurationFile=" + node.dir.getParent().resolve("log4j2.properties"),
                        "-Dkafka.logs.dir=" + node.dir), "kafka.Kafka",
                node.dir.resolve("server.properties").toString());
    }

    private Process java(Node node, String output, List<String> jvm, String main, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvm);
        command.add("-cp");
        command.add(lib + "/*");
        command.add(main);
        command.addAll(List.of(args));
        Files.createDirectories(node.dir);
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(node.dir.resolve(output).toFile())).start();
    }

    private Properties serverProperties(Node node, String voters, int size) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(node.id));
        p.put("controller.quorum.voters", voters);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + node.brokerPort + ",CONTROLLER://127.0.0.1:" + node.controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + node.brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", node.dir.resolve("data").toString());
        p.put("num.partitions", "1");
        int replication = Math.min(size, 3);
        p.put("default.replication.factor", Integer.toString(replication));
        p.put("offsets.topic.replication.factor", Integer.toString(replication));
        p.put("offsets.topic.num.partitions", "3");
        p.put("transaction.state.log.replication.factor", Integer.toString(replication));
        p.put("transaction.state.log.min.isr", Integer.toString(Math.min(replication, 2)));
        p.put("min.insync.replicas", Integer.toString(Math.min(replication, 2)));
        p.put("share.coordinator.state.topic.replication.factor", Integer.toString(replication));
        p.put("share.coordinator.state.topic.min.isr", Integer.toString(Math.min(replication, 2)));
        p.put("group.initial.rebalance.delay.ms", "0");
        // fast failure detection (DESIGN.md "Many nodes"): a dead broker is fenced after 3 s instead of 9 s
        p.put("broker.session.timeout.ms", "3000");
        p.put("broker.heartbeat.interval.ms", "500");
        // KIP-848 consumer groups: the broker bounds what a group may set (consumer.session.timeout.ms);
        // the defaults (min 45 s) would make every failover last most of a minute
        p.put("group.consumer.min.session.timeout.ms", "1000");
        p.put("group.consumer.session.timeout.ms", "3000");
        p.put("group.consumer.min.heartbeat.interval.ms", "250");
        p.put("group.consumer.heartbeat.interval.ms", "500");
        // small and quick on a shared 2-core machine
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("log.segment.bytes", Integer.toString(16 * 1024 * 1024));
        p.put("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
        p.put("log.cleaner.threads", "1");
        p.put("controlled.shutdown.enable", "true");
        Properties properties = new Properties();
        properties.putAll(p);
        return properties;
    }

    /** Every node's broker port answers. */
    private void awaitPorts(Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        for (Node node : nodes) {
            while (!accepts(node.brokerPort)) {
                if (!node.process.isAlive()) {
                    throw new IllegalStateException("broker " + node.id + " exited with " + node.process.exitValue()
                            + "; its log: " + node.log() + "\n" + tail(node.log()));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("broker " + node.id + " did not open its port within " + bound
                            + "; its log: " + node.log() + "\n" + tail(node.log()));
                }
                Thread.sleep(200);
            }
        }
    }

    /** {@code host:port,...} of every node, as a client's {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return nodes.stream().map(Node::bootstrap).collect(Collectors.joining(","));
    }

    public List<Node> nodes() {
        return List.copyOf(nodes);
    }

    /** {@code kill -9} of one node: no shutdown of any kind. */
    public void kill(Node node) throws InterruptedException {
        node.process.destroyForcibly();
        node.process.waitFor(STOP_BOUND.toSeconds(), TimeUnit.SECONDS);
    }

    /** Starts a stopped or killed node again on its ports and data. */
    public void restart(Node node) throws IOException, InterruptedException {
        if (node.alive()) {
            throw new IllegalStateException("node " + node.id + " is running");
        }
        launch(node);
        long deadline = System.nanoTime() + START_BOUND.toNanos();
        while (!accepts(node.brokerPort)) {
            if (System.nanoTime() > deadline || !node.process.isAlive()) {
                throw new IllegalStateException("node " + node.id + " did not come back: " + tail(node.log()));
            }
            Thread.sleep(200);
        }
    }

    /** SIGTERM to every node at once, then kill -9 of what still runs after the bound. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(orphans);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down (or the hook was never added): the hook runs anyway
        }
        for (Node node : nodes) {
            if (node.alive()) {
                node.process.destroy();
            }
        }
        long deadline = System.nanoTime() + STOP_BOUND.toNanos();
        for (Node node : nodes) {
            if (node.process == null) {
                continue;
            }
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!node.process.waitFor(left, TimeUnit.NANOSECONDS)) {
                    node.process.destroyForcibly();
                    node.process.waitFor(STOP_BOUND.toSeconds(), TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                node.process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Free loopback ports, all held open until every one is chosen so none is handed out twice. */
    public static List<Integer> freePorts(int count) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket();
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress("127.0.0.1", 0));
                held.add(socket);
            }
            return held.stream().map(ServerSocket::getLocalPort).toList();
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
    }

    /** A random cluster id in Kafka's form (16 bytes, URL-safe base64 without padding; never starting with '-'). */
    private static String clusterId() {
        SecureRandom random = new SecureRandom();
        byte[] bytes = new byte[16];
        String id;
        do {
            random.nextBytes(bytes);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-"));
        return id;
    }

    /** The last 40 lines of a node's log, for an error message. */
    public static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The brokers log INFO to their broker.out (state changes, elections), request logs and the like at WARN. */
    private static final String LOG4J = """
            rootLogger.level = INFO
            rootLogger.appenderRef.out.ref = OUT
            appender.out.type = Console
            appender.out.name = OUT
            appender.out.layout.type = PatternLayout
            appender.out.layout.pattern = [%d] %p %m (%c)%n
            logger.kafka.name = kafka
            logger.kafka.level = INFO
            logger.request.name = kafka.request.logger
            logger.request.level = WARN
            logger.network.name = kafka.network
            logger.network.level = WARN
            logger.cleaner.name = kafka.log.LogCleaner
            logger.cleaner.level = WARN
            logger.apache.name = org.apache.kafka
            logger.apache.level = INFO
            """;
}

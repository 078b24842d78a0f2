package io.vigil.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * A private copy of the assembled distribution, driven only through {@code bin/vigil} the way
 * an administrator drives it.
 */
final class InstalledDistribution implements AutoCloseable {

    record Result(int exit, String output) {
    }

    final Path home;
    final Path data;
    /** The container's HTTP port ({@code org.osgi.service.http.port}), free when the copy was made. */
    final int httpPort;
    /** The product RTSP server's port on 127.0.0.1 ({@code conf/io.vigil.gstreamer.rtsp.cfg}). */
    final int rtspPort;
    /** The shell prelude that gives a new network namespace loopback with multicast routed onto it (DESIGN.md). */
    static final String LOOPBACK_WITH_MULTICAST = "ip link set lo up && ip route add 224.0.0.0/4 dev lo src 127.0.0.1";

    private final Map<String, String> env = new HashMap<>();
    private Process container;
    /** Whether the container runs in a network namespace of its own, which every later bin/vigil then enters. */
    private boolean ownNetwork;

    InstalledDistribution(Path target) throws IOException {
        Path source = Path.of(System.getProperty("vigil.dist", "target/vigil-dist-missing"));
        if (!Files.isDirectory(source)) {
            throw new IllegalStateException("No assembled distribution at " + source + "; run mvn verify");
        }
        home = target.resolve("vigil");
        data = target.resolve("data");
        copyTree(source, home);
        // data the source tree gathered when someone ran it by hand must not leak in
        deleteTree(home.resolve("data"));
        deleteTree(home.resolve("logs"));
        int port = freePort();
        httpPort = port;
        rtspPort = freePort();
        Path config = home.resolve("conf/config.properties");
        Files.writeString(config, Files.readString(config).replace("org.osgi.service.http.port=8480",
                "org.osgi.service.http.port=" + port));
        // the product's RTSP server on a free loopback port, so tests never collide on 8554
        Files.writeString(home.resolve("conf/io.vigil.gstreamer.rtsp.cfg"), "address=127.0.0.1\nport=" + rtspPort + "\n");
        // and the web console, which every container (one-shot ones too) opens on 127.0.0.1:8443 by
        // default: ITs run two at a time (dist/pom.xml); a test of the console writes its own file
        Files.writeString(home.resolve("conf/io.vigil.console.cfg"), "https.port=" + freePort() + "\n");
        env.put("VIGIL_DATA", data.toString());
        env.put("VIGIL_LOGS", home.resolve("logs").toString());
    }

    /** A sample photo from the cache ./vigil set-up fills, found as the demo finds it. */
    static Path samplePhoto(String name) {
        Path p = DemoScenario.samplePhotos(DemoScenario.cache(System.getenv())).resolve(name);
        if (!Files.isRegularFile(p)) {
            throw new AssertionError(p + " missing: run ./vigil test, whose set-up fetches it");
        }
        return p;
    }

    /**
     * Adds the simulated ONVIF camera "lobby" showing {@code photo} (1280x720 H.264 at 10 fps, login
     * admin with the password stored as camera.lobby) and Vigil's ONVIF camera of it, which ingest
     * then follows: its main profile, H.264 at 1280x720 as configured (each simulated profile
     * streams what it says; the H.265 one is as close to 1280x720, and H.264 is asked for).
     */
    void addLobbyCamera(Path photo) throws IOException {
        int onvifPort = freePort();
        drop(deploy("io.vigil.simulator.camera-lobby.cfg"), String.join("\n",
                "name=lobby", "user=admin", "password.alias=camera.lobby", "codec=H264", "width=1280", "height=720",
                "fps=10", "port=" + onvifPort, "photos=" + photo, "").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        drop(deploy("io.vigil.onvif.camera-lobby.cfg"), String.join("\n",
                "camera.id=lobby", "address=http://127.0.0.1:" + onvifPort + "/onvif/device_service", "user=admin",
                "password.alias=camera.lobby", "profile.width=1280", "profile.height=720", "profile.encodings=H264", "")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    void env(String name, String value) {
        env.put(name, value);
    }

    Path deploy(String name) {
        return home.resolve("deploy").resolve(name);
    }

    private ProcessBuilder builder(List<String> args) {
        List<String> command = new ArrayList<>();
        if (ownNetwork) {
            // inside the container's namespace, so that even a one-shot container (started when the
            // running one is gone) could never multicast on the machine's network
            command.addAll(List.of("nsenter", "-t", Long.toString(container.pid()), "-n"));
        }
        command.add(home.resolve("bin/vigil").toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        return builder;
    }

    /** Runs {@code bin/vigil args...} to completion. */
    Result vigil(String stdin, String... args) throws IOException, InterruptedException {
        Process process = builder(List.of(args)).redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("bin/vigil " + List.of(args) + " did not finish");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /** A {@code --json} command's exit status, its standard output read as JSON, and its standard error. */
    record JsonRun(int exit, com.fasterxml.jackson.databind.JsonNode doc, String err) {
        /**
         * The objects of the document's list field ({@code "cameras"}, {@code "alerts"}, {@code "modules"}, ...); empty
         * when the document has no such field (yet: a member not joined has no {@code "nodes"}), so a poll waits on.
         */
        List<com.fasterxml.jackson.databind.JsonNode> list(String field) {
            List<com.fasterxml.jackson.databind.JsonNode> out = new ArrayList<>();
            doc.path(field).forEach(out::add);
            return out;
        }
    }

    /**
     * Runs {@code bin/vigil args...} (a command given {@code --json}) to completion and reads its
     * standard output as JSON, standard error apart; output that is not JSON fails the test with both.
     */
    JsonRun json(String... args) throws IOException, InterruptedException {
        Path err = Files.createTempFile(home, "json-err", ".txt");
        try {
            Process process = builder(List.of(args)).redirectError(err.toFile()).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("bin/vigil " + List.of(args) + " did not finish");
            }
            String stderr = Files.readString(err);
            String stdout = new String(output, StandardCharsets.UTF_8);
            try {
                return new JsonRun(process.exitValue(), new com.fasterxml.jackson.databind.ObjectMapper().readTree(stdout), stderr);
            } catch (com.fasterxml.jackson.core.JacksonException e) {
                throw new AssertionError("vigil " + String.join(" ", args) + " wrote no JSON (" + e.getOriginalMessage()
                        + "):\n" + stdout + "\nstandard error:\n" + stderr);
            }
        } finally {
            Files.deleteIfExists(err);
        }
    }

    /** Runs a {@code --json} command until its document satisfies {@code done}; the last one otherwise fails. */
    JsonRun awaitJson(Predicate<JsonRun> done, Duration timeout, String... args) throws Exception {
        return poll(() -> {
            try {
                return json(args);
            } catch (AssertionError notYet) {
                return null; // a command whose service is not up yet answers in words: ask again
            }
        }, done, timeout, args, last -> last.doc().toPrettyString() + "\n" + last.err());
    }

    /** One try of a polled command: its result, or null to try again. */
    private interface Attempt<T> {
        T get() throws Exception;
    }

    /** Tries until a result satisfies {@code done}, while the container lives; the last result (shown) otherwise fails. */
    private <T> T poll(Attempt<T> attempt, Predicate<T> done, Duration timeout, String[] args,
            java.util.function.Function<T, String> show) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            if (container != null && !container.isAlive()) {
                throw new IllegalStateException("the container exited: " + Files.readString(home.resolve("run.out")));
            }
            T result = attempt.get();
            if (result != null) {
                last = result;
                if (done.test(result)) {
                    return result;
                }
            }
            Thread.sleep(300);
        }
        throw new AssertionError("vigil " + String.join(" ", args) + " never matched within " + timeout + "; last:\n"
                + (last == null ? "(none)" : show.apply(last)));
    }

    /** {@code vigil status --json}. */
    JsonRun statusJson() throws IOException, InterruptedException {
        return json("status", "--json");
    }

    /** Polls {@code vigil status --json} until each named module reports {@code health} (OK, DEGRADED, FAILED). */
    JsonRun awaitModules(String health, Duration timeout, String... modules) throws Exception {
        return awaitJson(r -> java.util.Arrays.stream(modules).allMatch(name -> r.list("modules").stream()
                .anyMatch(m -> m.get("module").asText().equals(name) && m.get("health").asText().equals(health))),
                timeout, "status", "--json");
    }

    /** A camera's stream in {@code vigil status --json}'s {@code streams}, if ingest runs it. */
    static java.util.Optional<com.fasterxml.jackson.databind.JsonNode> stream(JsonRun status, String camera) {
        com.fasterxml.jackson.databind.JsonNode streams = status.doc().get("streams");
        if (streams == null || !streams.isArray()) {
            return java.util.Optional.empty();
        }
        for (com.fasterxml.jackson.databind.JsonNode s : streams) {
            if (s.get("camera").asText().equals(camera)) {
                return java.util.Optional.of(s);
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * Polls {@code vigil status --json} until a stream of a camera {@code camera} accepts is STREAMING
     * and has handed frames to analysis, its module OK; returns that stream.
     */
    com.fasterxml.jackson.databind.JsonNode awaitAnalysing(Predicate<String> camera, Duration timeout) throws Exception {
        Predicate<com.fasterxml.jackson.databind.JsonNode> analysing = s -> camera.test(s.get("camera").asText())
                && s.get("phase").asText().equals("STREAMING") && s.get("analysed").asLong() > 0;
        JsonRun status = awaitJson(r -> r.doc().get("streams") != null && r.list("streams").stream().anyMatch(s -> analysing.test(s)
                && r.list("modules").stream().anyMatch(m -> m.get("module").asText().equals("ingest/" + s.get("camera").asText())
                        && m.get("health").asText().equals("OK"))), timeout, "status", "--json");
        return status.list("streams").stream().filter(analysing).findFirst().orElseThrow();
    }

    /**
     * Runs {@code bin/vigil args...} as another account of this machine ({@code setpriv}; the tests
     * run as root), as a second operator with an account of their own would: the admin channel
     * names that account as the caller. The data folder and the admin socket are opened to every
     * account for this (the product keeps them to the service account).
     */
    Result vigilAs(String account, String stdin, String... args) throws IOException, InterruptedException {
        java.nio.file.attribute.PosixFilePermission x = java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE;
        for (Path p = data.resolve("run"); p != null; p = p.getParent()) {
            java.util.Set<java.nio.file.attribute.PosixFilePermission> perms = Files.getPosixFilePermissions(p);
            if (perms.add(x)) {
                Files.setPosixFilePermissions(p, perms);
            }
        }
        Files.setPosixFilePermissions(data.resolve("run/admin.sock"),
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-rw-"));
        List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=" + account, "--regid=" + account, "--clear-groups"));
        ProcessBuilder builder = builder(List.of(args));
        command.addAll(builder.command());
        builder.command(command);
        builder.environment().put("HOME", "/tmp");
        Process process = builder.redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("bin/vigil " + List.of(args) + " as " + account + " did not finish");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /** Starts {@code bin/vigil args...} and leaves it running: standard output and error together. */
    Process begin(String... args) throws IOException {
        Process process = builder(List.of(args)).redirectErrorStream(true).start();
        process.getOutputStream().close();
        return process;
    }

    Result status() throws IOException, InterruptedException {
        return vigil("", "status");
    }

    /** Starts {@code bin/vigil run} and waits until its admin channel answers. */
    void start() throws Exception {
        Path out = home.resolve("run.out");
        container = builder(List.of("run")).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        awaitAdminChannel();
    }

    /**
     * Starts {@code bin/vigil run} in a network namespace of its own ({@code unshare -n}: loopback
     * only, multicast routed onto it), the one place a test may multicast, and waits until its
     * admin channel answers. From then on every {@code bin/vigil} runs in that namespace too; the
     * admin channel is a Unix socket in the data folder, which namespaces do not separate.
     */
    void startInOwnNetworkNamespace() throws Exception {
        Path out = home.resolve("run.out");
        ProcessBuilder builder = builder(List.of("run"));
        List<String> command = new ArrayList<>(List.of("unshare", "-n", "sh", "-c", LOOPBACK_WITH_MULTICAST
                + " && exec \"$0\" \"$@\""));
        command.addAll(builder.command());
        // unshare and sh exec the next program in the same process: the pid is the container's
        container = builder.command(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        ownNetwork = true;
        awaitAdminChannel();
    }

    /** {@code command}, in the container's network namespace when it has one of its own. */
    ProcessBuilder inContainerNetwork(List<String> command) {
        List<String> all = new ArrayList<>();
        if (ownNetwork) {
            all.addAll(List.of("nsenter", "-t", Long.toString(container.pid()), "-n"));
        }
        all.addAll(command);
        return new ProcessBuilder(all);
    }

    /** The network interfaces the container sees ({@code ip -o link}), one line each. */
    List<String> containerNetworkInterfaces() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (ownNetwork) {
            command.addAll(List.of("nsenter", "-t", Long.toString(container.pid()), "-n"));
        }
        command.addAll(List.of("ip", "-o", "link"));
        Process ip = new ProcessBuilder(command).redirectErrorStream(true).start();
        String said = new String(ip.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!ip.waitFor(10, TimeUnit.SECONDS) || ip.exitValue() != 0) {
            throw new IllegalStateException("ip -o link failed: " + said);
        }
        return said.lines().toList();
    }

    /** Skips the test, saying why, where network namespaces cannot be made or entered here. */
    static void assumeNetworkNamespaces() throws InterruptedException {
        String reason;
        try {
            Process probe = new ProcessBuilder("sh", "-c", "unshare -n ip link set lo up && command -v nsenter")
                    .redirectErrorStream(true).start();
            boolean done = probe.waitFor(10, TimeUnit.SECONDS);
            String said = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            probe.destroyForcibly();
            reason = done && probe.exitValue() == 0 ? null : "unshare -n, ip or nsenter failed: " + said;
        } catch (IOException e) {
            reason = "cannot run sh: " + e.getMessage();
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(reason == null,
                "multicast discovery runs only in a network namespace of its own; " + reason);
    }

    private void awaitAdminChannel() throws Exception {
        // poll only once the container's admin socket exists: a status asked earlier would start
        // a one-shot container of its own that competes with this one for the data folder
        Path socket = data.resolve("run/admin.sock");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Files.exists(socket) && container.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        awaitStatus(r -> r.output().contains("(service") && !r.output().contains("starting)")
                && r.output().contains("io.vigil.compliance"), Duration.ofSeconds(60));
    }

    long pid() {
        return container.pid();
    }

    boolean running() {
        return container != null && container.isAlive();
    }

    /** Starts {@code bin/vigil run} and returns at once, without waiting for anything. */
    void startNoWait() throws IOException {
        Path out = home.resolve("run.out");
        container = builder(List.of("run")).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    }

    /** Stops the container as a service manager would (SIGTERM) and returns its exit status. */
    int stop() throws InterruptedException {
        container.destroy();
        if (!container.waitFor(60, TimeUnit.SECONDS)) {
            container.destroyForcibly();
            throw new IllegalStateException("the container did not stop within 60 s of SIGTERM");
        }
        return container.exitValue();
    }

    /** Kills the container (SIGKILL, as kill -9 or a power cut would): nothing runs on the way down. */
    void kill() throws InterruptedException, IOException {
        container.destroyForcibly();
        if (!container.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the container did not die within 30 s of SIGKILL");
        }
        // the dead container's socket stays behind (the next container replaces it when its channel
        // opens); start() waits for the socket to appear, and a stale one would let a status asked
        // too early start a one-shot container that competes with the one starting
        Files.deleteIfExists(data.resolve("run/admin.sock"));
    }

    /** Polls {@code vigil status} until its result satisfies {@code done}; the last result otherwise fails. */
    Result awaitStatus(Predicate<Result> done, Duration timeout) throws Exception {
        return await(done, timeout, "status");
    }

    /** Runs {@code bin/vigil args...} until its result satisfies {@code done}; the last result otherwise fails. */
    Result await(Predicate<Result> done, Duration timeout, String... args) throws Exception {
        return poll(() -> vigil("", args), done, timeout, args, Result::output);
    }

    String logs() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(home.resolve("logs"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".log")).toList()) {
                all.append(Files.readString(file));
            }
        }
        return all.toString();
    }

    /** A minimal bundle: a manifest and nothing else, which the framework can install and start. */
    static byte[] bundle(String symbolicName, String version, String importPackage) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", version);
        if (importPackage != null) {
            main.putValue("Import-Package", importPackage);
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            jar.flush();
        }
        return bytes.toByteArray();
    }

    /** Writes beside the target and renames, as an administrator's copy tool should, so fileinstall never sees half a jar. */
    static void drop(Path target, byte[] content) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".part");
        Files.write(tmp, content);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() throws InterruptedException {
        if (running()) {
            stop();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

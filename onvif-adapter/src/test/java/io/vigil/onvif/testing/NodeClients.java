package io.vigil.onvif.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The npm ONVIF clients ({@code onvif@0.8.3}, {@code node-onvif@0.1.7}) that {@code ./vigil}
 * installs into its cache, and the scripts in {@code src/test/node/} that drive them, run as
 * child processes with {@code node} from the PATH.
 */
public final class NodeClients {

    /** Set by {@code ./vigil}: the {@code node_modules} folder holding both clients. */
    public static final String ENVIRONMENT = "VIGIL_NODE_CLIENTS";

    private final Path nodeModules;
    private final Path scripts;

    private NodeClients(Path nodeModules, Path scripts) {
        this.nodeModules = nodeModules;
        this.scripts = scripts;
    }

    /**
     * The clients from {@code VIGIL_NODE_CLIENTS}, else where {@code ./vigil} installs them
     * ({@code $VIGIL_CACHE}, {@code $XDG_CACHE_HOME/vigil} or {@code ~/.cache/vigil}, then
     * {@code node/onvif-clients/node_modules}). Fails the test when they are in neither place.
     */
    public static NodeClients installed() {
        Path scripts = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "src", "test", "node");
        Optional<Path> given = Optional.ofNullable(System.getenv(ENVIRONMENT)).filter(value -> !value.isBlank()).map(Path::of);
        Path nodeModules = given.orElseGet(NodeClients::defaultLocation);
        if (!Files.isDirectory(nodeModules.resolve("onvif")) || !Files.isDirectory(nodeModules.resolve("node-onvif"))) {
            fail("The npm ONVIF clients (onvif@0.8.3, node-onvif@0.1.7) are not installed at " + nodeModules
                    + (given.isPresent() ? " (" + ENVIRONMENT + ")" : "")
                    + ". Run ./vigil test once: it installs them from bundles/camera-simulator/src/test/node/package-lock.json");
        }
        return new NodeClients(nodeModules, scripts);
    }

    private static Path defaultLocation() {
        String cache = System.getenv("VIGIL_CACHE");
        Path base;
        if (cache != null && !cache.isBlank()) {
            base = Path.of(cache);
        } else {
            String xdg = System.getenv("XDG_CACHE_HOME");
            base = (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache")).resolve("vigil");
        }
        return base.resolve("node").resolve("onvif-clients").resolve("node_modules");
    }

    /** What a script printed and how it ended. */
    public record Run(int exitCode, Map<String, Object> result, String stdout, String stderr, long millis) {

        public boolean ok() {
            return exitCode == 0 && Boolean.TRUE.equals(result.get("ok"));
        }

        @Override
        public String toString() {
            return "exit " + exitCode + " in " + millis + " ms, stdout: " + stdout.strip() + (stderr.isBlank() ? "" : ", stderr: " + stderr.strip());
        }
    }

    /** Runs {@code src/test/node/<script>} with {@code arguments}; at most {@code seconds}, then it is killed. */
    public Run run(String script, long seconds, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("node");
        command.add(scripts.resolve(script).toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("NODE_PATH", nodeModules.toString());
        long start = System.nanoTime();
        Process process = builder.start();
        try {
            process.getOutputStream().close();
            CompletableFuture<String> stdout = read(process.getInputStream());
            CompletableFuture<String> stderr = read(process.getErrorStream());
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                fail(script + " did not finish within " + seconds + " s");
            }
            String out = stdout.join();
            String err = stderr.join();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            String line = out.lines().filter(l -> l.startsWith("{")).reduce((first, second) -> second).orElse("");
            if (line.isEmpty()) {
                fail(script + " printed no JSON result: exit " + process.exitValue() + ", stdout: " + out + ", stderr: " + err);
            }
            return new Run(process.exitValue(), Json.object(Json.parse(line)), out, err, millis);
        } finally {
            process.destroyForcibly();
        }
    }

    private static CompletableFuture<String> read(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                stream.transferTo(bytes);
                return bytes.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(unreadable: " + e.getMessage() + ")";
            }
        });
    }
}

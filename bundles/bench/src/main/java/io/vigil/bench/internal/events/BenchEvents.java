package io.vigil.bench.internal.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.api.alert.Alert;
import io.vigil.api.alert.AlertState;
import io.vigil.onvif.device.PrivateDevice;
import io.vigil.onvif.device.PrivateDevices;
import io.vigil.support.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;

/**
 * {@code vigil bench events}: publish-to-receipt latency and sustained recognitions per second as a
 * VMS sees them, through npm {@code onvif@0.8.3} (run with {@code node}) subscribed by PullPoint.
 * The device under test is private to the bench (its own loopback port, a throwaway account, one
 * bench camera, the product's DeviceServlet on the container's Jetty, product queue sizes), so no
 * VMS ever receives a bench recognition. Recognitions are published straight into the device's
 * feed with UtcTime = the publish time; the client reports arrival - UtcTime.
 */
final class BenchEvents {

    record Options(int latencyEvents, int latencyRate, int seconds, Path nodeModules) {
    }

    record Result(int samples, long p50, long p95, long max, long published, long received, double receivedPerSecond,
            double publishedPerSecond, long dropped) {
    }


    private BenchEvents() {
    }

    /** Where {@code ./vigil} installs the npm clients: VIGIL_NODE_CLIENTS, else the cache. */
    static Path defaultNodeModules() {
        String given = System.getenv("VIGIL_NODE_CLIENTS");
        if (given != null && !given.isBlank()) {
            return Path.of(given);
        }
        String cache = System.getenv("VIGIL_CACHE");
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = cache != null && !cache.isBlank() ? Path.of(cache)
                : (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache")).resolve("vigil");
        return base.resolve("node").resolve("onvif-clients").resolve("node_modules");
    }

    static Result run(PrivateDevices devices, Options options, PrintStream out) throws Exception {
        if (!Files.isDirectory(options.nodeModules().resolve("onvif"))) {
            throw new IOException("npm onvif@0.8.3 is not installed at " + options.nodeModules()
                    + " (give --clients DIR or VIGIL_NODE_CLIENTS; ./vigil test installs it)");
        }
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        char[] password = Base64.getUrlEncoder().withoutPadding().encodeToString(random).toCharArray();
        Path script = Files.createTempFile("vigil-bench-events", ".js");
        Process node = null;
        Server server = null;
        try (PrivateDevice device = devices.open("bench", "bench", password)) {
            server = new Server();
            ServerConnector connector = new ServerConnector(server);
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            server.addConnector(connector);
            ServletContextHandler context = new ServletContextHandler();
            ServletHolder holder = new ServletHolder(device.servlet());
            holder.setAsyncSupported(true);
            context.addServlet(holder, "/onvif/*");
            server.setHandler(context);
            server.start();
            try (InputStream in = BenchEvents.class.getResourceAsStream("bench-events.js")) {
                Files.write(script, in.readAllBytes());
            }
            ProcessBuilder builder = new ProcessBuilder("node", script.toString(), Integer.toString(connector.getLocalPort()), "bench",
                    new String(password)).redirectError(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("NODE_PATH", options.nodeModules().toString());
            node = builder.start();
            node.getOutputStream().close();
            BufferedReader lines = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
            String first = lines.readLine();
            if (first == null || !first.equals("subscribed")) {
                throw new IOException("the npm client did not subscribe: " + first);
            }
            CompletableFuture<String> result = CompletableFuture.supplyAsync(() -> {
                try {
                    String last = "";
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        last = line;
                    }
                    return last;
                } catch (IOException e) {
                    return "";
                }
            });
            out.printf("latency: %d recognitions at %d/s, one subscriber (npm onvif@0.8.3, PullMessages up to 100)%n",
                    options.latencyEvents(), options.latencyRate());
            long interval = TimeUnit.SECONDS.toNanos(1) / options.latencyRate();
            long next = System.nanoTime();
            for (int i = 0; i < options.latencyEvents(); i++) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                device.publish(alert("lat-" + i));
                next += interval;
            }
            Thread.sleep(1000);
            out.printf("throughput: as many recognitions as the subscription takes for %d s (queue %d, oldest dropped)%n",
                    options.seconds(), device.queueCapacity());
            long droppedBefore = device.dropped();
            long published = 0;
            long start = System.nanoTime();
            long end = start + TimeUnit.SECONDS.toNanos(options.seconds());
            while (System.nanoTime() < end) {
                device.publish(alert("tput-" + published));
                published++;
                if (published % 50 == 0) {
                    Thread.sleep(1); // let the replies go out: a publisher that never yields measures only itself
                }
            }
            double publishSeconds = (System.nanoTime() - start) / 1e9;
            Thread.sleep(2000);
            device.publish(alert("end"));
            String json = result.get(60, TimeUnit.SECONDS);
            JsonNode reply;
            try {
                reply = Json.read(json);
            } catch (IllegalArgumentException e) {
                throw new IOException("unreadable client result (" + e.getMessage() + "): " + json, e);
            }
            if (!reply.path("ok").asBoolean(false)) {
                throw new IOException("the npm client failed: " + json);
            }
            JsonNode tput = reply.path("tput");
            if (!reply.path("latencies").isArray() || !tput.path("count").canConvertToLong()) {
                throw new IOException("unreadable client result: " + json);
            }
            long[] samples = new long[reply.path("latencies").size()];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = reply.path("latencies").get(i).asLong();
            }
            Arrays.sort(samples);
            long received = tput.path("count").asLong();
            long span = tput.path("last").asLong() - tput.path("first").asLong();
            return new Result(samples.length, percentile(samples, 50), percentile(samples, 95),
                    samples.length == 0 ? 0 : samples[samples.length - 1], published, received,
                    span <= 0 ? 0 : received * 1000.0 / span, published / publishSeconds, device.dropped() - droppedBefore);
        } finally {
            if (node != null) {
                node.destroyForcibly();
            }
            if (server != null) {
                server.stop();
            }
            Arrays.fill(password, '\0');
            Files.deleteIfExists(script);
        }
    }

    private static Alert alert(String pseudonym) {
        Instant now = Instant.now();
        return new Alert("bench-" + pseudonym, "bench", "bench", Optional.empty(), now, 1L, "bench", pseudonym, 0.9f, 0.6f,
                AlertState.NEW, now, Optional.empty());
    }

    static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}

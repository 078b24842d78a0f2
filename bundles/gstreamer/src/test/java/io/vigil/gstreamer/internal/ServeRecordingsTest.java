package io.vigil.gstreamer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Native;
import io.vigil.api.media.StreamSource;
import io.vigil.gstreamer.RtspTestClient;
import io.vigil.gstreamer.TestVideos;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.freedesktop.gstreamer.Gst;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench's server program, run as the bench runs it: a child JVM on plain Java, stopped by closing its input. */
class ServeRecordingsTest {

    private static final long READY_SECONDS = 30;
    private static final long EXIT_SECONDS = 10;

    @TempDir
    Path folder;

    @Test
    void servesTheClipOnEveryPathUntilItsInputEnds() throws Exception {
        Path clip = TestVideos.write(folder.resolve("bench.mkv"), 2, 320, 240, "x264enc key-int-max=10 ! matroskamux");
        Process server = start(ProcessBuilder.Redirect.DISCARD, "127.0.0.1", "0", clip.toString(), "3");
        try {
            BufferedReader out = new BufferedReader(
                    new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String ready = CompletableFuture.supplyAsync(() -> readLine(out)).get(READY_SECONDS, TimeUnit.SECONDS);
            assertTrue(ready != null && ready.startsWith("READY "), () -> "first line: " + ready);
            List<URI> uris = new ArrayList<>();
            for (String uri : ready.substring("READY ".length()).split(" ")) {
                uris.add(new URI(uri));
            }
            assertEquals(List.of("/rec0", "/rec1", "/rec2"), uris.stream().map(URI::getPath).toList());
            assertTrue(uris.stream().allMatch(uri -> "127.0.0.1".equals(uri.getHost()) && uri.getPort() > 0),
                    uris::toString);

            try (RtspTestClient client = RtspTestClient.play(uris.get(2))) {
                assertTrue(client.awaitFrames(5, Duration.ofSeconds(15)), client::describe);
                assertEquals(List.of("320x240"), List.copyOf(client.sizes()));
            }

            server.getOutputStream().close(); // as the bench stops it
            assertTrue(server.waitFor(EXIT_SECONDS, TimeUnit.SECONDS),
                    "still serving " + EXIT_SECONDS + " s after its input ended");
            assertEquals(ServeRecordings.SERVED, server.exitValue());
        } finally {
            stop(server);
        }
    }

    @Test
    void aWrongArgumentOrAClipItCannotServeEndsItWithTheReason() throws Exception {
        Path missing = folder.resolve("missing.mkv");
        assertRefused("cannot serve " + missing, "127.0.0.1", "0", missing.toString(), "2");
        assertRefused("MOUNTS 0 is not between 1 and " + ServeRecordings.MAX_MOUNTS,
                "127.0.0.1", "0", missing.toString(), "0");
        assertRefused("PORT 'http' is not a number", "127.0.0.1", "http", missing.toString(), "1");
        assertRefused("expected 4 arguments, got 1", "127.0.0.1");
    }

    private void assertRefused(String reason, String... args) throws Exception {
        Process server = start(ProcessBuilder.Redirect.PIPE, args);
        try {
            server.getOutputStream().close();
            assertTrue(server.waitFor(READY_SECONDS, TimeUnit.SECONDS),
                    () -> "still running with " + Arrays.toString(args));
            String said = new String(server.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(ServeRecordings.REFUSED, server.exitValue(), said);
            assertTrue(said.contains(reason), () -> "'" + said + "' does not say " + reason);
            assertEquals("", new String(server.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } finally {
            stop(server);
        }
    }

    /**
     * The program in a JVM of its own: this one's java, and a class path of the classes it needs
     * (this bundle's, the API's, gst1-java-core and JNA, which the bundle's jar carries itself).
     */
    private static Process start(ProcessBuilder.Redirect errors, String... args)
            throws IOException, URISyntaxException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> classpath = new ArrayList<>();
        for (Class<?> type : List.of(ServeRecordings.class, StreamSource.class, Gst.class, Native.class)) {
            classpath.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        }
        List<String> command = new ArrayList<>(List.of(java, "-cp", String.join(File.pathSeparator, classpath),
                ServeRecordings.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(errors).start();
    }

    private static String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void stop(Process process) throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(EXIT_SECONDS, TimeUnit.SECONDS);
        }
    }
}

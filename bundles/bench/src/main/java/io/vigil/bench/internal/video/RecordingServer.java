package io.vigil.bench.internal.video;

import io.vigil.api.media.MediaException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An RTSP server in a process of its own serving one recording on several paths, so that a
 * bench counts the client's work only. The child runs the GStreamer platform bundle's
 * {@code ServeRecordings} program on that bundle's own jar.
 */
final class RecordingServer implements AutoCloseable {

    /** Starts servers; the classpath names the GStreamer platform and API jars. */
    record Launcher(String java, String classpath) {

        RecordingServer start(Path clip, int mounts) throws IOException, MediaException {
            Process process = new ProcessBuilder(java, "-cp", classpath, "io.vigil.gstreamer.internal.ServeRecordings",
                    "127.0.0.1", "0", clip.toString(), Integer.toString(mounts))
                    .redirectErrorStream(true).start();
            BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder said = new StringBuilder();
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("READY ")) {
                    List<URI> uris = new ArrayList<>();
                    for (String uri : line.substring("READY ".length()).split(" ")) {
                        uris.add(URI.create(uri));
                    }
                    Thread drain = new Thread(() -> lines.lines().forEach(l -> { }), "bench-server-output");
                    drain.setDaemon(true);
                    drain.start();
                    return new RecordingServer(process, uris);
                }
                said.append(line).append('\n');
            }
            process.destroyForcibly();
            throw new MediaException("the bench's RTSP server did not start:\n" + said);
        }
    }

    private final Process process;
    private final List<URI> uris;

    private RecordingServer(Process process, List<URI> uris) {
        this.process = process;
        this.uris = List.copyOf(uris);
    }

    List<URI> uris() {
        return uris;
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close(); // the server stops at the end of its input
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}

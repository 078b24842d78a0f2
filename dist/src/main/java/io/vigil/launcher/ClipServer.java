package io.vigil.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The cluster demo's and bench's cameras: one clip of a still photo, encoded once with {@code gst-launch-1.0}
 * (H.264, a key frame every second), served as recorded and looped on {@code /rec0 .. /rec(N-1)} of an RTSP server
 * on loopback in a JVM of its own (the GStreamer platform bundle's {@code ServeRecordings}). The cameras live
 * outside every Vigil node, as real cameras do: killing a node kills none of them.
 */
final class ClipServer implements AutoCloseable {

    private final Process process;
    private final List<String> uris;

    private ClipServer(Process process, List<String> uris) {
        this.process = process;
        this.uris = uris;
    }

    /** Encodes {@code photo} at {@code width}x{@code height} and {@code fps} into {@code clip}, unless it is there. */
    static Path encode(Path photo, Path clip, int width, int height, int fps) throws IOException, InterruptedException {
        if (Files.isRegularFile(clip)) {
            return clip;
        }
        Path partial = clip.resolveSibling(clip.getFileName() + ".part");
        Process gst = new ProcessBuilder("gst-launch-1.0", "-q", "filesrc", "location=" + photo.toAbsolutePath(), "!",
                "decodebin", "!", "videoconvert", "!", "videoscale", "add-borders=true", "!",
                "video/x-raw,width=" + width + ",height=" + height + ",pixel-aspect-ratio=1/1", "!",
                "imagefreeze", "num-buffers=" + (10 * fps), "!", "video/x-raw,framerate=" + fps + "/1", "!", "videoconvert", "!",
                "x264enc", "speed-preset=veryfast", "key-int-max=" + fps, "!", "h264parse", "!", "matroskamux", "!",
                "filesink", "location=" + partial).redirectErrorStream(true).start();
        String said = new String(gst.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!gst.waitFor(120, TimeUnit.SECONDS) || gst.exitValue() != 0 || !Files.isRegularFile(partial)) {
            gst.destroyForcibly();
            throw new LauncherException("Could not encode the cameras' clip with gst-launch-1.0 (./vigil setup installs"
                    + " GStreamer): " + said.strip());
        }
        Files.move(partial, clip, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return clip;
    }

    /** Serves {@code clip} on {@code mounts} paths of a free loopback port, from the distribution's {@code system/}. */
    static ClipServer serve(VigilPaths distribution, Path clip, int mounts) throws IOException {
        String classpath = distribution.system().resolve("io.vigil.gstreamer.jar") + ":" + distribution.system().resolve("io.vigil.api.jar");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx128m", "-cp", classpath, "io.vigil.gstreamer.internal.ServeRecordings",
                "127.0.0.1", "0", clip.toString(), Integer.toString(mounts)).redirectErrorStream(true).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder said = new StringBuilder();
        String line;
        while ((line = lines.readLine()) != null) {
            if (line.startsWith("READY ")) {
                Thread drain = new Thread(() -> lines.lines().forEach(l -> { }), "cluster-demo-cameras-output");
                drain.setDaemon(true);
                drain.start();
                return new ClipServer(process, List.of(line.substring("READY ".length()).split(" ")));
            }
            said.append(line).append('\n');
        }
        process.destroyForcibly();
        throw new LauncherException("The cameras' RTSP server did not start: " + said.toString().strip());
    }

    /** The RTSP address of each path, in order. */
    List<String> uris() {
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

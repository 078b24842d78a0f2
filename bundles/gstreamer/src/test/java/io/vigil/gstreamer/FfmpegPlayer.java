package io.vigil.gstreamer;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's ffprobe and ffmpeg as a VMS would use them on an RTSP stream: over TCP, with the login in
 * the URL (ffmpeg answers a Digest challenge with Digest, a Basic one with Basic). Loopback only.
 */
public final class FfmpegPlayer {

    /** What a run of ffprobe or ffmpeg said. */
    public record Run(int exit, String stdout, String stderr) {
        public String describe() {
            return "exit " + exit + ", stdout " + stdout.strip() + ", stderr " + stderr.strip();
        }
    }

    /** What decoding a stream gave: the video codec ffprobe saw and how many frames ffmpeg decoded. */
    public record Played(String codec, int frames, Run probe, Run decode) {
        public String describe() {
            return "codec " + codec + ", " + frames + " frames; ffprobe " + probe.describe() + "; ffmpeg " + decode.describe();
        }
    }

    private static final Pattern CODEC = Pattern.compile("\"codec_name\"\\s*:\\s*\"([^\"]+)\"");

    private FfmpegPlayer() {
    }

    /** The URL with {@code user} and {@code password} in it, each percent-encoded; no login when {@code user} is null. */
    public static String withLogin(URI uri, String user, String password) {
        if (user == null) {
            return uri.toString();
        }
        return "rtsp://" + encode(user) + ":" + encode(password) + "@" + uri.getHost() + ":" + uri.getPort() + uri.getRawPath();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** ffprobe for the stream's video codec, then ffmpeg decoding {@code frames} frames (one framemd5 line each). */
    public static Played play(URI uri, String user, String password, int frames, Path folder)
            throws IOException, InterruptedException {
        String url = withLogin(uri, user, password);
        Run probe = run(List.of("ffprobe", "-v", "error", "-rtsp_transport", "tcp", "-select_streams", "v:0",
                "-show_entries", "stream=codec_name", "-of", "json", url), folder);
        Matcher codec = CODEC.matcher(probe.stdout());
        Run decode = run(List.of("ffmpeg", "-nostdin", "-v", "error", "-rtsp_transport", "tcp", "-i", url, "-map", "0:v:0",
                "-frames:v", Integer.toString(frames), "-f", "framemd5", "-"), folder);
        int decoded = (int) decode.stdout().lines().filter(line -> !line.isBlank() && !line.startsWith("#")).count();
        return new Played(codec.find() ? codec.group(1) : "none", decoded, probe, decode);
    }

    /** Runs {@code command}, giving it at most a minute. */
    public static Run run(List<String> command, Path folder) throws IOException, InterruptedException {
        Path out = Files.createTempFile(folder, "out", ".txt");
        Path err = Files.createTempFile(folder, "err", ".txt");
        Process process = new ProcessBuilder(new ArrayList<>(command)).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
            return new Run(-1, Files.readString(out), Files.readString(err) + " (timed out)");
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}

package io.vigil.launcher;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * What {@code vigil demo} shows on a started container, with nothing but the embedded defaults and
 * the cached sample photos: a simulated ONVIF camera on loopback shows a photo of three people,
 * Vigil finds it by a directed WS-Discovery probe and pulls its RTSP stream, one of the three is
 * enrolled on a watchlist from a different photo of her, a deployment covers the camera, and the
 * recognition becomes a stored alert. Every step goes through the same admin commands an
 * administrator would type.
 */
final class DemoScenario {

    /** sample1.jpg holds the woman (right, face at this box) who stands in the middle of sample3.jpg. */
    private static final int[] ENROLMENT_FACE = {1460, 219, 225, 218};

    private static final Duration RECOGNITION_WAIT = Duration.ofSeconds(90);
    private static final Pattern ADDED = Pattern.compile("(?:added as|already) camera (\\S+)");
    private static final Pattern PSEUDONYM = Pattern.compile("as (S-\\S+):");
    private static final Pattern RAISED = Pattern.compile("alerts raised ([1-9]\\d*)");

    record Result(int exit, String output) {
    }

    /** Runs one admin command in the container. */
    interface Commands {
        Result run(List<String> args, String stdin);
    }

    private final Commands commands;
    private final VigilPaths paths;
    private final Path cache;
    private final PrintStream out;
    private final String httpPort;
    private final boolean keep;
    /** Configuration files the demo put in deploy/, removed when it ends: they belong to the demo, not the installation. */
    private final List<Path> written = new java.util.concurrent.CopyOnWriteArrayList<>();

    DemoScenario(Commands commands, VigilPaths paths, Path cache, PrintStream out, String httpPort, boolean keep) {
        this.commands = commands;
        this.paths = paths;
        this.cache = cache;
        this.out = out;
        this.httpPort = httpPort;
        this.keep = keep;
    }

    static Path cache(Map<String, String> env) {
        String v = env.get("VIGIL_CACHE");
        if (v != null && !v.isBlank()) {
            return Path.of(v);
        }
        String xdg = env.get("XDG_CACHE_HOME");
        return xdg != null && !xdg.isBlank() ? Path.of(xdg, "vigil") : Path.of(System.getProperty("user.home"), ".cache", "vigil");
    }

    /** Where ./vigil set-up unpacks the sample photos (pinned npm package @vladmandic/face-api). */
    static Path samplePhotos(Path cache) {
        return cache.resolve("models/@vladmandic-face-api-1.7.15/demo");
    }

    /** @return 0 when the person was recognised and stored as an alert */
    int run() throws IOException, InterruptedException {
        Path photos = samplePhotos(cache);
        Path clip = photos.resolve("sample3.jpg");
        Path other = photos.resolve("sample1.jpg");
        if (!Files.isRegularFile(clip) || !Files.isRegularFile(other)) {
            out.println("  The demo's sample photos are not in " + photos + ": run ./vigil setup first.");
            return 3;
        }
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        check(commands.run(List.of("secret", "set", "demo.camera"), password + "\n"), "store the camera's password");
        // Vigil as an ONVIF device for any client while the demo runs, with a service account of its own
        String onvifPassword = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        check(commands.run(List.of("secret", "set", "demo.onvif"), onvifPassword + "\n"), "store the ONVIF account's password");
        Files.writeString(deployed("io.vigil.onvif.device.cfg"), String.join("\n",
                "accounts=demo-vms=demo.onvif", "rtsp.base=rtsp://127.0.0.1:" + rtspPort(), ""));
        int discoveryPort = freeUdpPort();
        Files.writeString(deployed("io.vigil.simulator.camera-demo.cfg"), String.join("\n",
                "name=demo", "user=admin", "password.alias=demo.camera", "codec=H264", "width=1280", "height=720",
                "fps=10", "photos=" + clip, "discovery.port=" + discoveryPort, ""));
        step(1, "simulated ONVIF camera \"demo\" on 127.0.0.1, streaming a clip of " + clip.getFileName()
                + " (three people)");

        Result discovered = retry(List.of("cameras", "discover", "--target", "127.0.0.1:" + discoveryPort, "--wait", "2",
                "--add", "--user", "admin", "--password-alias", "demo.camera"), ADDED, Duration.ofSeconds(30));
        Matcher added = ADDED.matcher(discovered.output());
        if (!added.find()) {
            out.println("  The simulated camera did not answer discovery:\n" + discovered.output());
            return 3;
        }
        String camera = added.group(1);
        step(2, "found by a directed WS-Discovery probe, connected over ONVIF and added as camera " + camera);

        commands.run(List.of("watchlist", "delete", "demo"), "");
        check(commands.run(List.of("watchlist", "create", "demo", "--category", "missing-person",
                "--legal-basis", "demo", "--officer", "demo"), ""), "create the demo watchlist");
        Path crop = Files.createTempFile(paths.data(), "demo-enrolment", ".png");
        Result enrolled;
        try {
            BufferedImage photo = ImageIO.read(other.toFile());
            int[] f = ENROLMENT_FACE;
            ImageIO.write(photo.getSubimage(f[0] - f[2] / 2, f[1] - f[3] / 2, 2 * f[2], 2 * f[3]), "png", crop.toFile());
            enrolled = check(commands.run(List.of("watchlist", "enrol", "demo", "Demo Person", crop.toString()), ""),
                    "enrol the demo person");
        } finally {
            Files.deleteIfExists(crop);
        }
        Matcher pseudonym = PSEUDONYM.matcher(enrolled.output());
        String id = pseudonym.find() ? pseudonym.group(1) : "?";
        step(3, "watchlist \"demo\": one person enrolled from a different photo (" + other.getFileName()
                + ", her face cropped), pseudonym " + id);

        // an earlier run's deployment still active on the same data folder would alert twice
        for (String line : commands.run(List.of("deployment", "list"), "").output().lines().toList()) {
            String[] cols = line.strip().split("\\s+");
            if (cols.length > 1 && cols[0].startsWith("demo-") && cols[1].equals("ACTIVE")) {
                commands.run(List.of("deployment", "stop", cols[0], "--reason", "a new demo run"), "");
            }
        }
        String deployment = "demo-" + Long.toString(System.currentTimeMillis() / 1000, 36);
        check(commands.run(List.of("deployment", "create", deployment, "--cameras", camera, "--watchlists", "demo",
                "--location", "demo lobby", "--purpose", "demonstration", "--legal-basis", "demo",
                "--authorisation", "DEMO-1", "--hours", "1"), ""), "create the deployment");
        check(commands.run(List.of("deployment", "start", deployment), ""), "start the deployment");
        step(4, "deployment " + deployment + " started on camera " + camera + " (threshold 0.51)");

        out.print("  5/6 waiting for the stream, the face models and the recognition ");
        out.flush();
        long deadline = System.nanoTime() + RECOGNITION_WAIT.toNanos();
        Result status = commands.run(List.of("status"), "");
        while (!RAISED.matcher(status.output()).find() && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            out.print(".");
            out.flush();
            status = commands.run(List.of("status"), "");
        }
        out.println();
        if (!RAISED.matcher(status.output()).find()) {
            out.println("  No recognition within " + RECOGNITION_WAIT.toSeconds() + " s. Status:\n" + status.output());
            return 3;
        }
        for (String line : status.output().lines().toList()) {
            if (line.contains("face-analysis") || line.matches("\\s*ingest/.*")) {
                out.println("      " + line.strip());
            }
        }
        Result alerts = commands.run(List.of("alerts", "list"), "");
        step(6, "recognised and stored as an alert (only the pseudonym leaves the watchlist):");
        alerts.output().lines().forEach(l -> out.println("      " + l));
        Result audit = commands.run(List.of("audit", "verify"), "");
        out.println("  audit trail: " + (audit.exit() == 0 ? "verified" : "NOT intact")
                + " (" + audit.output().lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("").strip() + ")");
        // "Facial data held: 1 individuals ..." and "CN: 1 of 100000 individuals (0.0%)"
        commands.run(List.of("compliance", "status"), "").output().lines()
                .filter(l -> l.startsWith("Facial data held") || l.startsWith("CN:"))
                .forEach(l -> out.println("  " + l.strip()));
        if (keep) {
            out.println("  ONVIF device: http://127.0.0.1:" + httpPort + "/onvif/device_service user=demo-vms password="
                    + onvifPassword);
        }
        out.println();
        out.println("Where to look next (in another terminal while `./vigil demo --keep` runs):");
        out.println("  ./vigil alerts show <id>         the alert; confirm it twice: ./vigil alerts confirm <id> --reviewer NAME");
        out.println("  ./vigil cameras                   the camera, its profile and stream");
        out.println("  ./vigil watchlist list demo       the enrolled person");
        out.println("  ./vigil audit list --last 20      what was recorded, hash-chained and signed");
        return 0;
    }

    private Result retry(List<String> args, Pattern until, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        Result r = commands.run(args, "");
        while (!until.matcher(r.output()).find() && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            r = commands.run(args, "");
        }
        return r;
    }

    private Result check(Result r, String what) {
        if (r.exit() != 0) {
            throw new LauncherException("The demo could not " + what + ":\n" + r.output());
        }
        return r;
    }

    private void step(int n, String text) {
        out.println("  " + n + "/6 " + text);
    }

    private Path deployed(String name) {
        Path file = paths.deploy().resolve(name);
        written.add(file);
        return file;
    }

    /** Takes the demo's configuration out of deploy/ again, so a later `vigil run` does not start the demo camera. */
    void removeConfiguration() {
        for (Path file : written) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                out.println("  could not remove " + file + ": " + e.getMessage());
            }
        }
        written.clear();
    }

    /** The product RTSP server's port: its configuration in conf/, else its default. */
    private int rtspPort() throws IOException {
        Path cfg = paths.conf().resolve("io.vigil.gstreamer.rtsp.cfg");
        if (Files.isRegularFile(cfg)) {
            for (String line : Files.readAllLines(cfg)) {
                if (line.strip().startsWith("port=")) {
                    return Integer.parseInt(line.strip().substring(5).strip());
                }
            }
        }
        return 8554;
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Commands through the admin channel of the container the demo started. */
    static Commands over(Path socket) {
        return (args, stdin) -> {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8);
            int exit = AdminClient.connect(socket)
                    .map(channel -> AdminClient.call(channel, args, stdin.getBytes(StandardCharsets.UTF_8), capture, capture))
                    .orElseThrow(() -> new LauncherException("The admin channel closed"));
            return new Result(exit, bytes.toString(StandardCharsets.UTF_8));
        };
    }
}

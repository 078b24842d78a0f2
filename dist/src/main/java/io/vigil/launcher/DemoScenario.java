package io.vigil.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.support.json.Json;
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
import java.util.ArrayList;
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
 * administrator would type. Vigil is an ONVIF device meanwhile: {@code vigil events --follow}
 * subscribes to it before the camera is added, as a VMS would, and shows the recognition it
 * receives; ffmpeg plays the camera's ONVIF metadata stream and the demo prints its first boxes.
 */
final class DemoScenario {

    /** sample1.jpg holds the woman (right, face at this box) who stands in the middle of sample3.jpg. */
    private static final int[] ENROLMENT_FACE = {1460, 219, 225, 218};

    private static final Duration RECOGNITION_WAIT = Duration.ofSeconds(90);
    private static final Pattern ADDED = Pattern.compile("(?:added as|already) camera (\\S+)");
    private static final Pattern PSEUDONYM = Pattern.compile("as (S-\\S+):");

    record Result(int exit, String output) {
    }

    /** Runs one admin command in the container. */
    interface Commands {
        Result run(List<String> args, String stdin);

        /** Runs a long command, handing each line it prints to {@code lines} as it comes. */
        default Result follow(List<String> args, java.util.function.Consumer<String> lines) {
            Result r = run(args, "");
            r.output().lines().forEach(lines);
            return r;
        }
    }

    private static final Duration SUBSCRIBE_WAIT = Duration.ofSeconds(30);
    private static final String RECOGNITION_TOPIC = "tns1:RuleEngine/Recognition/Face";

    /** {@code vigil events --follow} running in the background: what it printed, whether it subscribed, how it ended. */
    private record EventClient(List<String> lines, java.util.concurrent.CompletableFuture<Void> subscribed,
            java.util.concurrent.CompletableFuture<Result> done) {

        String said() {
            synchronized (lines) {
                return String.join("\n", lines);
            }
        }
    }

    private final Commands commands;
    private final VigilPaths paths;
    private final Path cache;
    private final PrintStream out;
    private final String httpPort;
    private final boolean keep;
    /** Configuration files the demo put in deploy/, removed when it ends: they belong to the demo, not the installation. */
    private final List<Path> written = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The camera discovery added, removed again when the demo ends (it would stay in Config Admin's store otherwise). */
    private volatile String addedCamera;

    /** The first line of every file the demo writes into deploy/: what a later run may remove as its own. */
    static final String MARKER = "# written by vigil demo, removed when it ends";
    /** The files the demo writes into deploy/. */
    static final List<String> FILES = List.of("io.vigil.onvif.device.cfg", "io.vigil.simulator.camera-demo.cfg");

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

    /**
     * @return 0 when the person was recognised and stored as an alert
     * @throws LauncherException with a one-line reason when a step failed (what it printed is shown above it)
     */
    int run() throws IOException, InterruptedException {
        Path photos = samplePhotos(cache);
        Path clip = photos.resolve("sample3.jpg");
        Path other = photos.resolve("sample1.jpg");
        if (!Files.isRegularFile(clip) || !Files.isRegularFile(other)) {
            throw new LauncherException("The demo's sample photos are not in " + photos + ": run ./vigil setup first.");
        }
        removeEarlierDemoCameras();
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        check(commands.run(List.of("secret", "set", "demo.camera"), password + "\n"), "store the camera's password");
        // Vigil as an ONVIF device for any client while the demo runs, with a service account of its own
        String onvifPassword = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        check(commands.run(List.of("secret", "set", "demo.onvif"), onvifPassword + "\n"), "store the ONVIF account's password");
        // demo.run changes with every run: the device reads its accounts' passwords when it is
        // (re)configured, and a configuration equal to the last run's (which Config Admin may still
        // hold: the file was removed while the container was stopping) would keep the old password
        Files.writeString(deployed("io.vigil.onvif.device.cfg"), String.join("\n", MARKER,
                "accounts=demo-vms=demo.onvif", "rtsp.base=rtsp://127.0.0.1:" + rtspPort(),
                "demo.run=" + System.currentTimeMillis(), ""));
        // a VMS's view: subscribed before anything happens, so the recognition must come to it live
        EventClient events = followEvents();
        int discoveryPort = freeUdpPort();
        Files.writeString(deployed("io.vigil.simulator.camera-demo.cfg"), String.join("\n", MARKER,
                "name=demo", "user=admin", "password.alias=demo.camera", "codec=H264", "width=1280", "height=720",
                "fps=10", "photos=" + clip, "discovery.port=" + discoveryPort, ""));
        step(1, "simulated ONVIF camera \"demo\" on 127.0.0.1, streaming a clip of " + clip.getFileName()
                + " (three people)");

        try {
            events.subscribed().get(SUBSCRIBE_WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            out.println("      ONVIF event client subscribed to Vigil's device as demo-vms (vigil events --follow --topic "
                    + RECOGNITION_TOPIC + ")");
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            out.println("      the ONVIF event client could not subscribe to Vigil's device: " + events.said());
        }

        Result discovered = retry(List.of("cameras", "discover", "--target", "127.0.0.1:" + discoveryPort, "--wait", "2",
                "--add", "--user", "admin", "--password-alias", "demo.camera"), ADDED, Duration.ofSeconds(30));
        Matcher added = ADDED.matcher(discovered.output());
        if (!added.find()) {
            out.println(indent(discovered.output()));
            throw new LauncherException("The demo failed: the simulated camera did not answer discovery (see above and " + paths.logs() + ").");
        }
        String camera = added.group(1);
        addedCamera = camera;
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
        step(4, "deployment " + deployment + " started on camera " + camera + " (threshold 0.44, the shipped model's default)");

        out.print("  5/6 waiting for the stream, the face models and the recognition ");
        out.flush();
        long deadline = System.nanoTime() + RECOGNITION_WAIT.toNanos();
        while (!alertStored(camera) && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            out.print(".");
            out.flush();
        }
        out.println();
        Result status = commands.run(List.of("status", "--json"), "");
        if (!alertStored(camera)) {
            out.println(indent(commands.run(List.of("status"), "").output()));
            throw new LauncherException("The demo failed: no recognition within " + RECOGNITION_WAIT.toSeconds()
                    + " s (the status above says where it stopped; logs in " + paths.logs() + ").");
        }
        for (JsonNode module : jsonList(status, "modules")) {
            String name = module.path("module").asText();
            if (name.equals("face-analysis") || name.equals("recognition") || name.startsWith("ingest")) {
                out.println("      " + name + " " + module.path("health").asText() + " " + module.path("detail").asText());
            }
        }
        Result alerts = commands.run(List.of("alerts", "list"), "");
        step(6, "recognised and stored as an alert (only the pseudonym leaves the watchlist):");
        alerts.output().lines().forEach(l -> out.println("      " + l));
        showReceivedEvent(events);
        showMetadata(camera, onvifPassword);
        Result audit = commands.run(List.of("audit", "verify"), "");
        out.println("  audit trail: " + (audit.exit() == 0 ? "verified" : "NOT intact")
                + " (" + audit.output().lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("").strip() + ")");
        complianceSummary();
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
        out.println("  ./vigil events --follow           what a VMS subscribed to Vigil's ONVIF device receives, as it happens");
        out.println("  ./vigil cameras --metadata        the camera's ONVIF metadata stream (face boxes) and its URL");
        return 0;
    }

    /**
     * Starts {@code vigil events --follow} for the first recognition in the background, retrying
     * while Vigil's device is still coming up (fileinstall has just been handed its configuration).
     */
    private EventClient followEvents() {
        EventClient client = new EventClient(new java.util.ArrayList<>(), new java.util.concurrent.CompletableFuture<>(),
                new java.util.concurrent.CompletableFuture<>());
        Thread thread = new Thread(() -> {
            long deadline = System.nanoTime() + SUBSCRIBE_WAIT.toNanos();
            Result last = null;
            try {
                while (!client.subscribed().isDone() && System.nanoTime() < deadline) {
                    last = commands.follow(List.of("events", "--follow", "--topic", RECOGNITION_TOPIC, "--count", "1",
                            "--timeout", Long.toString(RECOGNITION_WAIT.toSeconds() + 20)), line -> {
                                synchronized (client.lines()) {
                                    client.lines().add(line);
                                }
                                if (line.startsWith("following ")) {
                                    client.subscribed().complete(null);
                                }
                            });
                    if (!client.subscribed().isDone()) {
                        Thread.sleep(1000);
                    }
                }
            } catch (InterruptedException | RuntimeException e) {
                // the demo is ending; said() tells what happened
            }
            client.subscribed().completeExceptionally(new IllegalStateException("not subscribed"));
            client.done().complete(last);
        }, "vigil-demo-onvif-events");
        thread.setDaemon(true);
        thread.start();
        return client;
    }

    /** The recognition line the ONVIF event client printed: EnrollmentID, the camera's VS_ token, capture to receipt. */
    private void showReceivedEvent(EventClient events) {
        try {
            events.done().get(15, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException | InterruptedException e) {
            // said below with what it printed
        }
        String said = events.said();
        // a notification line starts with its UtcTime; the first line ("following ...") names the topic too
        String line = said.lines().filter(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT.*") && l.contains(RECOGNITION_TOPIC))
                .findFirst().orElse(null);
        if (line == null) {
            out.println("  the ONVIF event client received no recognition: " + said);
            return;
        }
        Matcher latency = Pattern.compile("received (-?\\d+) ms after it").matcher(line);
        out.println("  received by the ONVIF event client (vigil events --follow)"
                + (latency.find() ? " " + latency.group(1) + " ms after the frame's capture" : "") + ":");
        out.println("      " + line);
    }

    /** The first boxes of the camera's ONVIF metadata stream, played by ffmpeg with the demo's ONVIF account. */
    private void showMetadata(String camera, String onvifPassword) throws IOException, InterruptedException {
        String uri = "rtsp://127.0.0.1:" + rtspPort() + "/vigil/" + camera + "/metadata";
        List<MetadataSample.Frame> frames;
        try {
            frames = MetadataSample.play(uri.replace("rtsp://", "rtsp://demo-vms:" + onvifPassword + "@"), 2, Duration.ofSeconds(15));
        } catch (IOException e) {
            out.println("  metadata stream " + uri + ": ffmpeg is not installed here (./vigil setup installs it), not played");
            return;
        }
        if (frames.isEmpty()) {
            out.println("  metadata stream " + uri + ": no frame with faces within 15 s (./vigil cameras --metadata shows its state)");
            return;
        }
        out.println("  metadata stream " + uri + " (ONVIF, played by ffmpeg as demo-vms):");
        frames.forEach(frame -> out.println("      metadata: " + frame.describe()));
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
            out.println(indent(r.output()));
            String last = r.output().lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("no output").strip();
            throw new LauncherException("The demo failed: it could not " + what + ": " + last);
        }
        return r;
    }

    private static String indent(String text) {
        return text.lines().map(l -> "      " + l).reduce((a, b) -> a + "\n" + b).orElse("");
    }

    /**
     * Cameras an earlier demo run added by discovery (named "demo", on loopback) and could not
     * remove because it was killed: their simulated camera is gone, and Vigil's ONVIF device would
     * offer them to a VMS as channels that never play.
     */
    private void removeEarlierDemoCameras() {
        Result listed = commands.run(List.of("cameras", "--json"), "");
        if (listed.exit() != 0) {
            return; // nothing to clean up that can be seen; the demo adds its own camera regardless
        }
        for (JsonNode camera : jsonList(listed, "cameras")) {
            String id = camera.path("id").asText();
            if (id.matches("demo-[0-9a-f]{1,6}") && "demo".equals(camera.path("name").asText())
                    && camera.path("configured").asBoolean(false)
                    && camera.path("address").asText().startsWith("http://127.0.0.1:")) {
                Result removed = commands.run(List.of("cameras", "remove", id), "");
                out.println("  removed camera " + id + ", left by an earlier demo run"
                        + (removed.exit() == 0 ? "" : ": " + removed.output().strip()));
            }
        }
    }

    /** Whether the alert store holds an alert of the demo's camera: the recognition went the whole way. */
    private boolean alertStored(String camera) {
        Result alerts = commands.run(List.of("alerts", "list", "--camera", camera, "--json"), "");
        return alerts.exit() == 0 && !jsonList(alerts, "alerts").isEmpty();
    }

    /** The facial-data count and the count-triggered profiles' share of their threshold, from the ledger's data. */
    private void complianceSummary() {
        Result status = commands.run(List.of("compliance", "status", "--json"), "");
        JsonNode doc;
        try {
            doc = Json.read(status.output());
        } catch (IllegalArgumentException notData) {
            out.println("  compliance status: " + status.output().strip()); // the ledger's own reason
            return;
        }
        out.println("  Facial data held: " + doc.path("individuals").asText() + " individuals ("
                + doc.path("unknown_individuals").asText() + " unknown, from dismissed alerts), " + doc.path("templates").asText()
                + " templates, " + doc.path("images").asText() + " images");
        for (JsonNode p : jsonList(status, "profiles")) {
            if (p.path("count_triggered").asBoolean(false)) {
                out.println("  " + p.path("code").asText() + ": " + p.path("individuals").asText() + " of "
                        + p.path("threshold").asText() + " individuals");
            }
        }
    }

    /** The objects of a command's {@code --json} list field ({@code "cameras"}, {@code "alerts"}, ...). */
    private static List<JsonNode> jsonList(Result result, String field) {
        JsonNode list = Json.read(result.output()).get(field);
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException(field + " is not a JSON array");
        }
        List<JsonNode> elements = new ArrayList<>();
        list.forEach(elements::add);
        return elements;
    }

    /** Takes the camera the demo added out of the running container again; the container must still run. */
    void removeCamera() {
        String camera = addedCamera;
        addedCamera = null;
        if (camera != null) {
            try {
                commands.run(List.of("cameras", "remove", camera), "");
            } catch (RuntimeException e) {
                out.println("  could not remove camera " + camera + ": " + e.getMessage());
            }
        }
    }

    /**
     * Files an earlier, killed demo run left in deploy/: removed before the container starts, so
     * its simulated camera and device settings never start again (the container then also drops
     * their configurations, whose files are gone).
     */
    static void removeLeftovers(VigilPaths paths, PrintStream out) {
        for (String name : FILES) {
            Path file = paths.deploy().resolve(name);
            try {
                // runs from before the marker: the device file's demo.run, the simulated camera's password alias
                String text = Files.isRegularFile(file) ? Files.readString(file) : "";
                if (text.startsWith(MARKER) || text.contains("\ndemo.run=") || text.contains("\npassword.alias=demo.camera\n")) {
                    Files.delete(file);
                    out.println("  removed deploy/" + name + ", left by an earlier demo run");
                }
            } catch (IOException e) {
                throw new LauncherException("Cannot remove deploy/" + name + ", left by an earlier demo run: " + e.getMessage(), e);
            }
        }
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

    /** Hands on each line a command prints as the admin channel delivers it, and keeps them all. */
    private static final class LineSplitter extends java.io.OutputStream {
        private final java.util.function.Consumer<String> lines;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private final StringBuilder all = new StringBuilder();

        LineSplitter(java.util.function.Consumer<String> lines) {
            this.lines = lines;
        }

        @Override
        public synchronized void write(int b) {
            if (b != '\n') {
                line.write(b);
                return;
            }
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            all.append(text).append('\n');
            lines.accept(text);
        }

        synchronized String all() {
            return all + line.toString(StandardCharsets.UTF_8);
        }
    }

    /** Commands through the admin channel of the container the demo started. */
    static Commands over(Path socket) {
        return new Commands() {
            @Override
            public Result run(List<String> args, String stdin) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8);
                int exit = call(args, stdin, capture);
                return new Result(exit, bytes.toString(StandardCharsets.UTF_8));
            }

            @Override
            public Result follow(List<String> args, java.util.function.Consumer<String> lines) {
                LineSplitter splitter = new LineSplitter(lines);
                int exit = call(args, "", new PrintStream(splitter, true, StandardCharsets.UTF_8));
                return new Result(exit, splitter.all());
            }

            private int call(List<String> args, String stdin, PrintStream capture) {
                return AdminClient.connect(socket)
                        .map(channel -> AdminClient.call(channel, args, stdin.getBytes(StandardCharsets.UTF_8), capture, capture))
                        .orElseThrow(() -> new LauncherException("The admin channel closed"));
            }
        };
    }
}

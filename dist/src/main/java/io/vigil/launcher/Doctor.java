package io.vigil.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * {@code vigil doctor}: what this machine offers Vigil, checked by asking the system itself
 * (GStreamer's registry, device nodes, sockets, file systems), with the fix for what is missing,
 * and the insecure settings in use ({@link SecurityChecks}), each with its fix. {@code --json}
 * prints the same as one JSON document.
 */
final class Doctor {

    /** Elements ingest needs whatever the machine: RTSP in, H.264/H.265 parse and software decode, BGR out. */
    static final List<String> REQUIRED_ELEMENTS = List.of(
            "rtspsrc", "rtph264depay", "rtph265depay", "h264parse", "h265parse",
            "avdec_h264", "avdec_h265", "videoconvert", "videoscale", "appsink", "x264enc");

    static final String APT_PACKAGES = "gstreamer1.0-tools gstreamer1.0-plugins-base gstreamer1.0-plugins-good "
            + "gstreamer1.0-plugins-bad gstreamer1.0-plugins-ugly gstreamer1.0-libav gstreamer1.0-vaapi "
            + "gstreamer1.0-rtsp libgstrtspserver-1.0-0";

    private final VigilPaths paths;
    private final PrintStream out;
    private final BiFunction<List<String>, PrintStream, Integer> containerCommand;
    private final boolean json;
    private final List<Map<String, String>> checks = new ArrayList<>();
    private String section = "";
    private int problems;

    /**
     * @param containerCommand runs a container command (in the running container or a one-shot one),
     *                         printing to the stream given
     * @param json             print one JSON document instead of text
     */
    Doctor(VigilPaths paths, PrintStream out, BiFunction<List<String>, PrintStream, Integer> containerCommand, boolean json) {
        this.paths = paths;
        this.out = out;
        this.containerCommand = containerCommand;
        this.json = json;
    }

    int run() {
        if (!json) {
            out.println("Vigil " + Main.version() + " doctor");
        }
        java();
        gstreamer();
        hardware();
        section("Face models and ONNX Runtime (as the inference bundle finds them)");
        if (container(List.of("models")) != 0) {
            line("PROBLEM", "a face model is missing or not the pinned file (see above)");
            problems++;
        }
        ports();
        disk();
        List<SecurityFinding> findings = security();
        if (json) {
            out.println(DoctorJson.document(Main.version(), checks, findings, problems));
        } else {
            out.println();
            out.println(problems == 0 ? "OK: this machine can run Vigil." : problems + " problem(s) above; each says how to fix it.");
            if (!findings.isEmpty()) {
                out.println(findings.size() + " insecure setting(s) in use (Security above); each says how to fix it.");
            }
        }
        return problems == 0 ? 0 : 3;
    }

    /** Insecure settings are warnings, not problems: Vigil runs with them, and the exit status says only whether it can run. */
    private List<SecurityFinding> security() {
        section("Security (insecure settings in use)");
        List<SecurityFinding> findings = SecurityChecks.run(new SecuritySettings(paths));
        if (findings.isEmpty()) {
            line("ok", "no insecure setting found among those checked");
        }
        for (SecurityFinding finding : findings) {
            line("WARNING", finding.setting() + ": " + finding.risk());
            if (!json) {
                out.printf("  %-8s fix: %s%n", "", finding.fix());
            }
        }
        return findings;
    }

    private void section(String title) {
        section = title;
        if (!json) {
            out.println(title);
        }
    }

    /** A container command's output: printed as it comes, or, for --json, kept as one check's text. */
    private int container(List<String> command) {
        if (!json) {
            return containerCommand.apply(command, out);
        }
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        int status;
        try (PrintStream to = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            status = containerCommand.apply(command, to);
        }
        String text = captured.toString(StandardCharsets.UTF_8).strip();
        if (!text.isEmpty()) {
            record(status == 0 ? "ok" : "PROBLEM", "vigil " + String.join(" ", command) + ":\n" + text);
        }
        return status;
    }

    private void java() {
        section("Java");
        Runtime.Version version = Runtime.version();
        boolean ok = version.feature() >= 17;
        line(ok ? "ok" : "PROBLEM", "Java " + version + " (" + System.getProperty("java.vendor") + ")"
                + (ok ? "" : ": Vigil needs Java 17 or newer (apt-get install openjdk-17-jre-headless)"));
        if (!ok) {
            problems++;
        }
    }

    private void gstreamer() {
        section("GStreamer");
        Optional<String> version = command(List.of("gst-inspect-1.0", "--version"));
        if (version.isEmpty()) {
            line("PROBLEM", "gst-inspect-1.0 not found: apt-get install " + APT_PACKAGES);
            problems++;
            return;
        }
        line("ok", version.get().lines().filter(l -> l.startsWith("GStreamer")).findFirst().orElse(version.get().strip()));
        List<String> missing = new ArrayList<>();
        for (String element : REQUIRED_ELEMENTS) {
            if (!hasElement(element)) {
                missing.add(element);
            }
        }
        if (missing.isEmpty()) {
            line("ok", "elements for RTSP, H.264/H.265 and software decode: " + String.join(" ", REQUIRED_ELEMENTS));
        } else {
            line("PROBLEM", "missing elements " + missing + ": apt-get install " + APT_PACKAGES);
            problems++;
        }
        boolean rtspServer = Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libgstrtspserver-1.0.so.0"))
                || Files.exists(Path.of("/usr/lib/aarch64-linux-gnu/libgstrtspserver-1.0.so.0"))
                || command(List.of("sh", "-c", "ldconfig -p | grep -q libgstrtspserver-1.0.so.0 && echo yes"))
                        .map(s -> s.contains("yes")).orElse(false);
        if (rtspServer) {
            line("ok", "gst-rtsp-server library (restreams and simulated cameras)");
        } else {
            line("PROBLEM", "libgstrtspserver-1.0 missing: apt-get install libgstrtspserver-1.0-0");
            problems++;
        }
    }

    private void hardware() {
        section("Hardware video decode");
        List<String> devices = new ArrayList<>();
        listDevices(Path.of("/dev/dri"), "renderD", devices);
        if (Files.exists(Path.of("/dev/nvidia0"))) {
            devices.add("/dev/nvidia0");
        }
        line("info", devices.isEmpty() ? "no GPU device nodes (/dev/dri/renderD*, /dev/nvidia*)" : "devices: " + String.join(" ", devices));
        section("Decoders (as the ingest bundle chooses them from GStreamer's registry)");
        if (container(List.of("decoders")) != 0) {
            line("PROBLEM", "a codec has no decoder (see above)");
            problems++;
        }
    }

    private void ports() {
        section("Ports");
        Map<String, String> properties = FrameworkProperties.load(paths, Main.version(), "doctor",
                paths.frameworkStorage(), paths.adminSocket());
        Optional<String> port = Optional.ofNullable(properties.get("org.osgi.service.http.port"));
        Optional<String> host = Optional.ofNullable(properties.get("org.apache.felix.http.host"));
        if (port.isEmpty()) {
            line("info", "no HTTP port configured");
            return;
        }
        String address = host.orElse("0.0.0.0");
        boolean running = AdminClient.connect(paths.adminSocket()).map(c -> {
            try {
                c.close();
            } catch (IOException ignored) {
                // only probing
            }
            return true;
        }).orElse(false);
        try (ServerSocket socket = new ServerSocket(Integer.parseInt(port.get()), 1, InetAddress.getByName(address))) {
            line("ok", "HTTP " + address + ":" + port.get() + " is free");
        } catch (IOException | NumberFormatException e) {
            if (running) {
                line("ok", "HTTP " + address + ":" + port.get() + " in use by this Vigil, which is running");
            } else {
                line("PROBLEM", "HTTP " + address + ":" + port.get() + " is taken by another program ("
                        + e.getMessage() + "): free it or set org.osgi.service.http.port in conf/config.properties");
                problems++;
            }
        }
    }

    private void disk() {
        section("Disk");
        for (Path dir : List.of(paths.data(), paths.logs())) {
            Path existing = dir;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing == null) {
                continue;
            }
            try {
                FileStore store = Files.getFileStore(existing);
                long free = store.getUsableSpace();
                boolean ok = free >= 1L << 30;
                line(ok ? "ok" : "PROBLEM", dir + ": " + (free >> 20) + " MiB free"
                        + (ok ? "" : " (under 1 GiB: alerts and audit entries need room; free some space)"));
                if (!ok) {
                    problems++;
                }
                if (!Files.isWritable(existing)) {
                    line("PROBLEM", existing + " is not writable by this user");
                    problems++;
                }
            } catch (IOException e) {
                line("PROBLEM", dir + ": " + e.getMessage());
                problems++;
            }
        }
    }

    private boolean hasElement(String element) {
        return command(List.of("gst-inspect-1.0", "--exists", element)).isPresent();
    }

    private static void listDevices(Path dir, String prefix, List<String> into) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, prefix + "*")) {
            entries.forEach(p -> into.add(p.toString()));
        } catch (IOException ignored) {
            // unreadable /dev/dri counts as no device
        }
    }

    /** Output of a command that exited 0, or empty (not installed, failed, or took over 30 s). */
    static Optional<String> command(List<String> argv) {
        try {
            Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return process.exitValue() == 0 ? Optional.of(new String(output, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private void line(String verdict, String text) {
        record(verdict, text);
        if (!json) {
            out.printf("  %-8s %s%n", verdict, text);
        }
    }

    private void record(String verdict, String text) {
        checks.add(Map.of("section", section, "verdict", verdict, "text", text));
    }
}

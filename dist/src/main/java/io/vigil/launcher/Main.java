package io.vigil.launcher;

import io.vigil.support.args.ArgumentException;
import io.vigil.support.args.CommandLine;
import io.vigil.support.args.CommandLineSpec;
import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code bin/vigil}: starts the container ({@code run}, {@code demo}), checks the machine
 * ({@code doctor}), and passes every other command to the container's admin channel. When no
 * container is running, such a command runs in a one-shot container started for it alone.
 */
public final class Main {

    private static final Logger LOG = Logger.getLogger("io.vigil.launcher");
    private static final long SETTLE_QUIET_MS = 1500;
    private static final long SETTLE_MAX_MS = 90_000;

    private final VigilPaths paths;
    private final PrintStream out;
    private final PrintStream err;

    Main(VigilPaths paths, PrintStream out, PrintStream err) {
        this.paths = paths;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        int status;
        // the terminal's streams, kept: one-shot commands and the demo send System.out/err to the log meanwhile
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        try {
            status = new Main(VigilPaths.fromEnvironment(System.getenv()), stdout, stderr).dispatch(List.of(args));
        } catch (LauncherException e) {
            stderr.println("vigil: " + e.getMessage());
            status = 1;
        }
        System.exit(status);
    }

    private static final CommandLineSpec RUN = CommandLineSpec.of("vigil run", "usage: vigil run [--shell]").flag("--shell");
    private static final CommandLineSpec DEMO = CommandLineSpec.of("vigil demo", "usage: vigil demo [--keep]").flag("--keep");
    private static final CommandLineSpec DOCTOR = CommandLineSpec.of("vigil doctor", "usage: vigil doctor [--json]").flag("--json");

    int dispatch(List<String> args) {
        String command = args.isEmpty() ? "help" : args.get(0);
        List<String> rest = args.isEmpty() ? List.of() : args.subList(1, args.size());
        CommandLine line;
        try {
            line = switch (command) {
                case "run" -> RUN.parse(rest);
                case "demo" -> DEMO.parse(rest);
                case "doctor" -> DOCTOR.parse(rest);
                default -> null;
            };
        } catch (ArgumentException e) {
            e.print(err);
            return 2;
        }
        return switch (command) {
            case "run" -> run(line.has("--shell"));
            case "demo" -> demo(line.has("--keep"));
            case "doctor" -> new Doctor(paths, out, (call, to) -> new Main(paths, to, err).forward(call), line.has("--json")).run();
            case "version", "--version" -> {
                out.println("Vigil " + version());
                yield 0;
            }
            case "help", "-h", "--help" -> help();
            case "cluster" -> !rest.isEmpty() && rest.get(0).equals("demo") ? clusterDemo(rest.subList(1, rest.size())) : forward(args);
            case "bench" -> !rest.isEmpty() && rest.get(0).equals("cluster") ? clusterBench(rest.subList(1, rest.size()))
                    : rest.isEmpty() || rest.get(0).startsWith("--")
                    ? new BenchSuite(out, err, (call, to) -> new Main(paths, to, err).forward(call),
                            DemoScenario.samplePhotos(DemoScenario.cache(System.getenv()))).run(rest)
                    : forward(args);
            default -> forward(args);
        };
    }

    private int clusterDemo(List<String> options) {
        for (String option : options) {
            if (!option.equals("--keep") && !option.equals("--json")) {
                err.println("usage: vigil cluster demo [--keep] [--json]");
                return 2;
            }
        }
        try {
            return new ClusterDemo(paths, DemoScenario.samplePhotos(DemoScenario.cache(System.getenv())), out,
                    options.contains("--keep"), options.contains("--json")).run();
        } catch (java.io.IOException e) {
            throw new LauncherException("The cluster demo failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private int clusterBench(List<String> options) {
        java.util.Optional<ClusterBench.Settings> settings = ClusterBench.Settings.parse(options, err);
        if (settings.isEmpty()) {
            return 2;
        }
        try {
            return new ClusterBench(paths, settings.get(), out).run();
        } catch (java.io.IOException e) {
            throw new LauncherException("The cluster bench failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }

    private int help() {
        out.println("""
                usage: vigil COMMAND [ARGS]

                  run [--shell]   start the container in the foreground (Ctrl-C stops it); --shell adds the Gogo shell
                  demo [--keep]   start the container, show what runs, stop (or keep running with --keep)
                  status          what is installed, active and failing, and why (exit 3 when something fails)
                  doctor          what this machine offers: GStreamer, decoders, ports, disk; insecure settings in use (--json)
                  version         this distribution's version
                  bench [--quick] [--markdown]   every benchmark, then one table of figures against their references
                  cluster demo [--keep] [--json]   Kafka, three nodes, six cameras on this machine; kill -9 of a node
                  bench cluster [--cameras N] [--kills N] [--json]   assignment balance and failover time over a demo cluster
                  secret ...      the secret store: list, set ALIAS (value on standard input), generate-key, remove

                Other commands are the running container's; `vigil help` lists them while it runs.
                Environment: VIGIL_DATA (data folder), VIGIL_LOGS (log folder),
                VIGIL_SECRETS_PASSPHRASE_FILE or VIGIL_SECRETS_PASSPHRASE (the secret store's passphrase).""");
        Optional<SocketChannel> running = AdminClient.connect(paths.adminSocket());
        if (running.isPresent()) {
            return AdminClient.call(running.get(), List.of("help"), new byte[0], out, err);
        }
        return 0;
    }

    private Map<String, String> properties(String mode, Path storage, Path socket, boolean shell) {
        Map<String, String> properties = FrameworkProperties.load(paths, version(), mode, storage, socket);
        properties.put("gosh.args", shell ? "" : "--nointeractive");
        return properties;
    }

    private InstanceLock lockOrExplain(String mode) {
        return InstanceLock.acquireWaitingForOneShot(paths.lockFile(), mode, SETTLE_MAX_MS).orElseThrow(() -> new LauncherException(
                "Vigil is already running with data folder " + paths.data() + " (pid "
                        + InstanceLock.holder(paths.lockFile()) + "). Stop it first, or set VIGIL_DATA to another folder."));
    }

    private int run(boolean shell) {
        try (InstanceLock lock = lockOrExplain("service")) {
            // with the shell in the terminal, only warnings interrupt it; the file has everything
            LogSetup.configure(paths, shell ? Level.WARNING : Level.INFO, LogSetup.EVERYTHING);
            Container container = Container.start(paths.system(),
                    properties("service", paths.frameworkStorage(), paths.adminSocket(), shell));
            Thread hook = new Thread(container::stop, "vigil-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            LOG.info("Vigil " + version() + " started: home " + paths.home() + ", data " + paths.data()
                    + ", logs " + paths.logs());
            container.awaitStop();
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private int demo(boolean keep) {
        try (InstanceLock lock = lockOrExplain("demo")) {
            LogSetup.configure(paths, Level.WARNING, LogSetup.LAUNCHER);
            // the demo's own lines go to out; what bundles print to the process's streams, to the log (for good:
            // the process ends with the demo)
            StrayOutput.toLog();
            out.println("Vigil " + version() + " demo");
            DemoScenario.removeLeftovers(paths, out);
            out.println("  starting the container (home " + paths.home() + ") ...");
            long started = System.nanoTime();
            Map<String, String> demoProperties = properties("demo", paths.frameworkStorage(), paths.adminSocket(), false);
            Container container = Container.start(paths.system(), demoProperties);
            DemoScenario scenario = new DemoScenario(DemoScenario.over(paths.adminSocket()), paths,
                    DemoScenario.cache(System.getenv()), out,
                    demoProperties.getOrDefault("org.osgi.service.http.port", "8480"), keep);
            // Ctrl-C, or the end: what the demo added leaves with it, the camera while the container still runs
            Runnable end = () -> {
                scenario.removeCamera();
                container.stop();
                scenario.removeConfiguration();
            };
            Thread hook = new Thread(end, "vigil-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            out.println("  waiting for the bundles in deploy/ to start ...");
            container.awaitSettled(SETTLE_QUIET_MS, SETTLE_MAX_MS, paths.deploy());
            out.printf("  ready in %.1f s%n", (System.nanoTime() - started) / 1e9);
            try {
                scenario.run();
            } catch (java.io.IOException | RuntimeException e) {
                // a failed step ends the demo, --keep or not: the reason is the last line, the exit non-zero
                Runtime.getRuntime().removeShutdownHook(hook);
                end.run();
                out.println();
                out.println("Logs: " + paths.logs() + "   Data: " + paths.data());
                throw e instanceof LauncherException failed ? failed
                        : new LauncherException("The demo failed: " + e.getMessage(), e);
            }
            out.println();
            out.println("Logs: " + paths.logs() + "   Data: " + paths.data());
            if (keep) {
                out.println("Running until Ctrl-C. In another terminal: ./vigil status");
                container.awaitStop();
            } else {
                out.println("Demo finished; `./vigil demo --keep` leaves the container running.");
                Runtime.getRuntime().removeShutdownHook(hook);
                end.run();
            }
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** A container command: to the running container, or to a one-shot container made for it. */
    private int forward(List<String> givenArgs) {
        List<String> args = withAbsoluteFiles(givenArgs);
        byte[] stdin = standardInput(args);
        try {
            long deadline = System.nanoTime() + SETTLE_MAX_MS * 1_000_000;
            while (true) {
                Optional<SocketChannel> running = AdminClient.connect(paths.adminSocket());
                if (running.isPresent()) {
                    return AdminClient.call(running.get(), args, stdin, out, err);
                }
                Optional<InstanceLock> lock = InstanceLock.tryAcquire(paths.lockFile(), InstanceLock.ONE_SHOT);
                if (lock.isPresent()) {
                    try (InstanceLock held = lock.get()) {
                        return oneShot(args, stdin);
                    }
                }
                // a container (run, demo) opens its admin channel in the data folder: wait for that; another
                // one-shot command (a loop of them, the last one's process still ending), or a holder that
                // has not written who it is yet, has none there: wait for its lock
                if (InstanceLock.heldByContainer(paths.lockFile()) || System.nanoTime() > deadline) {
                    return callWhenOpen(args, stdin);
                }
                sleep(200);
            }
        } finally {
            Arrays.fill(stdin, (byte) 0);
        }
    }

    /**
     * Arguments naming files that exist relative to the caller's folder, made absolute: a running
     * container has its own working folder, and {@code vigil faces photo.jpg} must mean the
     * caller's photo.
     */
    private static final java.util.Set<String> OUTPUT_OPTIONS = java.util.Set.of("--to", "--checkpoints");

    static List<String> withAbsoluteFiles(List<String> args) {
        List<String> out = new java.util.ArrayList<>(args.size());
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            int equals = a.indexOf('=');
            if (i > 0 && a.startsWith("--") && equals > 2) {
                // --to=FILE: the commands read an option's value after '=' as after a space
                String option = a.substring(0, equals);
                a = option + "=" + absolute(a.substring(equals + 1), OUTPUT_OPTIONS.contains(option));
            } else if (i > 0 && !a.startsWith("-") && !a.isEmpty()) {
                // files a command will write (an export's --to) need not exist yet
                a = absolute(a, OUTPUT_OPTIONS.contains(args.get(i - 1)));
            }
            out.add(a);
        }
        return out;
    }

    private static String absolute(String word, boolean output) {
        try {
            Path p = Path.of(word);
            if (!word.isEmpty() && !p.isAbsolute() && (output || Files.exists(p))) {
                return p.toAbsolutePath().normalize().toString();
            }
        } catch (java.nio.file.InvalidPathException e) {
            // not a path: passed on as given
        }
        return word;
    }

    /** A container is starting (it holds the lock) but its admin channel is not open yet. */
    private int callWhenOpen(List<String> args, byte[] stdin) {
        long deadline = System.nanoTime() + SETTLE_MAX_MS * 1_000_000;
        while (System.nanoTime() < deadline) {
            Optional<SocketChannel> channel = AdminClient.connect(paths.adminSocket());
            if (channel.isPresent()) {
                return AdminClient.call(channel.get(), args, stdin, out, err);
            }
            sleep(200);
        }
        throw new LauncherException("Vigil (pid " + InstanceLock.holder(paths.lockFile())
                + ") holds the data folder but its admin channel did not open; see " + paths.logs());
    }

    /**
     * Commands that only read and write data (watchlists, alerts, the audit trail, the ledger, the
     * secret store, photos): their one-shot container serves and pulls no media, so it opens no
     * port (no RTSP server, no ONVIF device or simulated camera, no console) and never clashes with
     * one, and reaches no camera.
     */
    static final java.util.Set<String> DATA_COMMANDS = java.util.Set.of("faces", "identify", "watchlist", "compliance",
            "secret", "models", "audit", "alerts", "deployment", "users", "evaluate");

    /**
     * Configuration files a data command's one-shot container leaves unread, in conf/ and
     * deploy/: simulated cameras, Vigil's ONVIF device and the announcement listener, ingest
     * streams, the RTSP server and the console. The cameras themselves are read (the ledger and
     * filings list them) but not connected.
     */
    static final String WITHOUT_MEDIA = "(?!io[.]vigil[.](simulator|onvif[.]device|onvif[.]discovery|ingest[.]stream"
            + "|gstreamer[.]rtsp|console)[.-])";

    static void withoutMedia(Map<String, String> properties) {
        properties.put("vigil.media", "off");
        properties.put("felix.fileinstall.filter", WITHOUT_MEDIA + ".*[.](cfg|config)");
        properties.put("vigil.deploy.filter", WITHOUT_MEDIA + ".*[.](jar|cfg|config)");
    }

    private int oneShot(List<String> args, byte[] stdin) {
        Path scratch = null;
        try {
            // the terminal gets the command's answer; the framework's warnings (stopping while
            // services still resolve) and bundles' messages go to the log only
            LogSetup.configure(paths, Level.WARNING, LogSetup.LAUNCHER);
            scratch = Files.createTempDirectory("vigil-");
            Path socket = scratch.resolve("admin.sock");
            Map<String, String> properties = properties("one-shot", scratch.resolve("cache"), socket, false);
            // a one-shot command serves nobody: no port is opened, so it never clashes with one
            properties.put("org.apache.felix.http.enable", "false");
            if (!args.isEmpty() && DATA_COMMANDS.contains(args.get(0))) {
                withoutMedia(properties);
            }
            // the answer goes to out and err (the terminal); what bundles print to the process's streams, to the log
            try (StrayOutput.Redirect stray = StrayOutput.toLog()) {
                Container container = Container.start(paths.system(), properties);
                try {
                    container.awaitSettled(SETTLE_QUIET_MS, SETTLE_MAX_MS, paths.deploy());
                    SocketChannel channel = AdminClient.connect(socket).orElseThrow(() -> new LauncherException(
                            "The admin channel did not open; see " + paths.logs()));
                    return AdminClient.call(channel, args, stdin, out, err);
                } finally {
                    container.stop();
                }
            }
        } catch (IOException e) {
            throw new LauncherException("Cannot create a temporary folder: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            deleteTree(scratch);
        }
    }

    /**
     * Standard input for the commands that read it: a camera CSV, or a secret, which never comes
     * as an argument: from the terminal without echo, or from standard input when it is not a
     * terminal.
     */
    private byte[] standardInput(List<String> args) {
        if (args.size() >= 2 && args.get(0).equals("cameras") && args.get(1).equals("import")) {
            return readBounded(System.in, 16 * 1024 * 1024);
        }
        boolean secret = args.size() >= 2 && args.get(0).equals("secret") && args.get(1).equals("set");
        // a console user's password, like a secret: asked twice at a terminal, else read from standard input
        boolean userPassword = args.size() >= 2 && args.get(0).equals("users") && args.get(1).equals("add");
        if (!secret && !userPassword) {
            return new byte[0];
        }
        Console console = System.console();
        if (console != null) {
            char[] first = secret ? console.readPassword("Value for %s: ", args.size() > 2 ? args.get(2) : "the secret")
                    : console.readPassword("Password for %s: ", args.size() > 2 ? args.get(2) : "the new user");
            char[] again = console.readPassword("Again: ");
            try {
                if (first == null || !Arrays.equals(first, again)) {
                    throw new LauncherException("The two values differ; nothing stored.");
                }
                return (new String(first) + "\n").getBytes(StandardCharsets.UTF_8);
            } finally {
                if (first != null) {
                    Arrays.fill(first, '\0');
                }
                if (again != null) {
                    Arrays.fill(again, '\0');
                }
            }
        }
        return readBounded(System.in, 64 * 1024);
    }

    private static byte[] readBounded(InputStream in, int max) {
        try {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            byte[] chunk = new byte[4096];
            int n;
            while ((n = in.read(chunk)) != -1) {
                if (buffer.size() + n > max) {
                    throw new LauncherException("Standard input is larger than " + max + " bytes.");
                }
                buffer.write(chunk, 0, n);
            }
            return buffer.toByteArray();
        } catch (IOException e) {
            throw new LauncherException("Cannot read standard input: " + e.getMessage(), e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException("Interrupted.", e);
        }
    }

    private static void deleteTree(Path root) {
        if (root == null) {
            return;
        }
        try (var walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}

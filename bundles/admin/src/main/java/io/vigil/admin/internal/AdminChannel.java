package io.vigil.admin.internal;

import io.vigil.api.admin.AdminCaller;
import io.vigil.api.admin.AdminCommand;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import jdk.net.UnixDomainPrincipal;
import jdk.net.ExtendedSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.Optional;
import java.util.function.Supplier;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * The local administration channel: a Unix domain socket in the data folder's {@code run/}
 * directory, reachable only by the service user (directory 0700, socket 0600), like the Docker
 * or containerd sockets. {@code bin/vigil} sends a command line; the channel runs the
 * {@link AdminCommand} service registered under that name and streams its output back.
 */
@Component(immediate = true)
public class AdminChannel {

    static final String SOCKET_PROPERTY = "vigil.admin.socket";
    /**
     * Framework property: an operating-system group whose members may use the channel too (the
     * socket then 0660 and its folder 0750, owned by that group), so that each operator runs
     * bin/vigil under an account of their own and is recorded as such; empty: the service user only.
     */
    static final String GROUP_PROPERTY = "vigil.admin.group";
    private static final int WORKERS = 4;

    /**
     * How long a command that is not registered yet is waited for while the container starts: a
     * first start unpacks native libraries and loads the face models.
     */
    static final long STARTUP_WAIT_MILLIS = 90_000;

    /** How long after the channel opened a command not registered yet is still waited for. */
    static final long SETTLING_MILLIS = 20_000;

    private final Logger logger;
    /** What is still starting (empty once started); a command not registered yet is waited for meanwhile. */
    private final Supplier<Optional<String>> stillStarting;
    private final long startupWaitMillis;
    private final ContainerStartup startup;
    private final Path socketPath;
    private final ServerSocketChannel server;
    private final ExecutorService workers;
    private final Thread acceptor;
    private final Map<String, AdminCommand> commands = new ConcurrentHashMap<>();
    private final Map<String, String> summaries = new ConcurrentHashMap<>();

    @Activate
    public AdminChannel(BundleContext context, @Reference(service = LoggerFactory.class) Logger logger)
            throws IOException {
        this(Path.of(context.getProperty(SOCKET_PROPERTY)),
                Optional.ofNullable(context.getProperty(GROUP_PROPERTY)).map(String::strip).filter(g -> !g.isEmpty()),
                new ContainerStartup(context), STARTUP_WAIT_MILLIS, logger);
    }

    /**
     * While the container starts, and for {@link #SETTLING_MILLIS} after the channel opened: Declarative
     * Services activates components after their bundles are active, and a component whose activation
     * does work (the audit trail's start entry and checkpoint) can be seconds behind on a loaded
     * machine; a one-shot container's command arrives right after its bundles are active.
     */
    private static Supplier<Optional<String>> orSettling(ContainerStartup startup) {
        long opened = System.nanoTime();
        return () -> startup.get().or(() -> System.nanoTime() - opened < SETTLING_MILLIS * 1_000_000
                ? Optional.of("the components of bundles that have just started")
                : Optional.empty());
    }

    AdminChannel(Path socketPath, Supplier<Optional<String>> stillStarting, long startupWaitMillis, Logger logger)
            throws IOException {
        this(socketPath, Optional.empty(), stillStarting, startupWaitMillis, logger);
    }

    private AdminChannel(Path socketPath, Optional<String> group, ContainerStartup startup, long startupWaitMillis,
            Logger logger) throws IOException {
        this(socketPath, group, orSettling(startup), startupWaitMillis, logger, startup);
    }

    AdminChannel(Path socketPath, Optional<String> group, Supplier<Optional<String>> stillStarting,
            long startupWaitMillis, Logger logger) throws IOException {
        this(socketPath, group, stillStarting, startupWaitMillis, logger, null);
    }

    private AdminChannel(Path socketPath, Optional<String> group, Supplier<Optional<String>> stillStarting,
            long startupWaitMillis, Logger logger, ContainerStartup startup)
            throws IOException {
        this.logger = logger;
        this.stillStarting = stillStarting;
        this.startupWaitMillis = startupWaitMillis;
        this.startup = startup;
        this.socketPath = socketPath;
        Path dir = socketPath.getParent();
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        // A socket file left by a container that died is stale: the launcher's lock guarantees
        // no other container of this data folder is running.
        Files.deleteIfExists(socketPath);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socketPath));
        Files.setPosixFilePermissions(socketPath, PosixFilePermissions.fromString("rw-------"));
        if (group.isPresent()) {
            openTo(group.get(), dir);
        }
        workers = new ThreadPoolExecutor(WORKERS, WORKERS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(64),
                r -> new Thread(r, "vigil-admin-command"), new ThreadPoolExecutor.AbortPolicy());
        acceptor = new Thread(this::acceptLoop, "vigil-admin-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        logger.info("Admin channel listening on {}", socketPath);
    }

    /** Lets the group's members reach the socket; an unknown group leaves it to the service user, and says so. */
    private void openTo(String group, Path dir) {
        try {
            java.nio.file.attribute.GroupPrincipal principal = socketPath.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByGroupName(group);
            for (Path p : List.of(dir, socketPath)) {
                Files.getFileAttributeView(p, java.nio.file.attribute.PosixFileAttributeView.class).setGroup(principal);
            }
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));
            Files.setPosixFilePermissions(socketPath, PosixFilePermissions.fromString("rw-rw----"));
            logger.info("Admin channel open to the members of group {} too", group);
        } catch (IOException e) {
            logger.error("Admin channel: group {} cannot be given access ({}); only the service user can use bin/vigil",
                    group, e.toString());
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addCommand(AdminCommand command, Map<String, Object> properties) {
        String name = String.valueOf(properties.get(AdminCommand.NAME));
        commands.put(name, command);
        summaries.put(name, String.valueOf(properties.getOrDefault(AdminCommand.SUMMARY, "")));
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile org.osgi.service.component.runtime.ServiceComponentRuntime scr;

    /**
     * Vigil's components whose activation failed, each with its reason: a command is usually
     * missing because its component could not start (a wrong secret-store passphrase stops every
     * component that needs a key), and the one-shot container's own messages go to the log.
     */
    private List<String> failedComponents() {
        org.osgi.service.component.runtime.ServiceComponentRuntime runtime = scr;
        List<String> failed = new java.util.ArrayList<>();
        if (runtime == null) {
            return failed;
        }
        for (var description : runtime.getComponentDescriptionDTOs()) {
            if (!description.bundle.symbolicName.startsWith("io.vigil.")) {
                continue;
            }
            for (var configuration : runtime.getComponentConfigurationDTOs(description)) {
                if (configuration.state == org.osgi.service.component.runtime.dto.ComponentConfigurationDTO.FAILED_ACTIVATION) {
                    failed.add(description.name + ": " + StatusCommand.firstLine(configuration.failure));
                }
            }
        }
        // a component that failed because a service it needs failed says only "Unable to get
        // service for reference": the failures with a reason of their own come first
        failed.sort(java.util.Comparator.comparing((String f) -> f.contains("Unable to get service for reference"))
                .thenComparing(java.util.Comparator.naturalOrder()));
        return failed;
    }

    void removeCommand(AdminCommand command, Map<String, Object> properties) {
        String name = String.valueOf(properties.get(AdminCommand.NAME));
        commands.remove(name, command);
    }

    @Deactivate
    void deactivate() throws IOException, InterruptedException {
        if (startup != null) {
            startup.close();
        }
        server.close();
        acceptor.join(2000);
        workers.shutdownNow();
        workers.awaitTermination(5, TimeUnit.SECONDS);
        Files.deleteIfExists(socketPath);
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel connection = server.accept();
                try {
                    workers.execute(() -> serve(connection));
                } catch (java.util.concurrent.RejectedExecutionException busy) {
                    connection.close();
                    logger.warn("Admin channel busy: refused a connection");
                }
            } catch (IOException e) {
                if (server.isOpen()) {
                    logger.warn("Admin channel accept failed: {}", e.toString());
                }
            }
        }
    }

    private void serve(SocketChannel connection) {
        try (connection;
             DataInputStream in = new DataInputStream(Channels.newInputStream(connection));
             DataOutputStream out = new DataOutputStream(Channels.newOutputStream(connection))) {
            PrintStream stdout = new PrintStream(new AdminProtocol.ChunkStream(out, AdminProtocol.OUT), true, StandardCharsets.UTF_8);
            PrintStream stderr = new PrintStream(new AdminProtocol.ChunkStream(out, AdminProtocol.ERR), true, StandardCharsets.UTF_8);
            AdminCaller caller;
            try {
                caller = caller(connection);
            } catch (IOException | UnsupportedOperationException e) {
                // a command without a known caller would be recorded under nobody: refuse it
                stderr.println("The admin channel cannot tell who is calling (" + e + "); the command was not run.");
                AdminProtocol.writeExit(out, AdminCommand.PROBLEM);
                return;
            }
            AdminProtocol.Request request;
            try {
                request = AdminProtocol.readRequest(in);
            } catch (IOException e) {
                stderr.println("Bad admin request: " + e.getMessage() + " (is bin/vigil from the same version?)");
                AdminProtocol.writeExit(out, AdminCommand.USAGE);
                return;
            }
            int status;
            HangupWatch hangup = new HangupWatch(connection, Thread.currentThread());
            try {
                status = run(caller, request.args(), request.stdin(), stdout, stderr);
            } finally {
                hangup.commandEnded();
            }
            stdout.flush();
            stderr.flush();
            AdminProtocol.writeExit(out, status);
        } catch (IOException e) {
            logger.debug("Admin connection ended: {}", e.toString());
        }
    }

    /**
     * Interrupts the command's thread when its caller hangs up (Ctrl-C on {@code bin/vigil}
     * closes the socket), so a long-running command such as {@code vigil events --follow} can
     * clean up and end instead of holding a worker for nobody. bin/vigil sends nothing after
     * its request, so the first end of input is the hang-up. It reads with the channel's own
     * read, never through {@link Channels#newInputStream}, whose blocked read would hold the
     * lock that the output stream's writes need.
     */
    private static final class HangupWatch {
        private final Thread command;
        private boolean ended;

        HangupWatch(SocketChannel connection, Thread command) {
            this.command = command;
            Thread watcher = new Thread(() -> {
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(64);
                try {
                    while (connection.read(buffer) >= 0) {
                        buffer.clear(); // anything after the request is not for the command
                    }
                } catch (IOException e) {
                    // closed: by the caller, or by us once the command ended
                }
                hungUp();
            }, "vigil-admin-hangup");
            watcher.setDaemon(true);
            watcher.start();
        }

        private synchronized void hungUp() {
            if (!ended) {
                command.interrupt();
            }
        }

        synchronized void commandEnded() {
            ended = true;
        }
    }

    /**
     * The account of the process at the other end, from the kernel (SO_PEERCRED): what the audit
     * records as the actor of the command, whatever names the command line gives.
     */
    static AdminCaller caller(SocketChannel connection) throws IOException {
        UnixDomainPrincipal peer = connection.getOption(ExtendedSocketOptions.SO_PEERCRED);
        return new AdminCaller(peer.user().getName());
    }

    int run(AdminCaller caller, List<String> args, byte[] stdin, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.get(0).equals("help")) {
            help(out);
            return AdminCommand.OK;
        }
        AdminCommand command = awaitCommand(args);
        // "bench ingest" may be its own command (the bench bundle registers one per bench)
        int words = command != null && command == commands.get(twoWords(args)) ? 2 : 1;
        String name = String.join(" ", args.subList(0, words));
        Optional<String> starting = command == null ? stillStarting.get() : Optional.empty();
        if (command == null && starting.isPresent()) {
            err.println("Command '" + name + "' is not available yet: Vigil is still starting (" + starting.get()
                    + "); try again in a moment, or see `vigil status`.");
            return AdminCommand.PROBLEM;
        }
        if (command == null) {
            err.println("Unknown command '" + name + "' (or the bundle that provides it is not active).");
            List<String> failed = failedComponents();
            if (!failed.isEmpty()) {
                err.println("Components that failed to start (see `vigil status`):");
                failed.stream().limit(5).forEach(f -> err.println("  " + f));
            }
            help(err);
            return AdminCommand.USAGE;
        }
        try {
            return command.execute(caller, args.subList(words, args.size()), new ByteArrayInputStream(stdin), out, err);
        } catch (RuntimeException e) {
            // a broken command must not take the channel down; the log has the stack trace
            logger.error("Command '{}' failed", name, e);
            err.println("Command '" + name + "' failed: " + e);
            return AdminCommand.PROBLEM;
        }
    }

    /**
     * The command, waiting for it while the container is still starting: `vigil run` followed
     * at once by `vigil watchlist ...` must not fail only because the watchlist bundle is
     * seconds behind the admin channel (fileinstall has not even listed deploy/ yet). A two-word
     * command ("bench events") is looked up again on every round, since its bundle may register it
     * while the channel waits.
     */
    private AdminCommand awaitCommand(List<String> args) {
        long deadline = System.nanoTime() + startupWaitMillis * 1_000_000;
        AdminCommand command = lookUp(args);
        while (command == null && stillStarting.get().isPresent() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            command = lookUp(args);
        }
        return command;
    }

    private AdminCommand lookUp(List<String> args) {
        AdminCommand two = args.size() > 1 ? commands.get(twoWords(args)) : null;
        return two != null ? two : commands.get(args.get(0));
    }

    private static String twoWords(List<String> args) {
        return args.size() > 1 ? args.get(0) + " " + args.get(1) : "";
    }

    private void help(PrintStream out) {
        out.println("Commands of the running container:");
        new TreeMap<>(summaries).forEach((name, summary) -> {
            if (commands.containsKey(name)) {
                out.printf("  %-14s %s%n", name, summary);
            }
        });
    }
}

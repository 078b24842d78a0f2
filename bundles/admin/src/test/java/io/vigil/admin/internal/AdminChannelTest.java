package io.vigil.admin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.admin.AdminCommand;
import io.vigil.testing.RecordingLogger;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The channel over a real Unix socket, spoken to byte by byte as bin/vigil does. */
class AdminChannelTest {

    @TempDir
    Path dir;

    private AdminChannel channel;
    /** What the channel is told is still starting. */
    private volatile java.util.Optional<String> starting = java.util.Optional.empty();
    private Path socket;

    record Reply(int exit, String out, String err) {
    }

    @BeforeEach
    void open() throws IOException {
        socket = dir.resolve("run/admin.sock");
        channel = new AdminChannel(socket, () -> starting, 1_500, RecordingLogger.quiet());
        AdminCommand echo = (args, stdin, out, err) -> {
            try {
                out.print("args=" + args + " stdin=" + new String(stdin.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                return AdminCommand.PROBLEM;
            }
            err.print("to stderr");
            return 7;
        };
        channel.addCommand(echo, Map.of(AdminCommand.NAME, "echo", AdminCommand.SUMMARY, "repeats its input"));
        channel.addCommand((a, i, o, e) -> {
            throw new IllegalStateException("boom");
        }, Map.of(AdminCommand.NAME, "broken"));
    }

    @AfterEach
    void close() throws Exception {
        channel.deactivate();
    }

    private Reply call(String stdin, String... args) throws IOException {
        try (SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            client.connect(UnixDomainSocketAddress.of(socket));
            DataOutputStream request = new DataOutputStream(Channels.newOutputStream(client));
            DataInputStream response = new DataInputStream(Channels.newInputStream(client));
            request.writeInt(AdminProtocol.VERSION);
            request.writeInt(args.length);
            for (String arg : args) {
                request.writeUTF(arg);
            }
            byte[] input = stdin.getBytes(StandardCharsets.UTF_8);
            request.writeInt(input.length);
            request.write(input);
            request.flush();
            StringBuilder out = new StringBuilder();
            StringBuilder err = new StringBuilder();
            while (true) {
                byte tag = response.readByte();
                if (tag == AdminProtocol.EXIT) {
                    return new Reply(response.readInt(), out.toString(), err.toString());
                }
                byte[] chunk = new byte[response.readInt()];
                response.readFully(chunk);
                (tag == AdminProtocol.ERR ? err : out).append(new String(chunk, StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void runsTheNamedCommandWithItsArgumentsInputAndExitStatus() throws IOException {
        Reply reply = call("secret value", "echo", "a", "b c");
        assertEquals(7, reply.exit());
        assertEquals("args=[a, b c] stdin=secret value", reply.out());
        assertEquals("to stderr", reply.err());
    }

    @Test
    void aCommandWhoseCallerHangsUpIsInterruptedAndTheChannelGoesOn() throws Exception {
        java.util.concurrent.CompletableFuture<String> ended = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        channel.addCommand((args, stdin, out, err) -> {
            out.println("following");
            started.countDown();
            try {
                Thread.sleep(30_000);
                ended.complete("slept to the end");
            } catch (InterruptedException e) {
                ended.complete("interrupted");
            }
            return AdminCommand.OK;
        }, Map.of(AdminCommand.NAME, "follow"));
        try (SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            client.connect(UnixDomainSocketAddress.of(socket));
            DataOutputStream request = new DataOutputStream(Channels.newOutputStream(client));
            request.writeInt(AdminProtocol.VERSION);
            request.writeInt(1);
            request.writeUTF("follow");
            request.writeInt(0);
            request.flush();
            assertTrue(started.await(5, java.util.concurrent.TimeUnit.SECONDS));
        } // Ctrl-C: bin/vigil's process ends and its socket closes
        assertEquals("interrupted", ended.get(5, java.util.concurrent.TimeUnit.SECONDS));
        // a command that ends by itself is not interrupted, and the worker serves the next caller
        for (int i = 0; i < 6; i++) {
            assertEquals(7, call("", "echo").exit());
        }
    }

    /** A command that says who the channel says is calling. */
    private void addWhoami() {
        channel.addCommand(new AdminCommand() {
            @Override
            public int execute(List<String> args, java.io.InputStream stdin, java.io.PrintStream out, java.io.PrintStream err) {
                out.print("no caller");
                return AdminCommand.PROBLEM;
            }

            @Override
            public int execute(io.vigil.api.admin.AdminCaller caller, List<String> args, java.io.InputStream stdin,
                               java.io.PrintStream out, java.io.PrintStream err) {
                out.print(caller.user());
                return AdminCommand.OK;
            }
        }, Map.of(AdminCommand.NAME, "whoami"));
    }

    @Test
    void theCallerIsTheAccountTheKernelReportsNotANameGiven() throws IOException {
        addWhoami();
        Reply reply = call("", "whoami", "--reviewer", "somebody-else");
        assertEquals(AdminCommand.OK, reply.exit(), reply.err());
        assertEquals(System.getProperty("user.name"), reply.out());
        // commands that do not ask for the caller still run as before
        assertEquals(7, call("", "echo").exit());
    }

    /**
     * Another account on the same machine is another caller: bin/vigil's request sent by a
     * process running as nobody (setpriv, as root only; the socket opened to it for this test).
     */
    @Test
    void anotherAccountIsAnotherCaller() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root to switch user");
        addWhoami();
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(socket.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
        String client = String.join("\n",
                "import socket, struct, sys",
                "s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)",
                "s.connect(sys.argv[1])",
                "w = b'whoami'",
                "s.sendall(struct.pack('>ii', 1, 1) + struct.pack('>H', len(w)) + w + struct.pack('>i', 0))",
                "out = b''",
                "while True:",
                "    tag = s.recv(1)",
                "    n = struct.unpack('>i', s.recv(4, socket.MSG_WAITALL))[0]",
                "    if tag == b'x':",
                "        break",
                "    chunk = s.recv(n, socket.MSG_WAITALL)",
                "    if tag == b'o':",
                "        out += chunk",
                "print(out.decode(), end='')");
        Process p = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/python3", "-c",
                client, socket.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), output);
        assertEquals("nobody", output);
    }

    /** The python client of bin/vigil's protocol, asking "whoami", as {@code setpriv} arguments say. */
    private Process clientAs(Path socketPath, String... setpriv) throws IOException {
        String client = String.join("\n",
                "import socket, struct, sys",
                "s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)",
                "s.connect(sys.argv[1])",
                "w = b'whoami'",
                "s.sendall(struct.pack('>ii', 1, 1) + struct.pack('>H', len(w)) + w + struct.pack('>i', 0))",
                "out = b''",
                "while True:",
                "    tag = s.recv(1)",
                "    n = struct.unpack('>i', s.recv(4, socket.MSG_WAITALL))[0]",
                "    if tag == b'x':",
                "        break",
                "    chunk = s.recv(n, socket.MSG_WAITALL)",
                "    if tag == b'o':",
                "        out += chunk",
                "print(out.decode(), end='')");
        List<String> command = new java.util.ArrayList<>(List.of("setpriv"));
        command.addAll(List.of(setpriv));
        command.addAll(List.of("/usr/bin/python3", "-c", client, socketPath.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /**
     * With {@code vigil.admin.group} the group's members reach the socket under their own
     * accounts (and are named as such); other accounts still cannot.
     */
    @Test
    void membersOfTheAdminGroupReachTheSocketUnderTheirOwnAccounts() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root to switch user");
        Path shared = dir.resolve("shared/run/admin.sock");
        Files.createDirectories(shared.getParent());
        // the data folder must let the group through to run/ (here: everyone may traverse it)
        for (Path p : List.of(dir, dir.resolve("shared"))) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx--x--x"));
        }
        AdminChannel grouped = new AdminChannel(shared, java.util.Optional.of("daemon"), java.util.Optional::empty, 1_500, RecordingLogger.quiet());
        try {
            grouped.addCommand(new AdminCommand() {
                @Override
                public int execute(List<String> args, java.io.InputStream stdin, java.io.PrintStream out, java.io.PrintStream err) {
                    return AdminCommand.PROBLEM;
                }

                @Override
                public int execute(io.vigil.api.admin.AdminCaller caller, List<String> args, java.io.InputStream stdin,
                                   java.io.PrintStream out, java.io.PrintStream err) {
                    out.print(caller.user());
                    return AdminCommand.OK;
                }
            }, Map.of(AdminCommand.NAME, "whoami"));
            assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(shared)));
            assertEquals("daemon", Files.readAttributes(shared, java.nio.file.attribute.PosixFileAttributes.class).group().getName());

            Process member = clientAs(shared, "--reuid=65534", "--regid=65534", "--groups=daemon");
            String output = new String(member.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, member.waitFor(), output);
            assertEquals("nobody", output);

            Process outsider = clientAs(shared, "--reuid=65534", "--regid=65534", "--clear-groups");
            String refused = new String(outsider.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(outsider.waitFor() != 0 && refused.contains("Permission denied"), refused);
        } finally {
            grouped.deactivate();
        }
    }

    @Test
    void onlyTheOwnerCanReachTheSocket() throws IOException {
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
    }

    @Test
    void unknownAndFailingCommandsAreReportedAndTheChannelGoesOn() throws IOException {
        Reply unknown = call("", "frobnicate");
        assertEquals(AdminCommand.USAGE, unknown.exit());
        assertTrue(unknown.err().contains("Unknown command 'frobnicate'"), unknown.err());
        assertTrue(unknown.err().contains("echo") && unknown.err().contains("repeats its input"), unknown.err());

        Reply broken = call("", "broken");
        assertEquals(AdminCommand.PROBLEM, broken.exit());
        assertTrue(broken.err().contains("boom"), broken.err());

        assertEquals(7, call("", "echo").exit());
    }

    /**
     * A command given in the first seconds after {@code vigil run} named a command whose bundle
     * was not active yet: it was called unknown and the command list printed. It waits for the
     * command while the container starts, and past the wait says what is still starting.
     */
    @Test
    void aCommandGivenWhileTheContainerStartsWaitsForItsService() throws Exception {
        starting = java.util.Optional.of("bundles in deploy/: watchlist-bundle.jar (not installed yet)");
        new Thread(() -> {
            try {
                Thread.sleep(400);
            } catch (InterruptedException e) {
                return;
            }
            channel.addCommand((args, stdin, out, err) -> {
                out.print("created " + args);
                return 0;
            }, Map.of(AdminCommand.NAME, "watchlist"));
            starting = java.util.Optional.empty();
        }).start();
        Reply late = call("", "watchlist", "create", "demo");
        assertEquals(0, late.exit(), late.err());
        assertEquals("created [create, demo]", late.out());

        starting = java.util.Optional.of("bundles in deploy/: compliance-bundle.jar (starting)");
        long begun = System.nanoTime();
        Reply never = call("", "compliance", "status");
        assertTrue((System.nanoTime() - begun) / 1_000_000 >= 1_400, "waited for the command");
        assertEquals(AdminCommand.PROBLEM, never.exit());
        assertTrue(never.err().contains("still starting") && never.err().contains("compliance-bundle.jar (starting)"), never.err());
        assertTrue(!never.err().contains("Unknown command"), never.err());
    }

    /**
     * `vigil bench events` given while the bench bundle still started was answered "Unknown command 'bench'": the
     * channel chose between one and two words before waiting, so the two-word command that arrived during the wait
     * was never looked up (OnvifDeviceIT failed so in CI).
     */
    @Test
    void aTwoWordCommandRegisteredWhileTheContainerStartsIsFound() throws Exception {
        starting = java.util.Optional.of("bundles in deploy/: io.vigil.bench.jar (starting)");
        new Thread(() -> {
            try {
                Thread.sleep(400);
            } catch (InterruptedException e) {
                return;
            }
            channel.addCommand((args, stdin, out, err) -> {
                out.print("bench events " + args);
                return 0;
            }, Map.of(AdminCommand.NAME, "bench events"));
            starting = java.util.Optional.empty();
        }).start();
        Reply late = call("", "bench", "events", "--quick");
        assertEquals(0, late.exit(), late.err());
        assertEquals("bench events [--quick]", late.out());
    }

    @Test
    void aMalformedRequestClosesOnlyThatConnection() throws IOException {
        try (SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            client.connect(UnixDomainSocketAddress.of(socket));
            DataOutputStream request = new DataOutputStream(Channels.newOutputStream(client));
            request.writeInt(99);
            request.writeInt(-5);
            request.flush();
            DataInputStream response = new DataInputStream(Channels.newInputStream(client));
            assertEquals(AdminProtocol.ERR, response.readByte());
            byte[] message = new byte[response.readInt()];
            response.readFully(message);
            assertTrue(new String(message, StandardCharsets.UTF_8).contains("unsupported admin protocol version 99"));
            assertEquals(AdminProtocol.EXIT, response.readByte());
            assertEquals(AdminCommand.USAGE, response.readInt());
        }
        assertEquals(7, call("", "echo").exit());
    }

    @Test
    void twoWordCommandsWinOverTheirFirstWord() throws IOException {
        channel.addCommand((args, stdin, out, err) -> {
            out.print("bench ingest " + args);
            return 0;
        }, Map.of(AdminCommand.NAME, "bench ingest"));
        assertEquals("bench ingest [--quick]", call("", "bench", "ingest", "--quick").out());
        assertEquals(AdminCommand.USAGE, call("", "bench", "nothing").exit());
    }

    @Test
    void removedCommandsAreGone() throws IOException {
        channel.removeCommand(null, Map.of(AdminCommand.NAME, "echo"));
        assertEquals(7, call("", "echo").exit(), "removal only applies to the instance that was registered");
        assertTrue(List.of(AdminCommand.USAGE).contains(call("", "nothing").exit()));
    }
}

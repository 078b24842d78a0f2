package io.vigil.launcher;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** bin/vigil's side of the admin channel (the io.vigil.admin bundle's AdminProtocol). */
final class AdminClient {

    private static final int VERSION = 1;

    private AdminClient() {
    }

    /** An open connection to the container's admin socket, or empty when nothing listens there. */
    static Optional<SocketChannel> connect(Path socket) {
        if (!Files.exists(socket)) {
            return Optional.empty();
        }
        try {
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
            return Optional.of(channel);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Runs one command in the container; returns its exit status. */
    static int call(SocketChannel channel, List<String> args, byte[] stdin, PrintStream out, PrintStream err) {
        try (channel;
             DataOutputStream request = new DataOutputStream(Channels.newOutputStream(channel));
             DataInputStream response = new DataInputStream(Channels.newInputStream(channel))) {
            request.writeInt(VERSION);
            request.writeInt(args.size());
            for (String arg : args) {
                request.writeUTF(arg);
            }
            request.writeInt(stdin.length);
            request.write(stdin);
            request.flush();
            while (true) {
                byte tag = response.readByte();
                if (tag == 'x') {
                    return response.readInt();
                }
                byte[] chunk = new byte[response.readInt()];
                response.readFully(chunk);
                (tag == 'e' ? err : out).write(chunk);
                (tag == 'e' ? err : out).flush();
            }
        } catch (EOFException e) {
            throw new LauncherException("The container closed the admin channel before the command finished (did it stop?).", e);
        } catch (IOException e) {
            throw new LauncherException("Admin channel error: " + e.getMessage(), e);
        }
    }
}

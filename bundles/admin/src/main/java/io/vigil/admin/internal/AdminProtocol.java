package io.vigil.admin.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The admin channel's wire format (bin/vigil's launcher speaks the same):
 * request = int version, int argc, argc x UTF string, int stdin length, stdin bytes;
 * response = chunks of (byte 'o' or 'e', int length, bytes) ending with ('x', int exit status).
 */
final class AdminProtocol {

    static final int VERSION = 1;
    static final byte OUT = 'o';
    static final byte ERR = 'e';
    static final byte EXIT = 'x';
    static final int MAX_ARGS = 256;
    static final int MAX_STDIN = 1 << 20;

    record Request(List<String> args, byte[] stdin) {
    }

    private AdminProtocol() {
    }

    static Request readRequest(DataInputStream in) throws IOException {
        int version = in.readInt();
        if (version != VERSION) {
            throw new IOException("unsupported admin protocol version " + version);
        }
        int argc = in.readInt();
        if (argc < 0 || argc > MAX_ARGS) {
            throw new IOException("bad argument count " + argc);
        }
        List<String> args = new ArrayList<>(argc);
        for (int i = 0; i < argc; i++) {
            args.add(in.readUTF());
        }
        int length = in.readInt();
        if (length < 0 || length > MAX_STDIN) {
            throw new IOException("standard input larger than " + MAX_STDIN + " bytes");
        }
        byte[] stdin = in.readNBytes(length);
        if (stdin.length != length) {
            throw new IOException("standard input cut short");
        }
        return new Request(args, stdin);
    }

    /** Frames what a command writes to one of its streams; both streams share one connection. */
    static final class ChunkStream extends OutputStream {

        private final DataOutputStream connection;
        private final byte tag;

        ChunkStream(DataOutputStream connection, byte tag) {
            this.connection = connection;
            this.tag = tag;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (length == 0) {
                return;
            }
            synchronized (connection) {
                connection.writeByte(tag);
                connection.writeInt(length);
                connection.write(bytes, offset, length);
                connection.flush();
            }
        }
    }

    static void writeExit(DataOutputStream connection, int status) throws IOException {
        synchronized (connection) {
            connection.writeByte(EXIT);
            connection.writeInt(status);
            connection.flush();
        }
    }
}

package io.vigil.gstreamer.internal;

import io.vigil.api.media.MediaException;
import io.vigil.api.media.RtspMount;
import io.vigil.api.media.StreamSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Serves one recording, as recorded, on several paths until its standard input ends: the RTSP
 * server of the ingest bench, which runs it in a JVM of its own so that the bench measures only
 * its client. Plain Java, not OSGi: this bundle's jar carries gst1-java-core and JNA, so
 *
 * <pre>
 * java -cp io.vigil.gstreamer.jar:io.vigil.api.jar io.vigil.gstreamer.internal.ServeRecordings ADDRESS PORT CLIP MOUNTS
 * </pre>
 *
 * <p>serves CLIP at /rec0 .. /rec(MOUNTS-1) on ADDRESS:PORT (0: any free port), prints one line
 * {@code READY <uri0> <uri1> ...} once every path plays, and stops when its input reaches end of
 * file, which is how the parent stops it: closing the pipe works even when the parent dies.
 * Exits 0 then, or 2 with the reason on standard error when an argument is wrong or a path
 * cannot be served.
 */
public final class ServeRecordings {

    static final int SERVED = 0;
    static final int REFUSED = 2;
    static final int MAX_MOUNTS = 64;

    private ServeRecordings() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    /** The whole program, on the streams given; returns the exit status. */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println("usage: ServeRecordings ADDRESS PORT CLIP MOUNTS");
            return REFUSED;
        }
        try {
            GStreamerInit.ensureInitialised();
        } catch (IllegalStateException e) {
            err.println(e.getMessage());
            return REFUSED;
        }
        try (NativeRtspServer server = new NativeRtspServer(arguments.address(), arguments.port(), RtspServerOptions.DEFAULTS)) {
            List<RtspMount> mounts = new ArrayList<>();
            for (int i = 0; i < arguments.mounts(); i++) {
                mounts.add(server.mount("/rec" + i, new StreamSource.Recording(arguments.clip()), Optional.empty()));
            }
            out.println("READY " + mounts.stream().map(mount -> mount.uri().toString())
                    .collect(Collectors.joining(" ")));
            out.flush();
            untilEndOf(in);
            return SERVED;
        } catch (MediaException e) {
            err.println("cannot serve " + arguments.clip() + ": " + e.getMessage());
            return REFUSED;
        }
    }

    private static void untilEndOf(InputStream in) {
        try {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // a broken pipe ends the input as well
        }
    }

    /** ADDRESS PORT CLIP MOUNTS, checked. */
    record Arguments(String address, int port, Path clip, int mounts) {

        static Arguments parse(String[] args) {
            if (args.length != 4) {
                throw new IllegalArgumentException("expected 4 arguments, got " + args.length);
            }
            return new Arguments(args[0], number("PORT", args[1], 0, 65535), path(args[2]),
                    number("MOUNTS", args[3], 1, MAX_MOUNTS));
        }

        private static int number(String name, String value, int min, int max) {
            int number;
            try {
                number = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " '" + value + "' is not a number");
            }
            if (number < min || number > max) {
                throw new IllegalArgumentException(name + " " + number + " is not between " + min + " and " + max);
            }
            return number;
        }

        private static Path path(String value) {
            try {
                return Path.of(value);
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("CLIP '" + value + "' is not a path: " + e.getMessage());
            }
        }
    }
}

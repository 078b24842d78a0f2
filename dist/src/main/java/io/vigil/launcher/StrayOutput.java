package io.vigil.launcher;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the framework's bundles print straight to the process's standard output or error (Felix
 * Event Admin does when the log service has already stopped: "WARNING: EventAdmin: Event Task
 * Processing Interrupted"), into the log instead, one line at a time. A one-shot command's and
 * the demo's terminal is for their own answer; the launcher keeps the real streams for that.
 */
final class StrayOutput extends OutputStream {

    private static final Logger FRAMEWORK = Logger.getLogger("io.vigil.launcher.framework");

    private final String stream;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    private StrayOutput(String stream) {
        this.stream = stream;
    }

    /** Sends System.out and System.err to the log until {@link Redirect#close()}. */
    static Redirect toLog() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        System.setOut(new PrintStream(new StrayOutput("stdout"), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new StrayOutput("stderr"), true, StandardCharsets.UTF_8));
        return () -> {
            System.out.flush();
            System.err.flush();
            System.setOut(out);
            System.setErr(err);
        };
    }

    /** Puts the process's streams back. */
    interface Redirect extends AutoCloseable {
        @Override
        void close();
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            flushLine();
        } else {
            line.write(b);
        }
    }

    @Override
    public synchronized void flush() {
        flushLine();
    }

    private void flushLine() {
        if (line.size() > 0) {
            FRAMEWORK.log(Level.INFO, "[" + stream + "] " + line.toString(StandardCharsets.UTF_8));
            line.reset();
        }
    }
}

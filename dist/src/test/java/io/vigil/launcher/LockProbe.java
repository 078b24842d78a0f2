package io.vigil.launcher;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Another process trying the instance lock, as a second {@code bin/vigil} would: prints
 * {@code held} when someone else holds it, {@code free} when it could take it.
 */
public final class LockProbe {

    private LockProbe() {
    }

    public static void main(String[] args) throws Exception {
        try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            System.out.println(lock == null ? "held" : "free");
        }
    }

    /** Runs the probe in a new JVM: fcntl locks are per process, so only another process sees what a second container would. */
    static String probe(Path file) throws Exception {
        String jvm = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(jvm, "-cp", System.getProperty("java.class.path"), LockProbe.class.getName(),
                file.toString()).redirectErrorStream(true).start();
        String said = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        process.waitFor();
        return said;
    }
}

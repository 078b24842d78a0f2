package io.vigil.launcher;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * One container per data folder: two would corrupt the framework cache and the databases. The
 * operating system releases the lock when the process dies, so a crash leaves nothing stale.
 */
final class InstanceLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private InstanceLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock, or empty when another process holds it; {@code mode} tells others who holds it. */
    static Optional<InstanceLock> tryAcquire(Path file, String mode) {
        try {
            Files.createDirectories(file.getParent());
            Files.setPosixFilePermissions(file.getParent(), PosixFilePermissions.fromString("rwx------"));
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + " " + mode + "\n").getBytes(StandardCharsets.US_ASCII)));
            channel.force(true);
            return Optional.of(new InstanceLock(channel, lock));
        } catch (IOException e) {
            throw new LauncherException("Cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The lock for a long-running container. A one-shot command (vigil status, vigil secret ...
     * while nothing runs) holds the lock for seconds; the container waits for it rather than
     * failing to start because an administrator looked at its status at the wrong moment.
     */
    static Optional<InstanceLock> acquireWaitingForOneShot(Path file, String mode, long maxMillis) {
        long deadline = System.nanoTime() + maxMillis * 1_000_000;
        while (true) {
            Optional<InstanceLock> lock = tryAcquire(file, mode);
            if (lock.isPresent()) {
                // never read the file once it is locked: closing any other descriptor of it would
                // drop this process's lock (fcntl locks are per process and file)
                return lock;
            }
            // give up at once only for a holder known to stay: a one-shot command ends soon, and a
            // holder that has not written its line yet is most likely one that just started
            if (heldByContainer(file) || System.nanoTime() > deadline) {
                return lock;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    static final String ONE_SHOT = "one-shot";

    /**
     * The pid the holder wrote, for messages. Only for a process that does not hold the lock:
     * reading opens and closes the file, and on Linux closing any descriptor of a file releases
     * every fcntl lock the process holds on it.
     */
    static String holder(Path file) {
        String[] words = holderLine(file).split(" ");
        return words[0];
    }

    /** Whether the holder (another process) said it is a container that stays (run, demo), with an admin channel in the data folder. */
    static boolean heldByContainer(Path file) {
        String mode = holderMode(file);
        return mode.equals("service") || mode.equals("demo");
    }

    private static String holderMode(Path file) {
        String[] words = holderLine(file).split(" ");
        return words.length > 1 ? words[1] : "";
    }

    private static String holderLine(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            return "?";
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the process is ending or the lock was lost with the channel; nothing to undo
        }
    }
}

package io.vigil.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceLockTest {

    @TempDir
    Path data;

    @Test
    void oneHolderAtATimeAndTheHolderIsNamed() {
        Path file = data.resolve("run/vigil.lock");
        Optional<InstanceLock> first = InstanceLock.tryAcquire(file, "service");
        assertTrue(first.isPresent());
        assertTrue(InstanceLock.tryAcquire(file, "service").isEmpty());
        assertEquals(Long.toString(ProcessHandle.current().pid()), InstanceLock.holder(file));
        first.get().close();
        Optional<InstanceLock> oneShot = InstanceLock.tryAcquire(file, InstanceLock.ONE_SHOT);
        long start = System.nanoTime();
        new Thread(() -> {
            sleep(500);
            oneShot.get().close();
        }).start();
        Optional<InstanceLock> service = InstanceLock.acquireWaitingForOneShot(file, "service", 10_000);
        assertTrue(service.isPresent(), "the service waits for a one-shot command to finish");
        assertTrue((System.nanoTime() - start) / 1_000_000 >= 400);
        assertTrue(InstanceLock.acquireWaitingForOneShot(file, "service", 10_000).isEmpty(),
                "but not for another service");
        service.get().close();
        Optional<InstanceLock> again = InstanceLock.tryAcquire(file, "service");
        assertTrue(again.isPresent());
        again.get().close();
    }

    @Test
    void aHolderThatHasNotWrittenItsLineYetIsWaitedFor() throws Exception {
        Path file = data.resolve("run/vigil.lock");
        java.nio.file.Files.createDirectories(file.getParent());
        // another process has just locked the file and not yet written who it is
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE)) {
            java.nio.channels.FileLock held = channel.lock();
            new Thread(() -> {
                sleep(400);
                try {
                    held.release();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).start();
            Optional<InstanceLock> service = InstanceLock.acquireWaitingForOneShot(file, "service", 10_000);
            assertTrue(service.isPresent(), "a holder without a line is waited for, not taken for a service");
            service.get().close();
        }
    }

    /**
     * The lock must hold against other processes for as long as the container runs. Reading the
     * lock file through a second channel (to see who holds it) closed that channel, and on Linux
     * closing any descriptor of a file drops every fcntl lock the process holds on it: a started
     * container held nothing, and a command in its first seconds ran a one-shot container of its
     * own on the same data folder.
     */
    @Test
    void theLockHoldsAgainstAnotherProcessAfterItIsTaken() throws Exception {
        Path file = data.resolve("run/vigil.lock");
        Optional<InstanceLock> service = InstanceLock.acquireWaitingForOneShot(file, "service", 10_000);
        assertTrue(service.isPresent());
        try {
            assertEquals("held", LockProbe.probe(file), "another process could take the container's lock");
        } finally {
            service.get().close();
        }
        assertEquals("free", LockProbe.probe(file));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

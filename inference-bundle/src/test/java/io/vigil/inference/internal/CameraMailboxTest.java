package io.vigil.inference.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.media.BgrImage;
import io.vigil.api.media.CaptureClock;
import io.vigil.api.media.Frame;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CameraMailboxTest {

    /** Runs queued work only when the test says so, as a busy worker pool would. */
    private static final class HeldWorkers implements java.util.concurrent.Executor {
        final List<Runnable> queued = new ArrayList<>();

        @Override
        public void execute(Runnable r) {
            queued.add(r);
        }

        void runAll() {
            List<Runnable> now = new ArrayList<>(queued);
            queued.clear();
            now.forEach(Runnable::run);
        }
    }

    private static Frame frame(int value, int width, int height, int stride, long second) {
        ByteBuffer pixels = ByteBuffer.allocate(stride * height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width * 3; x++) {
                pixels.put(y * stride + x, (byte) value);
            }
            for (int x = width * 3; x < stride; x++) {
                pixels.put(y * stride + x, (byte) 0xEE); // row padding must not leak into the copy
            }
        }
        // the epoch of a cluster member's frame: here the second, so each frame's own is told from the others'
        return new Frame("cam", width, height, stride, pixels.asReadOnlyBuffer(), 0, Instant.ofEpochSecond(second),
                CaptureClock.RECEIVER, 100 + second);
    }

    @Test
    void theNewestFrameWinsWhileAWorkerIsBusyAndDropsAreCounted() {
        HeldWorkers workers = new HeldWorkers();
        List<String> seen = new ArrayList<>();
        CameraMailbox box = new CameraMailbox(workers, (BgrImage image, Instant t, long epoch) ->
                seen.add((image.pixels().get(0) & 0xff) + "@" + t.getEpochSecond() + " epoch " + epoch));
        box.offer(frame(1, 4, 2, 16, 1));
        box.offer(frame(2, 4, 2, 16, 2));
        box.offer(frame(3, 4, 2, 16, 3));
        assertEquals(1, workers.queued.size(), "one drain scheduled per camera, not one per frame");
        workers.runAll();
        assertEquals(List.of("3@3 epoch 103"), seen, "the winning frame's epoch goes with it");
        assertEquals(3, box.received());
        assertEquals(2, box.dropped());

        box.offer(frame(4, 4, 2, 16, 4));
        workers.runAll();
        assertEquals(List.of("3@3 epoch 103", "4@4 epoch 104"), seen);
        assertEquals(2, box.dropped());
    }

    @Test
    void aCameraIsIdleOnlyWhenNothingWaitsOrRunsAndNoFrameCameForTheWholeTime() {
        HeldWorkers workers = new HeldWorkers();
        CameraMailbox box = new CameraMailbox(workers, (image, t, epoch) -> { });
        long idle = java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        box.offer(frame(1, 4, 2, 16, 1));
        long later = System.nanoTime() + 2 * idle;
        assertFalse(box.idle(later, idle), "a frame waits for its worker");
        workers.runAll();
        assertTrue(box.idle(later, idle), "analysed, and nothing came for two minutes");
        assertFalse(box.idle(System.nanoTime(), idle), "the last frame came just now");
    }

    @Test
    void copiesRowsWithoutTheStreamsPaddingSoTheBufferCanBeReused() {
        HeldWorkers workers = new HeldWorkers();
        List<byte[]> copies = new ArrayList<>();
        CameraMailbox box = new CameraMailbox(workers, (image, t, epoch) -> {
            byte[] b = new byte[image.pixels().remaining()];
            image.pixels().duplicate().get(b);
            copies.add(b);
            assertEquals(image.width() * 3, image.stride());
        });
        box.offer(frame(7, 3, 2, 12, 1));
        workers.runAll();
        byte[] expected = new byte[3 * 3 * 2];
        java.util.Arrays.fill(expected, (byte) 7);
        assertArrayEquals(expected, copies.get(0));
    }
}

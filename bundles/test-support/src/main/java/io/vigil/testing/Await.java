package io.vigil.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for what another thread (a stream, a Kafka member) brings about, failing with what was seen instead. */
public final class Await {

    private Await() {
    }

    /**
     * Polls {@code condition} every 50 ms until it holds.
     *
     * @throws AssertionError after {@code bound}, naming {@code what} (evaluated then, so it shows the state at failure)
     */
    public static void until(BooleanSupplier condition, Duration bound, Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + bound.toMillis() + " ms: " + what.get());
            }
            Thread.sleep(50);
        }
    }
}

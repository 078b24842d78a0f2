package io.vigil.alerts.internal;

import java.time.Duration;

/**
 * A named thread that runs one step when woken and at least every {@code interval} (so work a
 * missing service held back is retried), until closed. Closing waits a bounded time: nothing
 * outlives the component that made it.
 */
final class BackgroundLoop implements AutoCloseable {

    /** One pass of the loop's work; a failure is reported and retried on the next pass. */
    interface Step {
        void run() throws Exception;
    }

    private final Thread thread;
    private final Duration interval;
    private final Step step;
    private final java.util.function.Consumer<Exception> failed;
    private boolean woken;
    private boolean closed;

    BackgroundLoop(String name, Duration interval, Step step, java.util.function.Consumer<Exception> failed) {
        this.interval = interval;
        this.step = step;
        this.failed = failed;
        this.thread = new Thread(this::loop, name);
        this.thread.setDaemon(true);
    }

    BackgroundLoop start() {
        thread.start();
        return this;
    }

    synchronized void wake() {
        woken = true;
        notifyAll();
    }

    private void loop() {
        while (true) {
            synchronized (this) {
                if (closed) {
                    return;
                }
                woken = false;
            }
            try {
                step.run();
            } catch (Exception e) {
                failed.accept(e);
            }
            synchronized (this) {
                long until = System.nanoTime() + interval.toNanos();
                while (!woken && !closed) {
                    long left = until - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    try {
                        wait(Math.max(1, left / 1_000_000));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
        }
    }
}

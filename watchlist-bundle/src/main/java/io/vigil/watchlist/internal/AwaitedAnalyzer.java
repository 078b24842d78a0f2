package io.vigil.watchlist.internal;

import io.vigil.api.face.FaceAnalyzer;
import java.util.Optional;

/**
 * The face analyser (inference bundle), an optional service: commands that need it wait for it a
 * little, because right after the container starts the inference bundle may still be activating.
 */
final class AwaitedAnalyzer {

    private static final long WAIT_NANOS = 20_000_000_000L;

    private final Object arrived = new Object();
    private volatile FaceAnalyzer analyzer;

    void set(FaceAnalyzer analyzer) {
        synchronized (arrived) {
            this.analyzer = analyzer;
            arrived.notifyAll();
        }
    }

    void unset(FaceAnalyzer analyzer) {
        if (this.analyzer == analyzer) {
            this.analyzer = null;
        }
    }

    /** The analyser now, without waiting. */
    Optional<FaceAnalyzer> current() {
        return Optional.ofNullable(analyzer);
    }

    /** The analyser, waiting up to 20 s for it to arrive. */
    FaceAnalyzer await() throws WatchlistException {
        FaceAnalyzer a = analyzer;
        if (a == null) {
            long deadline = System.nanoTime() + WAIT_NANOS;
            synchronized (arrived) {
                while ((a = analyzer) == null && System.nanoTime() < deadline) {
                    try {
                        arrived.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
        }
        if (a == null) {
            throw new WatchlistException("the inference bundle (io.vigil.inference) is not running: faces cannot be analysed");
        }
        return a;
    }
}

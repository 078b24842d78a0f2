package io.vigil.ingest.internal;

import io.vigil.api.media.Frame;
import io.vigil.api.media.StreamSpec;
import io.vigil.api.media.StreamStatus;
import io.vigil.api.status.ModuleStatus;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One stream {@link StreamRunner} runs for one offered {@link StreamSpec}: its pipeline and the
 * thread that drives it, or, when the spec could not become settings (a password missing from the
 * secret store, not an RTSP URI), the reason, shown as a failed stream until the spec changes.
 */
final class RunningStream implements AutoCloseable {

    private final StreamSpec spec;
    private final Optional<CameraStream> stream;
    private final Optional<ScheduledExecutorService> scheduler;
    private final String refused;
    private final Instant since;

    private RunningStream(StreamSpec spec, Optional<CameraStream> stream, Optional<ScheduledExecutorService> scheduler,
            String refused) {
        this.spec = spec;
        this.stream = stream;
        this.scheduler = scheduler;
        this.refused = refused;
        this.since = Instant.now();
    }

    /** Starts connecting in the background; returns at once. */
    static RunningStream start(StreamSpec spec, StreamSettings settings, DecoderSelector decoders, Consumer<Frame> frames,
            Consumer<CameraStream.StreamState> states) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "vigil-ingest-" + spec.cameraId());
            thread.setDaemon(true);
            return thread;
        });
        CameraStream stream = new CameraStream(settings, decoders, frames, states, scheduler);
        stream.start();
        return new RunningStream(spec, Optional.of(stream), Optional.of(scheduler), "");
    }

    /** A spec that cannot run, and why (never a secret). */
    static RunningStream refused(StreamSpec spec, String reason) {
        return new RunningStream(spec, Optional.empty(), Optional.empty(), reason);
    }

    StreamSpec spec() {
        return spec;
    }

    Optional<CameraStream> stream() {
        return stream;
    }

    StreamStatus status() {
        if (stream.isEmpty()) {
            return new StreamStatus(spec.cameraId(), StreamStatus.Phase.FAILED, refused, since, Optional.empty(),
                    Optional.empty(), 0, 0, 0, 0, 0);
        }
        CameraStream.StreamState state = stream.get().state();
        StreamFigures.Snapshot figures = stream.get().figures();
        return new StreamStatus(spec.cameraId(), StreamStatus.Phase.valueOf(state.phase().name()), state.detail(),
                state.since(), state.codec(), state.decoder(), figures.decoded(), figures.analysed(), figures.dropped(),
                figures.reconnects(), figures.lastLatencyMillis());
    }

    /** The line of {@code vigil status} (module {@code ingest/<camera>}), worded as before the record existed. */
    ModuleStatus moduleStatus() {
        StreamStatus s = status();
        ModuleStatus.Health health = switch (s.phase()) {
            case STREAMING -> ModuleStatus.Health.OK;
            case FAILED -> ModuleStatus.Health.FAILED;
            default -> ModuleStatus.Health.DEGRADED;
        };
        String detail = s.phase() + ": " + s.detail()
                + s.codec().map(c -> ", " + c).orElse("") + s.decoder().map(d -> " via " + d).orElse("")
                + String.format(Locale.ROOT, "; decoded %d, analysed %d, dropped %d, reconnects %d, latency %.0f ms",
                        s.decoded(), s.analysed(), s.dropped(), s.reconnects(), s.latencyMillis());
        return new ModuleStatus("ingest/" + spec.cameraId(), health, detail);
    }

    /** Stops the pipeline and its thread, waiting a bounded time. */
    @Override
    public void close() throws InterruptedException {
        stream.ifPresent(CameraStream::close);
        if (scheduler.isPresent()) {
            scheduler.get().shutdownNow();
            scheduler.get().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}

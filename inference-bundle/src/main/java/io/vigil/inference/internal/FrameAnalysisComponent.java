package io.vigil.inference.internal;

import io.vigil.api.face.AnalysedFrameListener;
import io.vigil.api.face.FaceObservation;
import io.vigil.api.face.FaceObservationListener;
import io.vigil.api.face.FaceObservations;
import io.vigil.api.face.ObservedFace;
import io.vigil.api.media.BgrImage;
import io.vigil.api.media.Frame;
import io.vigil.api.media.FrameListener;
import io.vigil.api.status.ModuleStatus;
import io.vigil.api.status.StatusReporter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * The video path: every camera's frames (newest wins) through detection, tracking and the quality
 * gate, embedding at most the configured number of best faces per track; the faces to match, each
 * with the frame around it, go to the {@link FaceObservationListener}s (recognition, which queues
 * them and matches on its own thread, so a slow alert store never holds up video), and every
 * frame's face boxes to the {@link AnalysedFrameListener}s (the ONVIF metadata stream). This stage
 * knows neither watchlists nor alerts; nothing of a face is kept here after the listeners return.
 */
@Component(immediate = true, service = {FrameListener.class, StatusReporter.class}, property = "vigil.module=face-analysis")
public class FrameAnalysisComponent implements FrameListener, StatusReporter {

    private final Logger logger;
    private final InferenceService inference;
    private final ExecutorService workers;
    private final Map<String, CameraMailbox> mailboxes = new ConcurrentHashMap<>();
    private final Map<String, CameraAnalysis> analyses = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> faces = new ConcurrentHashMap<>();
    private final List<FaceObservationListener> listeners = new CopyOnWriteArrayList<>();
    private final List<AnalysedFrameListener> frameListeners = new CopyOnWriteArrayList<>();
    private final LongAdder failures = new LongAdder();
    /** A camera without frames this long has gone (its stream removed): its buffers, tracker and figures go too. */
    static final long IDLE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    private static final long SWEEP_EVERY_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    private volatile long lastSweepNanos = System.nanoTime();
    private volatile String lastFailure = "";

    @Activate
    public FrameAnalysisComponent(@Reference(service = LoggerFactory.class) Logger logger,
                                  @Reference InferenceService inference) {
        this.logger = logger;
        this.inference = inference;
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "vigil-face-analysis-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.workers = Executors.newFixedThreadPool(inference.options().workers(), threads);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(FaceObservationListener listener) {
        listeners.add(listener);
    }

    void removeListener(FaceObservationListener listener) {
        listeners.remove(listener);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addFrameListener(AnalysedFrameListener listener) {
        frameListeners.add(listener);
    }

    void removeFrameListener(AnalysedFrameListener listener) {
        frameListeners.remove(listener);
    }

    @Override
    public void onFrame(Frame frame) {
        if (workers.isShutdown()) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastSweepNanos > SWEEP_EVERY_NANOS) {
            lastSweepNanos = now;
            forgetIdleCameras(now);
        }
        String camera = frame.cameraId();
        mailboxes.computeIfAbsent(camera, c -> new CameraMailbox(workers, (image, time, epoch) -> analyse(c, image, time, epoch)))
                .offer(frame);
    }

    private void analyse(String camera, BgrImage image, Instant captureTime, long epoch) {
        try {
            CameraAnalysis analysis = analyses.computeIfAbsent(camera,
                    c -> new CameraAnalysis(inference.models(), inference.options(), inference.counts(), c));
            CameraAnalysis.CameraFaces result = analysis.analyse(image, captureTime, epoch, StageTimes.NONE);
            for (AnalysedFrameListener listener : frameListeners) {
                try {
                    listener.onAnalysedFrame(result.frame());
                } catch (RuntimeException e) {
                    logger.error("Frame listener {} failed on camera {}", listener, camera, e);
                }
            }
            List<FaceObservation> observations = result.observations();
            if (!observations.isEmpty()) {
                faces.computeIfAbsent(camera, c -> new LongAdder()).add(observations.size());
            }
            if (observations.isEmpty() && result.rematches().isEmpty() && result.endedTracks().isEmpty()) {
                return;
            }
            if (listeners.isEmpty()) {
                return; // no recognition running: nothing to copy the surroundings for
            }
            List<ObservedFace> offered = new ArrayList<>(observations.size() + result.rematches().size());
            for (FaceObservation o : observations) {
                offered.add(new ObservedFace(o, FaceSurroundings.of(image, o.box())));
            }
            for (FaceObservation o : result.rematches()) {
                offered.add(new ObservedFace(o, FaceSurroundings.of(image, o.box())));
            }
            FaceObservations handed = new FaceObservations(camera, captureTime, offered, result.endedTracks());
            for (FaceObservationListener listener : listeners) {
                try {
                    listener.onFaces(handed);
                } catch (RuntimeException e) {
                    logger.error("Face listener {} failed on camera {}", listener, camera, e);
                }
            }
        } catch (RuntimeException e) {
            if (workers.isShutdown()) {
                return; // deactivating: the interrupted model call is ours, not a failure
            }
            failures.increment();
            if (!String.valueOf(e.getMessage()).equals(lastFailure)) {
                // a missing model fails every frame: say it once, not five times a second per camera
                lastFailure = String.valueOf(e.getMessage());
                if (e instanceof io.vigil.api.face.FaceAnalysisException) {
                    logger.error("Face analysis failed on camera {}: {}", camera, e.getMessage());
                } else {
                    logger.error("Face analysis failed on camera {}", camera, e);
                }
            }
        }
    }

    /**
     * Forgets the cameras whose frames stopped: each holds two frame buffers (5.5 MB at 720p), a
     * tracker and status lines, which would otherwise stay for as long as the container runs.
     */
    void forgetIdleCameras(long nowNanos) {
        for (Map.Entry<String, CameraMailbox> entry : mailboxes.entrySet()) {
            if (entry.getValue().idle(nowNanos, IDLE_NANOS) && mailboxes.remove(entry.getKey(), entry.getValue())) {
                analyses.remove(entry.getKey());
                faces.remove(entry.getKey());
            }
        }
    }

    @Override
    public ModuleStatus status() {
        forgetIdleCameras(System.nanoTime()); // also when every stream has stopped, so no frame sweeps
        if (mailboxes.isEmpty()) {
            return new ModuleStatus("face-analysis", ModuleStatus.Health.OK, "no camera frames yet");
        }
        StringBuilder sb = new StringBuilder();
        for (var e : new TreeMap<>(mailboxes).entrySet()) {
            CameraAnalysis analysis = analyses.get(e.getKey());
            LongAdder found = faces.get(e.getKey());
            sb.append(String.format(Locale.ROOT, "%s%s: %d frames, %d dropped (analysis slower than the stream),"
                            + " %d faces embedded, %d live tracks", sb.length() == 0 ? "" : "; ", e.getKey(),
                    e.getValue().received(), e.getValue().dropped(), found == null ? 0 : found.sum(),
                    analysis == null ? 0 : analysis.liveTracks()));
        }
        if (failures.sum() > 0) {
            return new ModuleStatus("face-analysis", ModuleStatus.Health.FAILED,
                    failures.sum() + " frames failed (" + lastFailure + "); " + sb);
        }
        return new ModuleStatus("face-analysis", ModuleStatus.Health.OK, sb.toString());
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        workers.shutdownNow();
        if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
            logger.warn("Face analysis workers did not stop within 5 s");
        }
    }
}

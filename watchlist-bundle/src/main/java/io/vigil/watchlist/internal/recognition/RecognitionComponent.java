package io.vigil.watchlist.internal.recognition;

import io.vigil.api.alert.AlertStore;
import io.vigil.api.alert.AlertFencedException;
import io.vigil.api.alert.AlertStoreException;
import io.vigil.api.face.FaceObservation;
import io.vigil.api.face.FaceObservationListener;
import io.vigil.api.face.FaceObservations;
import io.vigil.api.face.ObservedFace;
import io.vigil.api.status.ModuleStatus;
import io.vigil.api.status.StatusReporter;
import io.vigil.api.watchlist.FaceMatcher;
import io.vigil.api.watchlist.Recognition;
import io.vigil.api.watchlist.RecognitionStage;
import io.vigil.api.watchlist.RecognitionStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Recognition, the stage between face analysis and the alert store: takes the faces each analysed
 * frame offers into its own bounded queue and returns, so the video path never waits for matching
 * or for the alert store's SQLite transaction; one worker matches them against the watchlists of
 * the deployments active on their camera, applies each track's alert-once rule, cuts the evidence
 * of matches and stores them. A face that matches nothing is dropped after matching: it was only
 * ever in this queue's memory.
 */
@Component(immediate = true, configurationPid = RecognitionComponent.PID,
        service = {FaceObservationListener.class, StatusReporter.class, RecognitionStage.class}, property = "vigil.module=recognition")
@Designate(ocd = RecognitionComponent.Config.class)
public class RecognitionComponent implements FaceObservationListener, StatusReporter, RecognitionStage {

    static final String PID = "io.vigil.watchlist.recognition";

    @ObjectClassDefinition(name = "Vigil recognition")
    public @interface Config {
        @AttributeDefinition(name = "Queued frames", description = "Frames' faces waiting for matching at most; when full the oldest are dropped (counted in status)")
        int queue_frames() default 64;

        @AttributeDefinition(name = "Queued megabytes", description = "Memory the waiting faces' frame regions may take at most; when full the oldest are dropped")
        int queue_megabytes() default 64;
    }

    private final Logger logger;
    private final RecognitionQueue queue;
    private final RecognitionFigures figures = new RecognitionFigures();
    private final Clock clock;
    /** Per camera: the alert-once state of its live tracks; touched by the worker only. */
    private final Map<String, TrackRecognitions> cameras = new ConcurrentHashMap<>();
    /** When each camera last offered faces; a camera quiet this long has gone, its tracks with it. */
    private final Map<String, Long> lastSeenNanos = new ConcurrentHashMap<>();
    static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(60);
    private long lastSweepNanos = System.nanoTime();
    private final Thread worker;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile FaceMatcher matcher;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile AlertStore alerts;

    @Activate
    public RecognitionComponent(Config config, @Reference(service = LoggerFactory.class) Logger logger) {
        this(config, logger, Clock.systemUTC());
    }

    RecognitionComponent(Config config, Logger logger, Clock clock) {
        this.logger = logger;
        this.clock = clock;
        this.queue = new RecognitionQueue(Math.max(1, config.queue_frames()),
                Math.max(1, config.queue_megabytes()) * 1024L * 1024L);
        this.worker = new Thread(this::work, "vigil-recognition");
        this.worker.setDaemon(true);
        this.worker.start();
    }

    /** For tests and for components made without OSGi: the services DS would bind. */
    void bind(FaceMatcher matcher, AlertStore alerts) {
        this.matcher = matcher;
        this.alerts = alerts;
    }

    @Override
    public void onFaces(FaceObservations faces) {
        if (matcher == null && faces.endedTracks().isEmpty()) {
            return; // no watchlists running: nothing could match, so nothing is queued
        }
        queue.offer(faces, System.nanoTime());
    }

    private void work() {
        while (!Thread.currentThread().isInterrupted()) {
            RecognitionQueue.Queued next;
            try {
                next = queue.take(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return;
            }
            forgetIdleCameras(System.nanoTime());
            if (next == null) {
                continue;
            }
            try {
                recognise(next.faces());
            } catch (RuntimeException e) {
                figures.failed();
                logger.error("Recognition failed on camera {}", next.faces().cameraId(), e);
            }
            figures.waited(System.nanoTime() - next.queuedNanos());
        }
    }

    /**
     * Matches one frame's faces and turns a track's first match into an alert at once, and a later
     * better face of the same track and subject into an update of it.
     */
    void recognise(FaceObservations frame) {
        lastSeenNanos.put(frame.cameraId(), System.nanoTime());
        TrackRecognitions tracks = cameras.computeIfAbsent(frame.cameraId(), c -> new TrackRecognitions());
        tracks.forget(frame.endedTracks());
        FaceMatcher m = matcher;
        if (frame.faces().isEmpty() || m == null) {
            return;
        }
        Map<FaceObservation, ObservedFace> offered = new IdentityHashMap<>();
        List<FaceObservation> observations = new ArrayList<>(frame.faces().size());
        for (ObservedFace f : frame.faces()) {
            offered.put(f.observation(), f);
            observations.add(f.observation());
        }
        List<Recognition> recognitions = m.match(observations);
        figures.matched(observations.size(), recognitions.size());
        for (Recognition r : recognitions) {
            TrackRecognitions.Decision decision = tracks.decide(r.observation().trackId(),
                    new BestCandidate(r.deploymentId() + "/" + r.subjectPseudonym(), r.score(), r.threshold()));
            if (decision == TrackRecognitions.Decision.NOTHING) {
                continue;
            }
            AlertStore store = alerts;
            if (store == null) {
                figures.lost();
                logger.error("A recognition on camera {} could not be stored: the alert store is not running", frame.cameraId());
                continue;
            }
            ObservedFace face = offered.get(r.observation());
            if (face == null) {
                throw new IllegalStateException("the matcher reported a face it was not given");
            }
            try {
                store.store(r, EvidenceCrops.of(face));
                figures.stored(decision == TrackRecognitions.Decision.RAISE,
                        Duration.between(frame.captureTime(), clock.instant()));
            } catch (AlertFencedException e) {
                // a cluster member's camera that went to another node while this one stalled: that node alerts
                // now; the alert store counts and logs it (once per camera), so nothing is lost or said here
            } catch (AlertStoreException e) {
                figures.lost();
                logger.error("A recognition on camera {} could not be stored: {}", frame.cameraId(), e.getMessage());
            }
        }
    }

    /**
     * Forgets the cameras whose faces stopped coming (stream removed): inference drops such a
     * camera's tracker without ending its tracks, so their alert-once state would otherwise stay.
     */
    private void forgetIdleCameras(long nowNanos) {
        if (nowNanos - lastSweepNanos < TimeUnit.SECONDS.toNanos(10)) {
            return;
        }
        lastSweepNanos = nowNanos;
        lastSeenNanos.forEach((camera, seen) -> {
            if (nowNanos - seen > IDLE_NANOS && lastSeenNanos.remove(camera, seen)) {
                cameras.remove(camera);
            }
        });
    }

    /** Tracks of the camera with alerts remembered (for tests). */
    int tracksWithAlerts(String cameraId) {
        TrackRecognitions t = cameras.get(cameraId);
        return t == null ? 0 : t.tracksWithAlerts();
    }

    @Override
    public ModuleStatus status() {
        return figures.status(queue, matcher != null, alerts != null);
    }

    @Override
    public RecognitionStatus figures() {
        return figures.figures(queue, matcher != null, alerts != null);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        worker.interrupt();
        worker.join(TimeUnit.SECONDS.toMillis(5));
        if (worker.isAlive()) {
            logger.warn("The recognition worker did not stop within 5 s");
        }
        queue.clear();
        cameras.clear();
    }
}

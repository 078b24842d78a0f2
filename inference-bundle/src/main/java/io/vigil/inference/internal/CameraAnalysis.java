package io.vigil.inference.internal;

import io.vigil.api.face.AnalysedFace;
import io.vigil.api.face.AnalysedFrame;
import io.vigil.api.face.BoundingBox;
import io.vigil.api.face.FaceObservation;
import io.vigil.api.face.TrackedFace;
import io.vigil.api.media.BgrImage;
import io.vigil.api.media.Frame;
import io.vigil.inference.internal.StageTimes.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.HashMap;
import java.util.Map;

/**
 * The face analysis of one camera's frames: detect, track, and embed only the faces the tracker
 * wants, so that a person walking past costs a few embeddings rather than one a frame. Plain
 * object, no OSGi, so it can be tested frame by frame; the component that receives the camera's
 * frames owns one and calls it from that camera's worker only (the tracker is not thread-safe).
 */
final class CameraAnalysis {

    private final String cameraId;
    private final FaceFinder finder;
    private final FacePipeline pipeline;
    private final QualityGate gate;
    private final FaceTracker tracker;
    /**
     * Each live track's best embedded face, in memory only and forgotten when the track ends, so
     * a person already in view is matched again when a deployment starts or someone is enrolled
     * while they stand there: the tracker embeds a track's face only while it improves.
     */
    private final Map<Long, BestFace> best = new HashMap<>();

    /** How often a live track's best face is offered to the matcher again. */
    static final Duration REMATCH_INTERVAL = Duration.ofSeconds(1);

    private record BestFace(FaceObservation face, Instant offered) {
    }

    /**
     * @param models   the loaded models, shared by all cameras
     * @param options  detector and gate settings, and the faces embedded per track
     * @param counts   embeddings and refusals of all cameras, for status
     * @param cameraId the camera, written into every observation
     */
    CameraAnalysis(FaceModels models, InferenceOptions options, RejectionCounts counts, String cameraId) {
        this(models, options, counts, cameraId, FaceTracker.DEFAULT_TIMEOUT);
    }

    CameraAnalysis(FaceModels models, InferenceOptions options, RejectionCounts counts, String cameraId,
                   Duration trackTimeout) {
        this.cameraId = Objects.requireNonNull(cameraId, "cameraId");
        this.finder = new FaceFinder(models.detector(), options.detectionScore(), options.nmsIou());
        this.pipeline = new FacePipeline(models, options, counts);
        this.gate = options.gate();
        this.tracker = new FaceTracker(options.facesPerTrack(), trackTimeout);
    }

    CameraFaces analyse(BgrImage frame, Instant captureTime) {
        return analyse(frame, captureTime, Frame.NO_EPOCH, StageTimes.NONE);
    }

    /**
     * @param frame       the full-resolution frame
     * @param captureTime when the camera captured it; frames come in capture order
     * @param epoch       the frame's cluster epoch, carried by every observation made from it
     * @return the faces embedded in this frame, with their track ids, and the tracks that ended
     */
    CameraFaces analyse(BgrImage frame, Instant captureTime, long epoch, StageTimes times) {
        long t0 = System.nanoTime();
        List<Detection> boxes = finder.find(frame, gate.minFaceSize(), false);
        if (times.recording()) {
            times.add(Stage.DETECT, System.nanoTime() - t0);
        }
        FaceTracker.TrackedFrame tracked = tracker.update(boxes, captureTime);
        tracked.endedTracks().forEach(best::remove);
        List<FaceObservation> observations = new ArrayList<>();
        List<FaceObservation> rematches = new ArrayList<>();
        List<TrackedFace> places = new ArrayList<>(tracked.sightings().size());
        for (FaceTracker.Sighting sighting : tracked.sightings()) {
            FaceTracker.Track track = sighting.track();
            Detection box = sighting.box();
            places.add(new TrackedFace(track.id(), new BoundingBox(box.x1(), box.y1(), box.width(), box.height()),
                    Math.max(0f, Math.min(1f, box.score()))));
            // the best quality this face could have, whatever landmarks say: skips their cost too
            int size = Math.round(Math.min(box.width(), box.height()));
            if (track.couldEmbed(gate.score(box.score(), size, Float.MAX_VALUE, 0, 0))) {
                Optional<AnalysedFace> face = pipeline.examine(frame, box, times,
                        quality -> track.claimEmbedding(quality.score()));
                if (face.isPresent() && face.get().embedding().isPresent()) {
                    AnalysedFace f = face.get();
                    FaceObservation o = new FaceObservation(cameraId, captureTime, track.id(), f.box(), f.landmarks(),
                            f.quality(), f.embedding().get(), frame.width(), frame.height(), epoch);
                    observations.add(o);
                    best.put(track.id(), new BestFace(o, captureTime));
                    continue;
                }
            }
            BestFace known = best.get(track.id());
            if (known != null && !captureTime.isBefore(known.offered().plus(REMATCH_INTERVAL))) {
                // the same person where they are now: this frame's box, the best face's template
                FaceObservation again = new FaceObservation(cameraId, captureTime, track.id(),
                        new BoundingBox(box.x1(), box.y1(), box.width(), box.height()), known.face().landmarks(),
                        known.face().quality(), known.face().embedding(), frame.width(), frame.height(), epoch);
                rematches.add(again);
                best.put(track.id(), new BestFace(known.face(), captureTime));
            }
        }
        return new CameraFaces(observations, rematches, tracked.endedTracks(),
                new AnalysedFrame(cameraId, captureTime, frame.width(), frame.height(), places));
    }

    String cameraId() {
        return cameraId;
    }

    /** Tracks alive after the last frame. */
    int liveTracks() {
        return tracker.liveTracks();
    }

    /**
     * What one frame yielded.
     *
     * @param observations the faces embedded, for the matcher
     * @param rematches    live tracks' best faces offered to the matcher again (at most once a
     *                     second each), at their current place in this frame
     * @param endedTracks  ids of tracks that ended, so per-track state (alerts) can be dropped
     * @param frame        where every tracked face is in this frame (no templates), for overlays
     */
    record CameraFaces(List<FaceObservation> observations, List<FaceObservation> rematches, List<Long> endedTracks,
            AnalysedFrame frame) {
    }
}

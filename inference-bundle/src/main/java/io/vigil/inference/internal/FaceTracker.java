package io.vigil.inference.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Follows the faces of one camera from frame to frame, so that one person passing is one track,
 * and decides which of a track's faces are worth embedding: embedding costs several times what
 * detection and landmarks cost, and a few good faces recognise a person as well as all of them.
 *
 * <p>A detection joins the live track whose face, moved on at the track's recent speed, lies
 * nearest to it in units of face size; pairs are taken greedily, nearest first. Predicting the
 * motion is what keeps two people who cross paths apart: by the last positions alone each would
 * take the other's track. Times are capture times, so a stalled or slow stream neither ends
 * tracks early nor joins people seen far apart in time.
 *
 * <p>One instance per camera, used only by that camera's worker: not thread-safe.
 */
final class FaceTracker {

    /** How long a track lives unseen before a face in its place is taken for a new person. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

    /**
     * How far, in face sizes, a face may lie from where its track was expected. A face is about a
     * sixth of a person's width, so two people side by side are at least this far apart, while a
     * walker at 5 frames a second steps about one face size between frames.
     */
    static final double MAX_STEP = 1.5;

    /** Larger change of face size between sightings is a different person (nearer or further away). */
    static final double MAX_SIZE_RATIO = 1.5;

    /**
     * How much higher a face's quality score must be than the best already embedded to be
     * embedded too. Scores of one steady face jitter by about a hundredth from frame to frame;
     * without a step the budget of embeddings would go on those jitters, leaving nothing for the
     * clearly better face when the person comes closer or looks up.
     */
    static final float QUALITY_STEP = 0.05f;

    /** Weight of the newest measured speed against the earlier estimate. */
    private static final double SPEED_SMOOTHING = 0.5;
    /** Analysed frames a track must be missing from, besides the timeout, before it ends. */
    static final int MIN_MISSED_FRAMES = 2;

    private final int facesPerTrack;
    private final Duration timeout;
    private final List<Track> live = new ArrayList<>();
    private long lastId;

    /**
     * @param facesPerTrack most faces embedded per track
     * @param timeout       capture time a track may go unseen before it ends
     */
    FaceTracker(int facesPerTrack, Duration timeout) {
        if (facesPerTrack < 1) {
            throw new IllegalArgumentException("facesPerTrack must be at least 1: " + facesPerTrack);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("track timeout must be positive: " + timeout);
        }
        this.facesPerTrack = facesPerTrack;
        this.timeout = timeout;
    }

    /**
     * Assigns each of one frame's detections to a track, starting tracks for faces that match
     * none, after ending the tracks unseen for longer than the timeout.
     *
     * @param boxes       the frame's faces
     * @param captureTime when the frame was captured; frames come in capture order
     * @return one sighting per box, in the order of {@code boxes}, and the tracks that ended
     */
    TrackedFrame update(List<Detection> boxes, Instant captureTime) {
        List<Long> ended = endStale(captureTime);
        List<Pair> pairs = new ArrayList<>();
        for (int t = 0; t < live.size(); t++) {
            Track track = live.get(t);
            for (int b = 0; b < boxes.size(); b++) {
                double distance = track.distanceTo(boxes.get(b), captureTime);
                if (distance <= MAX_STEP) {
                    pairs.add(new Pair(t, b, distance));
                }
            }
        }
        Collections.sort(pairs);
        Track[] assigned = new Track[boxes.size()];
        boolean[] trackTaken = new boolean[live.size()];
        for (Pair p : pairs) {
            if (assigned[p.box] == null && !trackTaken[p.track]) {
                assigned[p.box] = live.get(p.track);
                trackTaken[p.track] = true;
            }
        }
        for (int t = 0; t < live.size(); t++) {
            if (!trackTaken[t]) {
                live.get(t).missed++;
            }
        }
        List<Sighting> sightings = new ArrayList<>(boxes.size());
        for (int b = 0; b < boxes.size(); b++) {
            Detection box = boxes.get(b);
            Track track = assigned[b];
            if (track == null) {
                track = new Track(++lastId, facesPerTrack, box, captureTime);
                live.add(track);
            } else {
                track.seen(box, captureTime);
            }
            sightings.add(new Sighting(track, box));
        }
        return new TrackedFrame(sightings, ended);
    }

    /** Tracks alive now (seen within the timeout at the last update). */
    int liveTracks() {
        return live.size();
    }

    private List<Long> endStale(Instant now) {
        List<Long> ended = new ArrayList<>();
        live.removeIf(track -> {
            Duration unseen = Duration.between(track.lastSeen, now);
            // a clock stepping back by more than the timeout is a new start, like a long gap;
            // otherwise a track ends only when analysed frames went by without it: a gap in the
            // analysis itself (models loading, a loaded machine) is not the person leaving
            boolean stale = unseen.negated().compareTo(timeout) > 0
                    || unseen.compareTo(timeout) > 0 && track.missed >= MIN_MISSED_FRAMES;
            if (stale) {
                ended.add(track.id);
            }
            return stale;
        });
        return ended;
    }

    private record Pair(int track, int box, double distance) implements Comparable<Pair> {
        @Override
        public int compareTo(Pair o) {
            return Double.compare(distance, o.distance);
        }
    }

    /**
     * A detection and the track it belongs to.
     *
     * @param track the track, to ask whether the face is worth embedding
     * @param box   the detection
     */
    record Sighting(Track track, Detection box) {
    }

    /**
     * What one frame did to the tracks.
     *
     * @param sightings   one per detection, in the detections' order
     * @param endedTracks ids of the tracks that ended before this frame, so whoever keeps state per
     *                    track can drop it
     */
    record TrackedFrame(List<Sighting> sightings, List<Long> endedTracks) {
    }

    /** One person's passage in front of the camera, and the faces of it embedded so far. */
    static final class Track {

        private final long id;
        private final int budget;
        private double centreX;
        private double centreY;
        private double size;
        /** Pixels per second of capture time; unknown (zero) until the second sighting. */
        private double speedX;
        private double speedY;
        private int sightings;
        private Instant lastSeen;
        private int embedded;
        /** Analysed frames in a row that did not show this track. */
        private int missed;
        private float bestQuality = Float.NEGATIVE_INFINITY;

        private Track(long id, int budget, Detection box, Instant captureTime) {
            this.id = id;
            this.budget = budget;
            place(box);
            this.lastSeen = captureTime;
            this.sightings = 1;
        }

        long id() {
            return id;
        }

        /** Faces of this track embedded so far. */
        int embedded() {
            return embedded;
        }

        /**
         * Whether a face of at most this quality could still be embedded: lets the caller skip
         * landmarks when even a perfect face of this detector score and size would not be.
         */
        boolean couldEmbed(float qualityCeiling) {
            return embedded < budget && qualityCeiling >= bestQuality + QUALITY_STEP;
        }

        /**
         * Decides whether a face of this quality, which passed the quality gate, is embedded, and
         * if so counts it: the first such face of the track, then only clearly better ones, up to
         * the budget.
         */
        boolean claimEmbedding(float quality) {
            boolean first = embedded == 0;
            if (embedded >= budget || (!first && quality < bestQuality + QUALITY_STEP)) {
                return false;
            }
            embedded++;
            bestQuality = Math.max(bestQuality, quality);
            return true;
        }

        /** Distance in face sizes from where this track's face should be at {@code now} to {@code box}. */
        private double distanceTo(Detection box, Instant now) {
            double boxSize = sizeOf(box);
            double ratio = Math.max(boxSize, size) / Math.max(1e-3, Math.min(boxSize, size));
            if (ratio > MAX_SIZE_RATIO) {
                return Double.POSITIVE_INFINITY;
            }
            double dt = Math.max(0, seconds(lastSeen, now));
            double expectedX = centreX + speedX * dt;
            double expectedY = centreY + speedY * dt;
            double dx = (box.x1() + box.x2()) / 2 - expectedX;
            double dy = (box.y1() + box.y2()) / 2 - expectedY;
            return Math.hypot(dx, dy) / Math.max(boxSize, size);
        }

        private void seen(Detection box, Instant now) {
            missed = 0;
            double dt = seconds(lastSeen, now);
            double x = centreX;
            double y = centreY;
            place(box);
            if (dt > 0) {
                double vx = (centreX - x) / dt;
                double vy = (centreY - y) / dt;
                double w = sightings == 1 ? 1 : SPEED_SMOOTHING;
                speedX = w * vx + (1 - w) * speedX;
                speedY = w * vy + (1 - w) * speedY;
                lastSeen = now;
            }
            sightings++;
        }

        private void place(Detection box) {
            centreX = (box.x1() + box.x2()) / 2;
            centreY = (box.y1() + box.y2()) / 2;
            size = sizeOf(box);
        }

        private static double sizeOf(Detection box) {
            return Math.max(1, (box.width() + box.height()) / 2);
        }

        private static double seconds(Instant from, Instant to) {
            return Duration.between(from, to).toNanos() / 1e9;
        }
    }
}

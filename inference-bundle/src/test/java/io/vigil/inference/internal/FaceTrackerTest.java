package io.vigil.inference.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tracker on boxes made by hand, at 5 frames a second of capture time. */
class FaceTrackerTest {

    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    private static final Duration FRAME = Duration.ofMillis(200);

    private static Detection face(double centreX, double centreY, double size) {
        return new Detection((float) (centreX - size / 2), (float) (centreY - size / 2),
                (float) (centreX + size / 2), (float) (centreY + size / 2), 0.99f);
    }

    private static Instant frame(int n) {
        return T0.plus(FRAME.multipliedBy(n));
    }

    private static FaceTracker tracker() {
        return new FaceTracker(3, FaceTracker.DEFAULT_TIMEOUT);
    }

    /**
     * A walks right, B walks left on the same line, 60 px a frame each, faces 100 px. Where they
     * overlap only the one in front (A) is detected; B comes out on the other side. By nearest last
     * position alone they would swap tracks where they meet.
     */
    @Test
    void twoPeopleCrossingPathsKeepTheirTracks() {
        FaceTracker tracker = tracker();
        long a = -1;
        long b = -1;
        int hidden = 0;
        for (int n = 0; n < 20; n++) {
            double ax = 100 + 60 * n;
            double bx = 1200 - 60 * n;
            List<Detection> boxes = new ArrayList<>();
            boxes.add(face(ax, 300, 100));
            boolean bVisible = Math.abs(ax - bx) >= 100;
            if (bVisible) {
                boxes.add(face(bx, 310, 100));
            } else {
                hidden++;
            }
            var sightings = tracker.update(boxes, frame(n)).sightings();
            if (n == 0) {
                a = sightings.get(0).track().id();
                b = sightings.get(1).track().id();
                assertNotEquals(a, b);
            }
            assertEquals(a, sightings.get(0).track().id(), "A at frame " + n);
            if (bVisible) {
                assertEquals(b, sightings.get(1).track().id(), "B at frame " + n);
            }
        }
        assertTrue(hidden >= 1, "B was hidden behind A for some frames: " + hidden);
        assertEquals(2, tracker.liveTracks());
    }

    /** Both visible all the way, boxes overlapping where they pass (one slightly higher). */
    @Test
    void twoVisiblePeopleCrossingKeepTheirTracks() {
        FaceTracker tracker = tracker();
        List<Long> ids = null;
        for (int n = 0; n < 20; n++) {
            var sightings = tracker.update(List.of(face(100 + 55 * n, 300, 90), face(1150 - 55 * n, 340, 90)),
                    frame(n)).sightings();
            List<Long> now = sightings.stream().map(s -> s.track().id()).toList();
            if (ids == null) {
                ids = now;
            }
            assertEquals(ids, now, "frame " + n);
        }
    }

    @Test
    void aGapLongerThanTheTimeoutStartsANewTrack() {
        FaceTracker tracker = tracker();
        long first = tracker.update(List.of(face(400, 300, 100)), frame(0)).sightings().get(0).track().id();
        assertEquals(first, tracker.update(List.of(face(410, 300, 100)), frame(1)).sightings().get(0).track().id());
        // unseen for 0.8 s, within the 1 s timeout: same track
        assertTrue(tracker.update(List.of(), frame(3)).endedTracks().isEmpty());
        assertEquals(first, tracker.update(List.of(face(420, 300, 100)), frame(5)).sightings().get(0).track().id());
        // unseen for 1.2 s while frames were analysed without it: the track ends and the face in
        // the same place starts a new one
        assertTrue(tracker.update(List.of(), frame(7)).endedTracks().isEmpty());
        assertTrue(tracker.update(List.of(), frame(9)).endedTracks().isEmpty());
        FaceTracker.TrackedFrame later = tracker.update(List.of(face(420, 300, 100)), frame(11));
        long second = later.sightings().get(0).track().id();
        assertEquals(List.of(first), later.endedTracks());
        assertTrue(second > first, "ids increase: " + first + " then " + second);
        assertEquals(1, tracker.liveTracks());
    }

    @Test
    void aGapInTheAnalysisItselfDoesNotSplitATrack() {
        FaceTracker tracker = tracker();
        long first = tracker.update(List.of(face(400, 300, 100)), frame(0)).sightings().get(0).track().id();
        // the next analysed frame comes 2 s later (models loading, a loaded machine): the person
        // did not leave, the analysis paused
        FaceTracker.TrackedFrame later = tracker.update(List.of(face(405, 300, 100)), frame(10));
        assertTrue(later.endedTracks().isEmpty());
        assertEquals(first, later.sightings().get(0).track().id());
    }

    @Test
    void aFaceFarFromAnyTrackOrOfAnotherSizeStartsItsOwnTrack() {
        FaceTracker tracker = tracker();
        long a = tracker.update(List.of(face(400, 300, 100)), frame(0)).sightings().get(0).track().id();
        var next = tracker.update(List.of(face(700, 300, 100), face(420, 300, 200)), frame(1)).sightings();
        assertNotEquals(a, next.get(0).track().id(), "three face sizes away");
        assertNotEquals(a, next.get(1).track().id(), "twice the size");
        assertEquals(3, tracker.liveTracks());
    }

    @Test
    void atMostFacesPerTrackAreEmbedded() {
        FaceTracker tracker = tracker();
        int embedded = 0;
        for (int n = 0; n < 30; n++) {
            FaceTracker.Track track = tracker.update(List.of(face(300 + 10 * n, 300, 100)), frame(n)).sightings().get(0).track();
            // each face clearly better than the last
            if (track.claimEmbedding(0.1f + 0.06f * n)) {
                embedded++;
            }
            assertEquals(Math.min(n + 1, 3), track.embedded());
        }
        assertEquals(3, embedded);
    }

    @Test
    void aBetterFaceAfterTheFirstIsEmbeddedAWorseOneIsNot() {
        FaceTracker tracker = tracker();
        FaceTracker.Track track = tracker.update(List.of(face(300, 300, 100)), frame(0)).sightings().get(0).track();
        assertTrue(track.claimEmbedding(0.60f), "first face that passed the gate");
        track = tracker.update(List.of(face(310, 300, 100)), frame(1)).sightings().get(0).track();
        assertFalse(track.claimEmbedding(0.50f), "worse");
        assertFalse(track.claimEmbedding(0.62f), "better by a jitter only");
        assertTrue(track.claimEmbedding(0.80f), "clearly better");
        assertFalse(track.claimEmbedding(0.70f), "better than the first, worse than the best");
        assertEquals(2, track.embedded());
        // the ceiling check lets the caller skip landmarks for faces that cannot win
        assertFalse(track.couldEmbed(0.82f));
        assertTrue(track.couldEmbed(0.90f));
    }

    @Test
    void idsAreUniqueAndIncreasing() {
        FaceTracker tracker = tracker();
        List<Long> ids = new ArrayList<>();
        for (int n = 0; n < 5; n++) {
            // a new person far from the last each time, after the last one's track has ended
            tracker.update(List.of(face(200 + 200 * n, 300, 80)), frame(10 * n)).sightings()
                    .forEach(s -> ids.add(s.track().id()));
        }
        for (int i = 1; i < ids.size(); i++) {
            assertTrue(ids.get(i) > ids.get(i - 1), ids.toString());
        }
    }
}

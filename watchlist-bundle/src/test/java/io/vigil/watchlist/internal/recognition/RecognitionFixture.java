package io.vigil.watchlist.internal.recognition;

import io.vigil.api.alert.Alert;
import io.vigil.api.alert.AlertStore;
import io.vigil.api.alert.AlertStoreException;
import io.vigil.api.alert.RecognitionEvidence;
import io.vigil.api.face.BoundingBox;
import io.vigil.api.face.FaceEmbedding;
import io.vigil.api.face.FaceLandmarks;
import io.vigil.api.face.FaceObservation;
import io.vigil.api.face.FaceObservations;
import io.vigil.api.face.FaceQuality;
import io.vigil.api.face.FrameRegion;
import io.vigil.api.face.ObservedFace;
import io.vigil.api.face.Point;
import io.vigil.api.media.BgrImage;
import io.vigil.api.watchlist.FaceMatcher;
import io.vigil.api.watchlist.Recognition;
import io.vigil.api.watchlist.WatchlistCategory;
import java.lang.annotation.Annotation;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** What recognition's tests build: frames' faces with real pixels around them, and the services recognition calls. */
final class RecognitionFixture {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private RecognitionFixture() {
    }

    /**
     * One face of track {@code track} on camera "cam-1" whose template's first value is the score
     * the {@link #matcher} gives it against subject S-1, with the frame region around its box.
     */
    static ObservedFace face(long track, float score, Instant captured) {
        float[] v = new float[512];
        v[0] = score;
        BoundingBox box = new BoundingBox(300, 200, 100, 120);
        FaceObservation o = new FaceObservation("cam-1", captured, track, box,
                new FaceLandmarks(new Point(330, 240), new Point(370, 240), new Point(350, 270), new Point(335, 290),
                        new Point(365, 290)),
                new FaceQuality(0.9f, 120f, 0f, 0f, 100, 0.8f), new FaceEmbedding("fr", "1.0-abc", v), 1280, 720);
        // the region inference copies: the box grown by 1.5 of its size on every side
        int x = 150;
        int y = 20;
        int w = 400;
        int h = 480;
        byte[] px = new byte[w * h * 3];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (i * 31);
        }
        return new ObservedFace(o, new FrameRegion(x, y, new BgrImage(w, h, w * 3, ByteBuffer.wrap(px))));
    }

    static FaceObservations frame(Instant captured, List<Long> ended, ObservedFace... faces) {
        return new FaceObservations("cam-1", captured, List.of(faces), ended);
    }

    /** Subject S-1 at the deployment's threshold 0.5: the score is the template's first value. */
    static FaceMatcher matcher() {
        return faces -> {
            List<Recognition> out = new ArrayList<>();
            for (FaceObservation f : faces) {
                float score = f.embedding().vector()[0];
                if (score >= 0.5f) {
                    out.add(new Recognition(f, "dep-1", "wanted", WatchlistCategory.SUSPECT, "S-1", score, 0.5f));
                }
            }
            return out;
        };
    }

    /**
     * Records what would be stored. Not the SQLite alert store: its tests (alerts bundle) and the
     * distribution's RecognitionIT cover storing; here only what recognition hands it matters.
     */
    static final class RecordingAlertStore implements AlertStore {
        record Stored(Recognition recognition, RecognitionEvidence evidence) {
        }

        final List<Stored> stored = new CopyOnWriteArrayList<>();
        volatile boolean failing;

        @Override
        public Alert store(Recognition recognition, RecognitionEvidence evidence) throws AlertStoreException {
            if (failing) {
                throw new AlertStoreException("disk full", null);
            }
            stored.add(new Stored(recognition, evidence));
            return null;
        }

        @Override
        public Optional<Alert> alert(String id) {
            return Optional.empty();
        }

        @Override
        public List<Alert> since(Optional<String> afterId, int limit) {
            return List.of();
        }
    }

    static RecognitionComponent.Config config(int frames, int megabytes) {
        return new RecognitionComponent.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return RecognitionComponent.Config.class;
            }

            @Override
            public int queue_frames() {
                return frames;
            }

            @Override
            public int queue_megabytes() {
                return megabytes;
            }
        };
    }
}

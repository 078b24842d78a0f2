package io.vigil.alerts.internal;

import io.vigil.api.alert.RecognitionEvidence;
import io.vigil.api.face.BoundingBox;
import io.vigil.api.face.FaceEmbedding;
import io.vigil.api.face.FaceLandmarks;
import io.vigil.api.face.FaceObservation;
import io.vigil.api.face.FaceQuality;
import io.vigil.api.face.Point;
import io.vigil.api.watchlist.Recognition;
import io.vigil.api.watchlist.WatchlistCategory;
import io.vigil.testing.MemorySecretStore;
import io.vigil.testing.MutableClock;
import io.vigil.testing.RecordingEventAdmin;
import io.vigil.testing.RecordingLogger;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import javax.imageio.ImageIO;

/** What the alert store's tests build: the service on a data folder, recognitions, real JPEG evidence. */
final class AlertFixture {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    final Path data;
    final MutableClock clock = new MutableClock(T0);
    final MemorySecretStore secrets = new MemorySecretStore();
    final InMemoryAuditTrail audit = new InMemoryAuditTrail();
    final RecordingEventAdmin events = new RecordingEventAdmin();

    AlertFixture(Path data) {
        this.data = data;
    }

    /** The service as DS makes it: constructed, then the optional services bound. */
    AlertService start(AlertService.Config config) {
        AlertService s = new AlertService(data, config, secrets, clock, Duration.ofMillis(200), RecordingLogger.quiet());
        s.setAuditTrail(audit);
        s.setEventAdmin(events);
        return s;
    }

    AlertService start() {
        return start(config(31, true));
    }

    /** As {@link #start()}, logging to {@code logger}. */
    AlertService start(org.osgi.service.log.Logger logger) {
        AlertService s = new AlertService(data, config(31, true), secrets, clock, Duration.ofMillis(200), logger);
        s.setAuditTrail(audit);
        s.setEventAdmin(events);
        return s;
    }

    /** Without Event Admin and the audit trail, as when they have not arrived (or the process dies first). */
    AlertService startAlone() {
        return new AlertService(data, config(31, true), secrets, clock, Duration.ofMillis(200), RecordingLogger.quiet());
    }

    Path databaseFile() {
        return data.resolve("alerts").resolve("alerts.db");
    }

    static AlertService.Config config(int retentionDays, boolean twoPerson) {
        return new AlertService.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return AlertService.Config.class;
            }

            @Override
            public String database_path() {
                return "";
            }

            @Override
            public int retention_days() {
                return retentionDays;
            }

            @Override
            public boolean two_person_confirmation() {
                return twoPerson;
            }

            @Override
            public int track_merge_seconds() {
                return 60;
            }

            @Override
            public String evidence_key_period() {
                return "day";
            }
        };
    }

    static Recognition recognition(String camera, long track, String subject, float score, float quality, Instant captured) {
        return recognition(camera, track, subject, score, quality, captured, -1);
    }

    /** A cluster member's recognition, made from a frame of a stream started under {@code epoch}. */
    static Recognition recognition(String camera, long track, String subject, float score, float quality, Instant captured,
            long epoch) {
        Point p = new Point(0, 0);
        FaceObservation o = new FaceObservation(camera, captured, track, new BoundingBox(100, 120, 80, 96),
                new FaceLandmarks(p, p, p, p, p), new FaceQuality(0.99f, 120f, 3f, 2f, 80, quality),
                new FaceEmbedding("fr_feature", "sha256:abc", new float[512]), 1280, 720, epoch);
        return new Recognition(o, "dep-1", "wl-wanted", WatchlistCategory.SUSPECT, subject, score, 0.51f);
    }

    /** A real JPEG of noise: its entropy-coded body is unlike anything else in the database. */
    static byte[] jpeg(long seed, int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img.setRGB(x, y, r.nextInt(0xffffff));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static RecognitionEvidence evidence(long seed) {
        return new RecognitionEvidence(jpeg(seed, 96, 112), jpeg(seed + 1000, 320, 240));
    }

}

package io.vigil.watchlist.internal.recognition;

import static io.vigil.watchlist.internal.recognition.RecognitionFixture.T0;
import static io.vigil.watchlist.internal.recognition.RecognitionFixture.config;
import static io.vigil.watchlist.internal.recognition.RecognitionFixture.face;
import static io.vigil.watchlist.internal.recognition.RecognitionFixture.frame;
import static io.vigil.watchlist.internal.recognition.RecognitionFixture.matcher;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.face.ObservedFace;
import io.vigil.api.status.ModuleStatus;
import io.vigil.api.watchlist.RecognitionStatus;
import io.vigil.testing.RecordingLogger;
import io.vigil.watchlist.internal.recognition.RecognitionFixture.RecordingAlertStore;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalLong;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Recognition as its own stage: matching, each track's alert-once rule and storing, behind its own queue. */
class RecognitionComponentTest {

    private final RecordingAlertStore store = new RecordingAlertStore();
    private final RecognitionComponent recognition = new RecognitionComponent(config(64, 64), RecordingLogger.quiet(),
            Clock.fixed(T0.plusMillis(300), ZoneOffset.UTC));

    @AfterEach
    void stop() throws InterruptedException {
        recognition.deactivate();
    }

    @Test
    void aTracksFirstMatchRaisesABetterFaceUpdatesAndNothingElseIsStored() {
        recognition.bind(matcher(), store);
        recognition.recognise(frame(T0, List.of(), face(1, 0.40f, T0), face(2, 0.10f, T0)));
        assertEquals(0, store.stored.size(), "below the threshold: nothing stored");
        ObservedFace first = face(1, 0.55f, T0);
        recognition.recognise(frame(T0, List.of(), first));
        recognition.recognise(frame(T0, List.of(), face(1, 0.52f, T0)));
        recognition.recognise(frame(T0, List.of(), face(1, 0.61f, T0)));
        recognition.recognise(frame(T0, List.of(), face(1, 0.61f, T0)));
        assertEquals(List.of(0.55f, 0.61f), store.stored.stream().map(s -> s.recognition().score()).toList(),
                "raised at once, updated by the better face only");
        assertTrue(store.stored.get(0).recognition().observation() == first.observation());
        // the track ends; the same person on a new track is a new pass, a new alert
        recognition.recognise(frame(T0, List.of(1L)));
        assertEquals(0, recognition.tracksWithAlerts("cam-1"), "an ended track's state goes");
        recognition.recognise(frame(T0, List.of(), face(3, 0.55f, T0)));
        assertEquals(3, store.stored.size());
        String detail = recognition.status().detail();
        assertEquals(ModuleStatus.Health.OK, recognition.status().health(), detail);
        assertTrue(detail.contains("alerts raised 2, updated 1"), detail);
        assertTrue(detail.contains("capture to alert stored last 300 ms"), detail);
        RecognitionStatus figures = recognition.figures();
        assertEquals(2, figures.alertsRaised());
        assertEquals(1, figures.alertsUpdated());
        assertEquals(7, figures.matchedFaces());
        assertEquals(5, figures.recognitions(), "0.55, 0.52, 0.61, 0.61 and the new track's 0.55 reach the threshold 0.5");
        assertEquals(OptionalLong.of(300), figures.storedLastMillis());
        assertTrue(figures.matching() && figures.storing());
    }

    @Test
    void evidenceIsCutFromTheRegionHandedOverWithTheFace() throws Exception {
        recognition.bind(matcher(), store);
        ObservedFace f = face(1, 0.7f, T0);
        recognition.recognise(frame(T0, List.of(), f));
        var evidence = store.stored.get(0).evidence();
        BufferedImage crop = ImageIO.read(new ByteArrayInputStream(evidence.faceCrop()));
        BufferedImage region = ImageIO.read(new ByteArrayInputStream(evidence.frameRegion()));
        // the box (100 x 120) grown by 0.3 of its size on every side; the region whole
        assertEquals(160, crop.getWidth());
        assertEquals(192, crop.getHeight());
        assertEquals(f.surroundings().pixels().width(), region.getWidth());
        assertEquals(f.surroundings().pixels().height(), region.getHeight());
    }

    @Test
    void facesGoThroughTheQueueAndTheWorkerStoresThem() throws Exception {
        recognition.bind(matcher(), store);
        recognition.onFaces(frame(T0, List.of(), face(1, 0.9f, T0), face(2, 0.2f, T0)));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (store.stored.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(1, store.stored.size());
        String detail = recognition.status().detail();
        assertTrue(detail.contains("0 faces queued, 0 dropped (queue full), 2 matched, 1 recognitions"), detail);
        RecognitionStatus figures = recognition.figures();
        assertEquals(List.of(0L, 0L, 2L, 1L, 1L), List.of(figures.queuedFaces(), figures.droppedFaces(), figures.matchedFaces(),
                figures.recognitions(), figures.alertsRaised()));
    }

    @Test
    void withoutWatchlistsNothingIsQueued() {
        recognition.onFaces(frame(T0, List.of(), face(1, 0.9f, T0)));
        assertTrue(recognition.status().detail().startsWith("no watchlists running"), recognition.status().detail());
        assertTrue(recognition.status().detail().contains("0 faces queued"), recognition.status().detail());
        assertEquals(false, recognition.figures().matching());
        assertEquals(0, recognition.figures().queuedFaces());
    }

    @Test
    void aMatchTheAlertStoreCannotTakeIsCountedAndFailsTheStatus() {
        recognition.bind(matcher(), null);
        recognition.recognise(frame(T0, List.of(), face(1, 0.9f, T0)));
        assertEquals(ModuleStatus.Health.FAILED, recognition.status().health());
        recognition.bind(matcher(), store);
        store.failing = true;
        recognition.recognise(frame(T0, List.of(), face(2, 0.9f, T0)));
        assertTrue(recognition.status().detail().startsWith("2 recognitions could not be stored"), recognition.status().detail());
        assertEquals(2, recognition.figures().lostRecognitions());
        assertEquals(OptionalLong.empty(), recognition.figures().storedMaxMillis(), "nothing was stored");
    }
}

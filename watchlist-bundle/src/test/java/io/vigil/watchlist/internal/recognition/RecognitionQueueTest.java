package io.vigil.watchlist.internal.recognition;

import static io.vigil.watchlist.internal.recognition.RecognitionFixture.T0;
import static io.vigil.watchlist.internal.recognition.RecognitionFixture.face;
import static io.vigil.watchlist.internal.recognition.RecognitionFixture.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.face.FaceObservations;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RecognitionQueueTest {

    private static FaceObservations at(int second, List<Long> ended) {
        return frame(T0.plusSeconds(second), ended, face(second, 0.9f, T0.plusSeconds(second)));
    }

    @Test
    void whenFullTheOldestFramesFacesAreDroppedAndTheirEndedTracksKept() throws Exception {
        RecognitionQueue queue = new RecognitionQueue(2, Long.MAX_VALUE);
        queue.offer(at(1, List.of(7L)), 0);
        queue.offer(at(2, List.of()), 0);
        queue.offer(at(3, List.of()), 0);
        assertEquals(1, queue.droppedFaces());
        assertEquals(2, queue.faces());
        FaceObservations first = queue.take(0, TimeUnit.SECONDS).faces();
        assertEquals(List.of(7L), first.endedTracks(), "the dropped frame's ended track comes first");
        assertTrue(first.faces().isEmpty(), "its faces are gone");
        assertEquals(T0.plusSeconds(2), queue.take(0, TimeUnit.SECONDS).faces().captureTime());
        assertEquals(T0.plusSeconds(3), queue.take(0, TimeUnit.SECONDS).faces().captureTime());
        assertNull(queue.take(10, TimeUnit.MILLISECONDS));
    }

    @Test
    void theBytesOfTheRegionsBoundTheQueueButOneFrameAlwaysFits() throws Exception {
        long oneRegion = face(1, 0.9f, T0).surroundings().pixels().pixels().capacity();
        RecognitionQueue queue = new RecognitionQueue(100, oneRegion + 1);
        queue.offer(at(1, List.of()), 0);
        queue.offer(at(2, List.of()), 0);
        assertEquals(1, queue.droppedFaces());
        assertEquals(1, queue.faces());
        assertEquals(T0.plusSeconds(2), queue.take(0, TimeUnit.SECONDS).faces().captureTime());
        RecognitionQueue tiny = new RecognitionQueue(100, 1);
        tiny.offer(at(1, List.of()), 0);
        assertEquals(1, tiny.faces(), "a frame larger than the bound still waits when nothing else does");
    }
}

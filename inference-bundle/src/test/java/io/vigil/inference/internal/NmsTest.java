package io.vigil.inference.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NmsTest {

    @Test
    void theBestOfOverlappingBoxesStaysAndSeparateFacesAllStay() {
        Detection a = new Detection(100, 100, 200, 200, 0.80f);
        Detection aBetter = new Detection(105, 102, 205, 202, 0.95f); // IoU with a ~0.87
        Detection aWorse = new Detection(95, 98, 195, 198, 0.75f);
        Detection b = new Detection(400, 100, 480, 180, 0.72f); // far away
        Detection touchingA = new Detection(180, 100, 280, 200, 0.90f); // IoU with aBetter 0.25/1.75 ~ 0.14

        List<Detection> kept = Nms.suppress(List.of(a, b, aWorse, touchingA, aBetter), 0.4f);

        assertEquals(List.of(aBetter, touchingA, b), kept, "best first, overlapping weaker boxes dropped");
    }

    @Test
    void theLimitIsOnIntersectionOverUnion() {
        // two 100x100 boxes shifted by 50: IoU = 5000 / 15000 = 1/3
        Detection first = new Detection(0, 0, 100, 100, 0.9f);
        Detection second = new Detection(50, 0, 150, 100, 0.8f);
        assertEquals(1f / 3, first.iou(second), 1e-6);
        assertEquals(List.of(first, second), Nms.suppress(List.of(second, first), 0.4f));
        assertEquals(List.of(first), Nms.suppress(List.of(second, first), 0.3f));
    }

    @Test
    void aBoxInsideABiggerOneIsKeptWhenTheirIouIsLow() {
        // NMS is by IoU only: a small box inside a big one (IoU 0.04) survives; FaceFinder handles
        // tile boxes inside whole-image faces separately
        Detection big = new Detection(0, 0, 200, 200, 0.9f);
        Detection inside = new Detection(50, 50, 90, 90, 0.95f);
        List<Detection> kept = Nms.suppress(List.of(big, inside), 0.4f);
        assertEquals(List.of(inside, big), kept);
        assertTrue(Nms.suppress(List.of(), 0.4f).isEmpty());
    }
}

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
    void aBoxMostlyInsideAStrongerOneIsDroppedThoughTheirIouIsLow() {
        // the nested case of a tight grey crop: the face fills the image and the detector adds a
        // small box on the nose or an eye; their IoU is 0.04, far under any IoU limit
        Detection face = new Detection(0, 0, 150, 150, 0.99f);
        Detection inside = new Detection(55, 60, 94, 100, 0.76f);
        assertEquals(0.069, inside.iou(face), 1e-3);
        assertEquals(1.0, inside.intersectionOverSmaller(face), 1e-6);
        assertEquals(List.of(face), Nms.suppress(List.of(inside, face), 0.4f));

        // mostly inside: 60% of the small box lies in the face
        Detection overlapping = new Detection(126, 60, 166, 100, 0.8f);
        assertEquals(List.of(face), Nms.suppress(List.of(face, overlapping), 0.4f));
        // under half of it inside: a neighbour's face, kept
        Detection neighbour = new Detection(134, 60, 174, 100, 0.8f);
        assertEquals(List.of(face, neighbour), Nms.suppress(List.of(neighbour, face), 0.4f));

        // the stronger box stays whichever is the larger: the rule is about the smaller box's share
        Detection strongInside = new Detection(50, 50, 90, 90, 0.95f);
        Detection weakOuter = new Detection(0, 0, 200, 200, 0.9f);
        assertEquals(List.of(strongInside), Nms.suppress(List.of(weakOuter, strongInside), 0.4f));
        assertTrue(Nms.suppress(List.of(), 0.4f).isEmpty());
    }
}

package io.vigil.inference.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DetectionPlanTest {

    private static final int W = 1920;
    private static final int H = 1080;

    /** The whole 1080p frame fits the 320x240 input at 1/6. */
    private static final double WHOLE_SCALE = 320.0 / W;

    /** The largest face the whole-frame pass may miss: 20 detector pixels, 120 frame pixels. */
    private static final double LARGEST_MISSED = DetectionPlan.SMALLEST_INPUT_FACE / WHOLE_SCALE;

    @Test
    void a1080pFrameWithMinimumFace40GetsTheWholeFrameThenOverlappingTilesCoveringIt() {
        List<DetectionRegion> regions = DetectionPlan.regions(W, H, 40, false);

        DetectionRegion whole = regions.get(0);
        assertEquals(0, whole.x());
        assertEquals(0, whole.y());
        assertEquals(WHOLE_SCALE, whole.scale(), 1e-12);
        assertEquals(Double.MAX_VALUE, whole.maxFace());

        List<DetectionRegion> tiles = regions.subList(1, regions.size());
        System.out.printf("1080p, min face 40: %d tiles of %.0fx%.0f at scale %.2f, largest face the tiles look for %.0f%n",
                tiles.size(), tiles.get(0).width(), tiles.get(0).height(), tiles.get(0).scale(), tiles.get(0).maxFace());
        assertEquals(12, tiles.size(), "4 columns x 3 rows");
        for (DetectionRegion t : tiles) {
            // the 40 px minimum face reaches the detector's 20 px in a tile
            assertEquals(DetectionPlan.SMALLEST_INPUT_FACE, 40 * t.scale(), 1e-9);
            assertTrue(t.x() >= 0 && t.y() >= 0 && t.x() + t.width() <= W + 1e-9 && t.y() + t.height() <= H + 1e-9,
                    "tile inside the frame: " + t);
            assertTrue(t.maxFace() >= LARGEST_MISSED, "tiles look for every face the whole pass may miss: " + t);
        }

        // every pixel of the frame lies in some tile
        for (int y = 0; y < H; y += 7) {
            for (int x = 0; x < W; x += 7) {
                assertTrue(inSomeTile(tiles, x + 0.5, y + 0.5), "pixel " + x + "," + y + " in no tile");
            }
        }
        assertTrue(inSomeTile(tiles, W - 0.5, H - 0.5));

        // neighbouring tiles overlap by at least the largest face the whole pass misses
        double minOverlap = Double.MAX_VALUE;
        for (DetectionRegion a : tiles) {
            for (DetectionRegion b : tiles) {
                if (a.y() == b.y() && b.x() > a.x() && isNextColumn(tiles, a, b)) {
                    minOverlap = Math.min(minOverlap, a.x() + a.width() - b.x());
                }
                if (a.x() == b.x() && b.y() > a.y() && isNextRow(tiles, a, b)) {
                    minOverlap = Math.min(minOverlap, a.y() + a.height() - b.y());
                }
            }
        }
        System.out.printf("narrowest overlap between neighbouring tiles %.1f px; whole pass misses faces up to %.0f px%n",
                minOverlap, LARGEST_MISSED);
        assertTrue(minOverlap >= LARGEST_MISSED, "overlap " + minOverlap + " < " + LARGEST_MISSED);
    }

    @Test
    void everyFaceTheWholePassMayMissLiesWholeInSomeTileAwayFromItsInnerEdges() {
        List<DetectionRegion> tiles = DetectionPlan.regions(W, H, 40, false).subList(1, 13);
        int size = (int) Math.ceil(LARGEST_MISSED);
        for (int y = 0; y + size <= H; y += 5) {
            for (int x = 0; x + size <= W; x += 5) {
                Detection face = new Detection(x, y, x + size, y + size, 1);
                boolean seen = false;
                for (DetectionRegion t : tiles) {
                    // the margin FaceFinder uses for a box touching an inner edge
                    if (!t.cutsOff(face, 2 / t.scale()) && face.x1() >= t.x() && face.y1() >= t.y()
                            && face.x2() <= t.x() + t.width() && face.y2() <= t.y() + t.height()) {
                        seen = true;
                        break;
                    }
                }
                assertTrue(seen, "a " + size + " px face at " + x + "," + y + " is cut by every tile");
            }
        }
    }

    @Test
    void tileEdgesAtTheFrameBorderAreNotInnerEdges() {
        List<DetectionRegion> tiles = DetectionPlan.regions(W, H, 40, false).subList(1, 13);
        for (DetectionRegion t : tiles) {
            assertEquals(t.x() > 0, t.innerLeft(), t.toString());
            assertEquals(t.y() > 0, t.innerTop(), t.toString());
            assertEquals(t.x() + t.width() < W - 1e-6, t.innerRight(), t.toString());
            assertEquals(t.y() + t.height() < H - 1e-6, t.innerBottom(), t.toString());
        }
    }

    @Test
    void aSmallImageIsSeenWholeWithoutTiles() {
        // 640x480 at 1/2: a 40 px face is 20 detector pixels, found by the whole pass
        List<DetectionRegion> regions = DetectionPlan.regions(640, 480, 40, false);
        assertEquals(List.of(DetectionRegion.whole(0, 0, 0.5)), regions);
        assertEquals(1, DetectionPlan.regions(320, 240, 20, false).size());
        // a larger minimum face makes tiles unnecessary even at 1080p
        assertEquals(1, DetectionPlan.regions(W, H, 120, false).size());
        assertTrue(DetectionPlan.regions(W, H, 119, false).size() > 1);
    }

    @Test
    void aPhotoGetsASecondPassWithABorderAroundIt() {
        // 400x400 at 0.6: a 40 px face is 24 detector pixels, so no tiles
        List<DetectionRegion> regions = DetectionPlan.regions(400, 400, 40, true);
        assertEquals(2, regions.size(), "whole and padded, no tiles: " + regions);
        assertEquals(DetectionRegion.whole(0, 0, 0.6), regions.get(0));
        DetectionRegion padded = regions.get(1);
        assertEquals(Double.MAX_VALUE, padded.maxFace());
        assertFalse(padded.innerLeft() || padded.innerTop() || padded.innerRight() || padded.innerBottom());
        // 30% of the shorter side on every side, and the whole padded picture fits the detector
        assertEquals(-120, padded.x(), 1e-9);
        assertEquals(-120, padded.y(), 1e-9);
        assertEquals(240.0 / (400 * 1.6), padded.scale(), 1e-12);
        assertTrue(padded.x() + padded.width() >= 400 + 120 - 1e-9);
        assertTrue(padded.y() + padded.height() >= 400 + 120 - 1e-9);
        // a face filling the photo is then 150 of the detector's 240 rows instead of all of them
        assertEquals(150, 400 * padded.scale(), 1e-9);

        // video frames get no padded pass
        assertEquals(1, DetectionPlan.regions(400, 400, 40, false).size());
    }

    @Test
    void aWidePhotoIsPaddedByAShareOfItsShorterSideAllRound() {
        // 600x400: 120 px on every side (30% of 400), not 30% of each side: a face touching the
        // top edge of a landscape photo gets the same border as one touching its left edge
        DetectionRegion padded = DetectionPlan.regions(600, 400, 40, true).get(1);
        assertEquals(-120, padded.x(), 1e-9);
        assertEquals(-120, padded.y(), 1e-9);
        assertEquals(Math.min(320.0 / 840, 240.0 / 640), padded.scale(), 1e-12);
        assertTrue(padded.x() + padded.width() >= 600 + 120 - 1e-9);
        assertTrue(padded.y() + padded.height() >= 400 + 120 - 1e-9);
    }

    private static boolean inSomeTile(List<DetectionRegion> tiles, double x, double y) {
        for (DetectionRegion t : tiles) {
            if (x >= t.x() && y >= t.y() && x <= t.x() + t.width() && y <= t.y() + t.height()) {
                return true;
            }
        }
        return false;
    }

    private static boolean isNextColumn(List<DetectionRegion> tiles, DetectionRegion a, DetectionRegion b) {
        return tiles.stream().noneMatch(t -> t.y() == a.y() && t.x() > a.x() && t.x() < b.x());
    }

    private static boolean isNextRow(List<DetectionRegion> tiles, DetectionRegion a, DetectionRegion b) {
        return tiles.stream().noneMatch(t -> t.x() == a.x() && t.y() > a.y() && t.y() < b.y());
    }
}

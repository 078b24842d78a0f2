package io.vigil.inference.internal;

import io.vigil.api.face.BoundingBox;
import io.vigil.api.face.FrameRegion;
import io.vigil.api.media.BgrImage;
import java.nio.ByteBuffer;

/**
 * Copies the part of a frame around a face that recognition cuts evidence from, because the
 * frame's buffer is reused once analysis returns while recognition runs later on its own thread.
 * Only faces offered for matching are copied (a few per track), rows at a time; the copy stays in
 * memory and is dropped with the face when it matches nothing.
 */
final class FaceSurroundings {

    /** The face box grown by this much of its size on every side: the reviewer's wider view. */
    static final float MARGIN = 1.5f;

    private FaceSurroundings() {
    }

    static FrameRegion of(BgrImage frame, BoundingBox face) {
        int x0 = clamp(Math.round(face.x() - MARGIN * face.width()), frame.width() - 1);
        int y0 = clamp(Math.round(face.y() - MARGIN * face.height()), frame.height() - 1);
        int x1 = clamp(Math.round(face.x() + face.width() * (1 + MARGIN)), frame.width());
        int y1 = clamp(Math.round(face.y() + face.height() * (1 + MARGIN)), frame.height());
        int w = Math.max(1, x1 - x0);
        int h = Math.max(1, y1 - y0);
        byte[] copy = new byte[w * h * 3];
        ByteBuffer px = frame.pixels().duplicate();
        for (int y = 0; y < h; y++) {
            px.position((y0 + y) * frame.stride() + x0 * 3);
            px.get(copy, y * w * 3, w * 3);
        }
        return new FrameRegion(x0, y0, new BgrImage(w, h, w * 3, ByteBuffer.wrap(copy)));
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(max, v));
    }
}

package io.vigil.inference.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vigil.api.face.BoundingBox;
import io.vigil.api.face.FrameRegion;
import io.vigil.api.media.BgrImage;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class FaceSurroundingsTest {

    /** A frame whose every byte tells where it is, rows padded as decoders pad them. */
    private static BgrImage frame(int width, int height, int stride) {
        ByteBuffer px = ByteBuffer.allocateDirect(stride * height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                px.put(y * stride + x * 3, (byte) x);
                px.put(y * stride + x * 3 + 1, (byte) y);
                px.put(y * stride + x * 3 + 2, (byte) (x + y));
            }
        }
        return new BgrImage(width, height, stride, px);
    }

    @Test
    void copiesTheBoxGrownByOneAndAHalfOfItsSizeClippedToTheFrame() {
        BgrImage frame = frame(200, 120, 200 * 3 + 8);
        FrameRegion inside = FaceSurroundings.of(frame, new BoundingBox(80, 50, 20, 10));
        assertEquals(50, inside.x());
        assertEquals(35, inside.y());
        assertEquals(80, inside.pixels().width());
        assertEquals(40, inside.pixels().height());
        FrameRegion corner = FaceSurroundings.of(frame, new BoundingBox(180, 2, 20, 10));
        assertEquals(150, corner.x());
        assertEquals(0, corner.y());
        assertEquals(50, corner.pixels().width(), "clipped at the right edge");
        assertEquals(27, corner.pixels().height(), "clipped at the top");
        for (FrameRegion r : new FrameRegion[] {inside, corner}) {
            BgrImage p = r.pixels();
            for (int y = 0; y < p.height(); y++) {
                for (int x = 0; x < p.width(); x++) {
                    int at = y * p.stride() + x * 3;
                    assertEquals((byte) (r.x() + x), p.pixels().get(at));
                    assertEquals((byte) (r.y() + y), p.pixels().get(at + 1));
                    assertEquals((byte) (r.x() + x + r.y() + y), p.pixels().get(at + 2));
                }
            }
        }
    }
}

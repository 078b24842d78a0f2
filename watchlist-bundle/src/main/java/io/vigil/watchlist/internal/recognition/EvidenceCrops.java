package io.vigil.watchlist.internal.recognition;

import io.vigil.api.alert.RecognitionEvidence;
import io.vigil.api.face.BoundingBox;
import io.vigil.api.face.FrameRegion;
import io.vigil.api.face.ObservedFace;
import io.vigil.api.media.BgrImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * The pictures a reviewer judges a recognition by: the face with a margin and the wider region of
 * the frame that inference handed over with it, JPEG-encoded in memory. Made only for matches. The writer's output stream is an
 * explicit memory cache: ImageIO's default stream would spill to a temporary file, and a face must
 * not touch the disk outside the encrypted alert store.
 */
final class EvidenceCrops {

    static final float QUALITY = 0.9f;

    private EvidenceCrops() {
    }

    /** The face box grown by this much of its size on every side. */
    static final float FACE_MARGIN = 0.3f;

    static RecognitionEvidence of(ObservedFace face) {
        FrameRegion region = face.surroundings();
        BoundingBox box = face.observation().box();
        // the box in the region's pixels; the region's corner is whole pixels, so the crop is the one the frame gives
        BoundingBox inRegion = new BoundingBox(box.x() - region.x(), box.y() - region.y(), box.width(), box.height());
        BgrImage pixels = region.pixels();
        return new RecognitionEvidence(jpeg(pixels, inRegion, FACE_MARGIN), jpeg(pixels, 0, 0, pixels.width(), pixels.height()));
    }

    /** The face box grown by {@code margin} of its size on every side, clipped to the image. */
    static byte[] jpeg(BgrImage frame, BoundingBox face, float margin) {
        int x0 = clamp(Math.round(face.x() - margin * face.width()), frame.width());
        int y0 = clamp(Math.round(face.y() - margin * face.height()), frame.height());
        int x1 = clamp(Math.round(face.x() + face.width() * (1 + margin)), frame.width());
        int y1 = clamp(Math.round(face.y() + face.height() * (1 + margin)), frame.height());
        return jpeg(frame, x0, y0, x1, y1);
    }

    private static byte[] jpeg(BgrImage frame, int x0, int y0, int x1, int y1) {
        int w = Math.max(1, x1 - x0);
        int h = Math.max(1, y1 - y0);
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        ByteBuffer px = frame.pixels();
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            int p = (y0 + y) * frame.stride() + x0 * 3;
            for (int x = 0; x < w; x++, p += 3) {
                row[x] = (px.get(p + 2) & 0xff) << 16 | (px.get(p + 1) & 0xff) << 8 | (px.get(p) & 0xff);
            }
            image.setRGB(0, y, w, 1, row, 0, w);
        }
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(QUALITY);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding to memory cannot fail this way", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(max, v));
    }
}

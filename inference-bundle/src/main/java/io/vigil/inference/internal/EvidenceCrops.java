package io.vigil.inference.internal;

import io.vigil.api.alert.RecognitionEvidence;
import io.vigil.api.face.BoundingBox;
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
 * The pictures a reviewer judges a recognition by: the face with a margin and a wider region of
 * the frame, JPEG-encoded in memory. Made only for matches. The writer's output stream is an
 * explicit memory cache: ImageIO's default stream would spill to a temporary file, and a face must
 * not touch the disk outside the encrypted alert store.
 */
final class EvidenceCrops {

    static final float QUALITY = 0.9f;

    private EvidenceCrops() {
    }

    static RecognitionEvidence of(BgrImage frame, BoundingBox face) {
        return new RecognitionEvidence(jpeg(frame, face, 0.3f), jpeg(frame, face, 1.5f));
    }

    /** The face box grown by {@code margin} of its size on every side, clipped to the frame. */
    static byte[] jpeg(BgrImage frame, BoundingBox face, float margin) {
        int x0 = clamp(Math.round(face.x() - margin * face.width()), frame.width());
        int y0 = clamp(Math.round(face.y() - margin * face.height()), frame.height());
        int x1 = clamp(Math.round(face.x() + face.width() * (1 + margin)), frame.width());
        int y1 = clamp(Math.round(face.y() + face.height() * (1 + margin)), frame.height());
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

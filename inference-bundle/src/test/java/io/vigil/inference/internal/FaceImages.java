package io.vigil.inference.internal;

import io.vigil.api.face.AnalysedFace;
import io.vigil.api.face.BoundingBox;
import io.vigil.api.media.BgrImage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** Test photos as {@link BufferedImage}s for java.awt edits, and back to {@link BgrImage}. */
final class FaceImages {

    private FaceImages() {
    }

    /** A face of the ground truth: where it is in its photo. */
    record Known(String name, Path photo, Detection box) {
        double centreX() {
            return (box.x1() + box.x2()) / 2;
        }

        double centreY() {
            return (box.y1() + box.y2()) / 2;
        }
    }

    static Known astronaut() {
        return known("astronaut.png", 0, TestImages.astronaut());
    }

    static Known sample(int n, int index) {
        return known("sample" + n + ".jpg", index, TestImages.sample(n));
    }

    private static Known known(String photo, int index, Path file) {
        for (GroundTruth.Face f : GroundTruth.load().faces()) {
            if (f.photo().equals(photo) && f.index() == index) {
                return new Known(f.name(), file, f.asDetection());
            }
        }
        throw new AssertionError(photo + "#" + index + " is not in the ground truth");
    }

    static BufferedImage read(Path file) {
        try {
            BufferedImage decoded = ImageIO.read(file.toFile());
            BufferedImage bgr = new BufferedImage(decoded.getWidth(), decoded.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
            bgr.createGraphics().drawImage(decoded, 0, 0, null);
            return bgr;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BgrImage bgr(BufferedImage image) {
        try {
            return ImageFiles.toBgr(image, "test image");
        } catch (ImageFiles.ImageException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    static Detection box(AnalysedFace face) {
        BoundingBox b = face.box();
        return new Detection(b.x(), b.y(), b.x() + b.width(), b.y() + b.height(), face.quality().detectorScore());
    }

    /** The face whose box centre is nearest to (x, y), or null when there is none. */
    static AnalysedFace nearest(List<AnalysedFace> faces, double x, double y) {
        AnalysedFace best = null;
        double bestDistance = Double.MAX_VALUE;
        for (AnalysedFace f : faces) {
            Detection d = box(f);
            double distance = Math.hypot((d.x1() + d.x2()) / 2 - x, (d.y1() + d.y2()) / 2 - y);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = f;
            }
        }
        return best;
    }
}

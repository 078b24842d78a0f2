package io.vigil.inference.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.face.AnalysedFace;
import io.vigil.api.face.FaceAnalyzer.Source;
import io.vigil.api.media.BgrImage;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Faces of 40-60 px pasted into a 1080p frame, as a face far from a CCTV camera is: the default
 * video path (minimum face 40) finds them through its tiles; the whole-frame pass alone, where
 * they are 7-10 detector pixels, does not.
 */
class SmallFaceTest {

    private static final int W = 1920;
    private static final int H = 1080;

    private static FaceModels models;
    private static FacePipeline pipeline;
    private static BgrImage frame;
    private static final List<Detection> PASTED = new ArrayList<>();
    private static final List<String> NAMES = new ArrayList<>();

    @BeforeAll
    static void buildFrame() {
        models = FaceModels.load(TestImages.models(), RuntimeChoice.choose(RuntimeChoice.Request.CPU, Set.of(), false, 1), 1);
        pipeline = new FacePipeline(models, InferenceOptions.defaults(), new RejectionCounts());

        // a grey, unevenly lit, noisy background (sensor noise of a dim scene)
        BufferedImage canvas = new BufferedImage(W, H, BufferedImage.TYPE_3BYTE_BGR);
        Random random = new Random(3);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int level = (int) (70 + 50.0 * x / W + 30.0 * y / H + 8 * random.nextGaussian());
                level = Math.max(0, Math.min(255, level));
                canvas.setRGB(x, y, level << 16 | level << 8 | level);
            }
        }
        Graphics2D g = canvas.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        // face boxes about 50 px; the astronaut straddles the edges of the first tile column and
        // row (x 640, y 480), so only the neighbouring tiles see her whole
        paste(g, FaceImages.astronaut(), 0.5, 610, 455);
        paste(g, FaceImages.sample(1, 2), 0.25, 1300, 160);
        paste(g, FaceImages.sample(3, 1), 0.2, 260, 860);
        paste(g, FaceImages.sample(5, 0), 0.3, 1650, 900);
        g.dispose();
        frame = FaceImages.bgr(canvas);
    }

    /**
     * Draws the face's surroundings (twice its box) scaled by {@code scale} with the face box's
     * top-left corner at (x, y), and records where the face box lands.
     */
    private static void paste(Graphics2D g, FaceImages.Known face, double scale, int x, int y) {
        BufferedImage photo = FaceImages.read(face.photo());
        Detection b = face.box();
        int sx = (int) Math.max(0, b.x1() - b.width() / 2);
        int sy = (int) Math.max(0, b.y1() - b.height() / 2);
        int sw = (int) Math.min(photo.getWidth() - sx, 2 * b.width());
        int sh = (int) Math.min(photo.getHeight() - sy, 2 * b.height());
        double dx = x - (b.x1() - sx) * scale;
        double dy = y - (b.y1() - sy) * scale;
        g.drawImage(photo.getSubimage(sx, sy, sw, sh), (int) Math.round(dx), (int) Math.round(dy),
                (int) Math.round(sw * scale), (int) Math.round(sh * scale), null);
        Detection pasted = new Detection(x, y, (float) (x + b.width() * scale), (float) (y + b.height() * scale), 1);
        PASTED.add(pasted);
        NAMES.add(face.name());
    }

    @AfterAll
    static void close() {
        models.close();
    }

    @Test
    void theVideoPathFindsEverySmallFace() {
        List<AnalysedFace> faces = pipeline.analyse(frame, Source.VIDEO_FRAME);
        StringBuilder report = new StringBuilder();
        int found = 0;
        float[] astronautSmall = null;
        for (int i = 0; i < PASTED.size(); i++) {
            Detection truth = PASTED.get(i);
            AnalysedFace best = null;
            float bestIou = 0;
            for (AnalysedFace f : faces) {
                float iou = FaceImages.box(f).iou(truth);
                if (iou > bestIou) {
                    bestIou = iou;
                    best = f;
                }
            }
            report.append(String.format("  %s pasted %.0fx%.0f: IoU %.2f, %s%n", NAMES.get(i), truth.width(), truth.height(),
                    bestIou, best == null ? "not found" : best.quality() + " " + best.rejection()));
            if (bestIou >= 0.5f && best.embedding().isPresent()) {
                found++;
            }
            if (i == 0 && best != null && best.embedding().isPresent()) {
                astronautSmall = best.embedding().get().vector();
            }
        }
        // the 44x55 astronaut is still the astronaut of the 512x512 photo
        AnalysedFace original = pipeline.analyse(TestImages.read(TestImages.astronaut()), Source.PHOTO).get(0);
        float cosine = astronautSmall == null ? -1 : FaceEmbedder.cosine(astronautSmall, original.embedding().get().vector());
        report.append(String.format("  small astronaut vs the 512x512 photo: cosine %.3f (threshold %.2f)%n",
                cosine, FaceModels.CALIBRATED_THRESHOLD));
        System.out.printf("small faces in 1080p, video path: %d/%d found, %d boxes in all%n%s", found, PASTED.size(),
                faces.size(), report);
        // measured: all 4 found with IoU 0.83-0.90 and embedded (none refused by the quality gate);
        // the small astronaut against her 512x512 photo: cosine 0.957
        assertEquals(PASTED.size(), found, "found (IoU >= 0.5) and embedded");
        assertTrue(cosine >= FaceModels.CALIBRATED_THRESHOLD, "small astronaut vs photo " + cosine);
    }

    @Test
    void theWholeFramePassAloneMissesThem() {
        // a minimum face of 200 px needs no tiles: one pass over the frame scaled to 320x180
        assertEquals(1, DetectionPlan.regions(W, H, 200, false).size());
        InferenceOptions o = InferenceOptions.defaults();
        List<Detection> whole = new FaceFinder(models.detector(), o.detectionScore(), o.nmsIou()).find(frame, 200, false);
        float highest = 0;
        for (Detection truth : PASTED) {
            for (Detection d : whole) {
                highest = Math.max(highest, d.iou(truth));
            }
        }
        System.out.printf("small faces in 1080p, whole-frame pass only: %d boxes, highest IoU with a pasted face %.2f%n",
                whole.size(), highest);
        assertTrue(highest < 0.1f, "the whole-frame pass found a pasted face: IoU " + highest);
    }
}

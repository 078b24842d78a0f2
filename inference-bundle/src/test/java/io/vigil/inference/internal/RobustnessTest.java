package io.vigil.inference.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.face.AnalysedFace;
import io.vigil.api.face.FaceAnalyzer.Source;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RobustnessTest {

    /**
     * Lowest cosine of a modified copy to its original. Measured (astronaut / sample1#2 /
     * sample3#1): rotated +12 deg 0.992 / 0.942 / 0.981, -12 deg 0.988 / 0.992 / 0.995,
     * scaled 0.6x 0.981 / 0.998 / 0.996, 1.5x 0.996 / 0.999 / 1.000, shifted 0.998 / 0.986 / 0.990,
     * JPEG quality 0.5 0.980 / 0.992 / 0.991: lowest 0.942.
     */
    static final float SAME_FACE = 0.90f;

    private static FaceModels models;
    private static FacePipeline pipeline;
    /** Per person: the original's embedding first, then those of its modified copies. */
    private static final Map<String, Map<String, float[]>> EMBEDDINGS = new LinkedHashMap<>();

    @BeforeAll
    static void embedAll() throws IOException {
        models = FaceModels.load(TestImages.models(), RuntimeChoice.choose(RuntimeChoice.Request.CPU, Set.of(), false, 1), 1);
        pipeline = new FacePipeline(models, InferenceOptions.defaults(), new RejectionCounts());
        // three different people: the astronaut, and one face each of sample1 and sample3
        for (Picture p : List.of(picture(FaceImages.astronaut(), false), picture(FaceImages.sample(1, 2), true),
                picture(FaceImages.sample(3, 1), true))) {
            Map<String, float[]> versions = new LinkedHashMap<>();
            versions.put(p.name, embed(p));
            for (Picture v : variants(p)) {
                versions.put(v.name, embed(v));
            }
            EMBEDDINGS.put(p.name, versions);
        }
    }

    @AfterAll
    static void close() {
        models.close();
    }

    /** A picture with one known face, and where that face is in it. */
    record Picture(String name, BufferedImage image, double faceX, double faceY) {
    }

    @Test
    void rotatedScaledShiftedAndRecompressedFacesEmbedCloseToTheOriginal() {
        float lowest = 1;
        StringBuilder report = new StringBuilder();
        for (Map<String, float[]> versions : EMBEDDINGS.values()) {
            float[] original = versions.values().iterator().next();
            versions.forEach((name, e) -> {
                if (e != original) {
                    report.append(String.format("  %-32s cosine to original %.3f%n", name, FaceEmbedder.cosine(original, e)));
                }
            });
            for (float[] e : versions.values()) {
                lowest = Math.min(lowest, FaceEmbedder.cosine(original, e));
            }
        }
        System.out.printf("robustness: lowest cosine of a modified face to its original %.3f (bound %.2f)%n%s",
                lowest, SAME_FACE, report);
        assertTrue(lowest >= SAME_FACE, "lowest cosine " + lowest);
    }

    @Test
    void otherPeopleStayBelowTheCalibratedThresholdWhateverWasDoneToTheirPhotos() {
        float highest = -1;
        String pair = "";
        List<String> people = new ArrayList<>(EMBEDDINGS.keySet());
        for (int i = 0; i < people.size(); i++) {
            for (int j = i + 1; j < people.size(); j++) {
                for (var a : EMBEDDINGS.get(people.get(i)).entrySet()) {
                    for (var b : EMBEDDINGS.get(people.get(j)).entrySet()) {
                        float c = FaceEmbedder.cosine(a.getValue(), b.getValue());
                        if (c > highest) {
                            highest = c;
                            pair = a.getKey() + " / " + b.getKey();
                        }
                    }
                }
            }
        }
        System.out.printf("robustness: highest cosine between different people %.3f (%s), threshold %.2f%n",
                highest, pair, FaceModels.CALIBRATED_THRESHOLD);
        assertTrue(highest < FaceModels.CALIBRATED_THRESHOLD, "different people at " + highest + ": " + pair);
    }

    private static float[] embed(Picture p) {
        List<AnalysedFace> faces = pipeline.analyse(FaceImages.bgr(p.image), Source.PHOTO);
        AnalysedFace face = FaceImages.nearest(faces, p.faceX, p.faceY);
        assertNotNull(face, p.name + ": no face");
        Detection d = FaceImages.box(face);
        assertTrue(Math.hypot((d.x1() + d.x2()) / 2 - p.faceX, (d.y1() + d.y2()) / 2 - p.faceY) < 0.25 * d.width(),
                p.name + ": face not where it was put " + d + " " + p.faceX + "," + p.faceY);
        assertTrue(face.embedding().isPresent(), p.name + ": refused " + face.rejection() + " " + face.quality());
        return face.embedding().get().vector();
    }

    /** The photo, or for a group photo a square around the face 2.5 times its size. */
    private static Picture picture(FaceImages.Known known, boolean crop) {
        BufferedImage photo = FaceImages.read(known.photo());
        if (!crop) {
            return new Picture(known.name(), photo, known.centreX(), known.centreY());
        }
        int side = (int) (2.5 * Math.max(known.box().width(), known.box().height()));
        int x = (int) Math.max(0, Math.min(photo.getWidth() - side, known.centreX() - side / 2.0));
        int y = (int) Math.max(0, Math.min(photo.getHeight() - side, known.centreY() - side / 2.0));
        BufferedImage square = new BufferedImage(side, side, BufferedImage.TYPE_3BYTE_BGR);
        square.createGraphics().drawImage(photo.getSubimage(x, y, side, side), 0, 0, null);
        return new Picture(known.name(), square, known.centreX() - x, known.centreY() - y);
    }

    private static List<Picture> variants(Picture p) throws IOException {
        List<Picture> out = new ArrayList<>();
        for (double degrees : new double[] {12, -12}) {
            out.add(warp(p, p.name + " rotated " + degrees, p.image.getWidth(), p.image.getHeight(),
                    AffineTransform.getRotateInstance(Math.toRadians(degrees), p.faceX, p.faceY)));
        }
        for (double s : new double[] {0.6, 1.5}) {
            out.add(warp(p, p.name + " scaled " + s, (int) Math.round(p.image.getWidth() * s),
                    (int) Math.round(p.image.getHeight() * s), AffineTransform.getScaleInstance(s, s)));
        }
        out.add(warp(p, p.name + " shifted 37,-23", p.image.getWidth(), p.image.getHeight(),
                AffineTransform.getTranslateInstance(37, -23)));
        out.add(new Picture(p.name + " jpeg 0.5", jpeg(p.image, 0.5f), p.faceX, p.faceY));
        return out;
    }

    private static Picture warp(Picture p, String name, int width, int height, AffineTransform t) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, width, height);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(p.image, t, null);
        g.dispose();
        Point2D face = t.transform(new Point2D.Double(p.faceX, p.faceY), null);
        return new Picture(name, out, face.getX(), face.getY());
    }

    private static BufferedImage jpeg(BufferedImage image, float quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return ImageIO.read(new ByteArrayInputStream(bytes.toByteArray()));
    }
}

package io.vigil.inference.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.face.AnalysedFace;
import io.vigil.api.face.FaceAnalyzer.Source;
import io.vigil.api.media.BgrImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real models on the annotated sample photos: every annotated face is found, and the shipped
 * threshold separates the same-person pairs from the different-person pairs with a margin.
 */
class GroundTruthTest {

    /** Minimum distance of every pair's cosine from the threshold. */
    static final float MARGIN = 0.05f;

    private static FaceModels models;
    private static FacePipeline pipeline;
    private static final GroundTruth TRUTH = GroundTruth.load();
    private static final Map<GroundTruth.Face, AnalysedFace> FOUND = new LinkedHashMap<>();

    @BeforeAll
    static void analyseAll() {
        models = FaceModels.load(TestImages.models(), RuntimeChoice.choose(RuntimeChoice.Request.CPU, java.util.Set.of(), false, 1), 1);
        pipeline = new FacePipeline(models, InferenceOptions.defaults(), new RejectionCounts());
        for (String photo : TRUTH.photos()) {
            Path file = photo.equals("astronaut.png") ? TestImages.astronaut()
                    : TestImages.sample(Integer.parseInt(photo.replaceAll("\\D", "")));
            BgrImage image = TestImages.read(file);
            List<AnalysedFace> faces = pipeline.analyse(image, Source.PHOTO);
            for (GroundTruth.Face truth : TRUTH.faces()) {
                if (!truth.photo().equals(photo)) {
                    continue;
                }
                AnalysedFace best = null;
                float bestIou = 0;
                for (AnalysedFace f : faces) {
                    var b = f.box();
                    float iou = truth.asDetection().iou(new Detection(b.x(), b.y(), b.x() + b.width(), b.y() + b.height(), 1));
                    if (iou > bestIou) {
                        bestIou = iou;
                        best = f;
                    }
                }
                if (bestIou >= 0.5f) {
                    FOUND.put(truth, best);
                }
            }
        }
    }

    @AfterAll
    static void close() {
        models.close();
    }

    @Test
    void everyAnnotatedFaceIsFound() {
        List<String> missed = new ArrayList<>();
        for (GroundTruth.Face f : TRUTH.faces()) {
            if (!FOUND.containsKey(f)) {
                missed.add(f.name());
            }
        }
        assertTrue(missed.isEmpty(), "annotated faces not found: " + missed);
        assertEquals(23, TRUTH.faces().size());
    }

    @Test
    void shippedThresholdSeparatesSameFromDifferentPeopleWithAMargin() {
        float threshold = FaceModels.embeddingModelOf(FaceModelFile.EMBEDDER).calibratedThreshold();
        List<GroundTruth.Face> embedded = new ArrayList<>();
        for (var e : FOUND.entrySet()) {
            if (e.getValue().embedding().isPresent()) {
                embedded.add(e.getKey());
            }
        }
        float lowestSame = Float.MAX_VALUE;
        float highestDifferent = -Float.MAX_VALUE;
        int same = 0;
        int different = 0;
        int falseMatches = 0;
        double sum = 0;
        double sumSq = 0;
        StringBuilder report = new StringBuilder();
        for (int i = 0; i < embedded.size(); i++) {
            for (int j = i + 1; j < embedded.size(); j++) {
                GroundTruth.Face a = embedded.get(i);
                GroundTruth.Face b = embedded.get(j);
                float cos = FaceEmbedder.cosine(FOUND.get(a).embedding().get().vector(), FOUND.get(b).embedding().get().vector());
                if (TRUTH.unsure(a, b)) {
                    report.append(String.format("unsure (left out) %s %s %.3f%n", a.name(), b.name(), cos));
                    continue;
                }
                if (!a.person().equals(b.person()) && cos > threshold - 2 * MARGIN) {
                    report.append(String.format("different, closest %s %s %.3f%n", a.name(), b.name(), cos));
                }
                if (a.person().equals(b.person())) {
                    same++;
                    lowestSame = Math.min(lowestSame, cos);
                    report.append(String.format("same %s %s %.3f%n", a.name(), b.name(), cos));
                } else {
                    different++;
                    sum += cos;
                    sumSq += cos * cos;
                    highestDifferent = Math.max(highestDifferent, cos);
                    if (cos >= threshold) {
                        falseMatches++;
                    }
                }
            }
        }
        System.out.printf("ground truth: %d faces embedded of %d annotated; %d same-person pairs (lowest cosine %.3f), "
                        + "%d different-person pairs (highest cosine %.3f); threshold %.2f; false matches %d/%d (FMR %.4f)%n%s",
                embedded.size(), TRUTH.faces().size(), same, lowestSame, different, highestDifferent, threshold,
                falseMatches, different, different == 0 ? 0.0 : (double) falseMatches / different, report);
        double mean = sum / different;
        double sd = Math.sqrt(sumSq / different - mean * mean);
        System.out.printf("different-person cosines: mean %.4f, sd %.4f over %d pairs%n", mean, sd, different);
        // the figures ThresholdCalibration quotes for its normal-fit estimate
        assertEquals(0.046, mean, 0.01, "impostor mean");
        assertEquals(0.115, sd, 0.01, "impostor standard deviation");
        assertTrue(same >= 1, "the ground truth has same-person pairs");
        assertTrue(different >= 100, "the ground truth has enough different-person pairs: " + different);
        assertTrue(lowestSame >= threshold + MARGIN, "every same-person pair at least " + MARGIN + " above " + threshold
                + ": lowest " + lowestSame);
        assertTrue(highestDifferent <= threshold - MARGIN, "every different-person pair at least " + MARGIN + " below "
                + threshold + ": highest " + highestDifferent);
        assertFalse(falseMatches > 0);
    }
}

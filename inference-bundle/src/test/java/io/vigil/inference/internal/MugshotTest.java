package io.vigil.inference.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.face.AnalysedFace;
import io.vigil.api.face.FaceAnalyzer.Source;
import io.vigil.api.face.QualityRejection;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Photos as a force's own files hold them: custody and ID photos where the face fills a small grey
 * picture, and group photos. Each sample face cut square around its annotated box and resized to
 * 150x150 grey is exactly one face, which passes the gate unless it is a profile; each group photo
 * gives as many faces as it shows people.
 */
class MugshotTest {

    /** The near-profile of the samples (sample2, left), which the gate must keep refusing. */
    static final String PROFILE = "sample2.jpg#1";

    private static FaceModels models;
    private static FacePipeline pipeline;

    @BeforeAll
    static void load() {
        models = FaceModels.load(TestImages.models(), RuntimeChoice.choose(RuntimeChoice.Request.CPU, Set.of(), false, 1), 1);
        pipeline = new FacePipeline(models, InferenceOptions.defaults(), new RejectionCounts());
    }

    @AfterAll
    static void close() {
        models.close();
    }

    /** The square around a ground-truth face, its side the box's longer side, as 150x150 grey (still 3-byte BGR). */
    static BufferedImage greyCrop(BufferedImage photo, GroundTruth.Face f) {
        float side = Math.max(f.width(), f.height());
        int x = Math.round(f.x() + f.width() / 2 - side / 2);
        int y = Math.round(f.y() + f.height() / 2 - side / 2);
        BufferedImage grey = new BufferedImage(150, 150, BufferedImage.TYPE_BYTE_GRAY);
        var g = grey.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(photo, 0, 0, 150, 150, x, y, x + Math.round(side), y + Math.round(side), null);
        g.dispose();
        BufferedImage bgr = new BufferedImage(150, 150, BufferedImage.TYPE_3BYTE_BGR);
        bgr.createGraphics().drawImage(grey, 0, 0, null);
        return bgr;
    }

    static Path photo(String name) {
        return name.equals("astronaut.png") ? TestImages.astronaut()
                : TestImages.sample(Integer.parseInt(name.replaceAll("\\D", "")));
    }

    @Test
    void everyTightGreyCropIsExactlyOneFaceThatPassesTheGateUnlessItIsAProfile() {
        Map<String, String> wrong = new LinkedHashMap<>();
        int enrollable = 0;
        for (GroundTruth.Face f : GroundTruth.load().faces()) {
            List<AnalysedFace> faces = pipeline.analyse(FaceImages.bgr(greyCrop(FaceImages.read(photo(f.photo())), f)),
                    Source.PHOTO);
            if (faces.size() != 1) {
                wrong.put(f.name(), faces.size() + " faces: " + faces.stream().map(a -> a.box().toString()).toList());
                continue;
            }
            AnalysedFace face = faces.get(0);
            assertTrue(face.box().width() >= 75 && face.box().height() >= 110, f.name() + " is the whole face: " + face.box());
            Optional<QualityRejection> expected = f.name().equals(PROFILE) ? Optional.of(QualityRejection.POSE) : Optional.empty();
            if (!face.rejection().equals(expected)) {
                wrong.put(f.name(), "rejection " + face.rejection() + ", yaw " + face.quality().yawDegrees()
                        + ", pitch " + face.quality().pitchDegrees());
            }
            if (face.embedding().isPresent()) {
                enrollable++;
            }
        }
        assertTrue(wrong.isEmpty(), "crops not seen as one enrollable face: " + wrong);
        assertEquals(22, enrollable);
    }

    @Test
    void eachGroupPhotoGivesItsNumberOfPeopleAtTheGatesConfidence() {
        Map<String, Integer> people = new LinkedHashMap<>();
        for (GroundTruth.Face f : GroundTruth.load().faces()) {
            people.merge(f.photo(), 1, Integer::sum);
        }
        Map<String, Integer> found = new LinkedHashMap<>();
        for (String photo : people.keySet()) {
            // a patterned sleeve in sample4 scores 0.78 as a face: below the gate's confidence, it
            // is reported as low_score and counted by no one
            found.put(photo, (int) pipeline.analyse(TestImages.read(photo(photo)), Source.PHOTO).stream()
                    .filter(f -> !f.rejection().equals(Optional.of(QualityRejection.LOW_SCORE))).count());
        }
        assertEquals(people, found);
        assertEquals(List.of(1, 3, 3, 3, 4, 5, 4), new ArrayList<>(people.values()));
    }
}

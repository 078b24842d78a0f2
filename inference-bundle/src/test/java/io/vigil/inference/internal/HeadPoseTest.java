package io.vigil.inference.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.face.AnalysedFace;
import io.vigil.api.face.FaceAnalyzer.Source;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Head pose: exact on a generic head turned by known angles, and on sample faces whose direction
 * is known by eye (frontal, three-quarter to either side, a near-profile), each also mirrored,
 * which turns the same head the other way by the same angle.
 */
class HeadPoseTest {

    /**
     * The six model points as the landmark indices see them, nodded by pitch about the head's own
     * ear-to-ear axis, then turned by yaw about the camera's vertical.
     */
    private static float[][] turned(double yawDegrees, double pitchDegrees) {
        double[][] model = {{0, 0, 0}, {0, 330, 65}, {-225, -170, 135}, {225, -170, 135}, {-150, 150, 125}, {150, 150, 125}};
        double t = Math.toRadians(yawDegrees);
        double p = Math.toRadians(pitchDegrees);
        float[][] points = new float[68][];
        for (int i = 0; i < 68; i++) {
            points[i] = new float[] {0, 0};
        }
        for (int i = 0; i < model.length; i++) {
            double y = model[i][1] * Math.cos(p) - model[i][2] * Math.sin(p);
            double zNodded = model[i][1] * Math.sin(p) + model[i][2] * Math.cos(p);
            double x = model[i][0] * Math.cos(t) - zNodded * Math.sin(t);
            // a 150 px face at (400, 300)
            points[HeadPose.LANDMARKS[i]] = new float[] {(float) (400 + 0.3 * x), (float) (300 + 0.3 * y)};
        }
        return points;
    }

    @Test
    void aGenericHeadTurnedByKnownAnglesIsMeasuredAtThoseAngles() {
        for (double yaw : new double[] {-80, -45, -30, 0, 15, 30, 45, 80}) {
            for (double pitch : new double[] {-30, 0, 20}) {
                HeadPose pose = HeadPose.fit(turned(yaw, pitch));
                assertEquals(yaw, pose.yawDegrees(), 0.5, "yaw at " + yaw + "/" + pitch);
                assertEquals(pitch, pose.pitchDegrees(), 0.5, "pitch at " + yaw + "/" + pitch);
            }
        }
    }

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

    /** Yaw of a ground-truth face in its photo and in the mirrored photo. */
    private static float[] yaws(FaceImages.Known known) {
        BufferedImage photo = FaceImages.read(known.photo());
        int w = photo.getWidth();
        BufferedImage mirrored = new BufferedImage(w, photo.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        mirrored.createGraphics().drawImage(photo, w, 0, -w, photo.getHeight(), null);
        AnalysedFace face = FaceImages.nearest(pipeline.analyse(FaceImages.bgr(photo), Source.PHOTO),
                known.centreX(), known.centreY());
        AnalysedFace mirror = FaceImages.nearest(pipeline.analyse(FaceImages.bgr(mirrored), Source.PHOTO),
                w - known.centreX(), known.centreY());
        return new float[] {face.quality().yawDegrees(), mirror.quality().yawDegrees()};
    }

    @Test
    void sampleFacesOfKnownDirectionAndTheirMirrorImages() {
        Map<String, float[]> measured = new LinkedHashMap<>();
        // looking into the camera
        float[] frontal = yaws(FaceImages.astronaut());
        measured.put("frontal", frontal);
        // three-quarter views, both eyes visible, turned roughly 30-40 degrees: sample4's left
        // woman and sample5's second from left to the image right, sample1's left woman to the left
        float[] right1 = yaws(FaceImages.sample(4, 0));
        float[] right2 = yaws(FaceImages.sample(5, 1));
        float[] left = yaws(FaceImages.sample(1, 0));
        // sample2's left woman, seen nearly from the side, facing the image left
        float[] profile = yaws(FaceImages.sample(2, 1));
        measured.put("right1", right1);
        measured.put("right2", right2);
        measured.put("left", left);
        measured.put("profile", profile);
        StringBuilder report = new StringBuilder();
        measured.forEach((k, v) -> report.append(String.format("%s %.1f mirrored %.1f; ", k, v[0], v[1])));
        System.out.println("head pose yaw: " + report);

        assertTrue(Math.abs(frontal[0]) < 10 && Math.abs(frontal[1]) < 10, report.toString());
        for (float[] r : new float[][] {right1, right2}) {
            assertTrue(r[0] >= 20 && r[0] <= 45, "three-quarter to the right within the gate: " + report);
            assertTrue(r[1] <= -20 && r[1] >= -45, "mirrored, to the left within the gate: " + report);
        }
        assertTrue(left[0] <= -20 && left[0] >= -45 && left[1] >= 20 && left[1] <= 45, report.toString());
        assertTrue(profile[0] < -45 && profile[1] > 45, "the profile beyond the gate both ways: " + report);
        // a mirror image turns the head by the same angle the other way, within the landmarks' noise
        for (float[] v : measured.values()) {
            assertEquals(-v[0], v[1], 15, report.toString());
        }
    }
}

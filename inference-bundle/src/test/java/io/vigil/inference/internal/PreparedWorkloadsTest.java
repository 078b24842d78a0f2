package io.vigil.inference.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.bench.InferenceWorkloads.Engine;
import io.vigil.api.face.UnreadableImageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What vigil bench inference times, prepared on the real models: every stage runs on both engines, which agree. */
class PreparedWorkloadsTest {

    private static final RuntimeChoice CPU = RuntimeChoice.choose(RuntimeChoice.Request.CPU, Set.of(), false, 1);

    @TempDir
    Path dir;

    @Test
    void everyStageRunsOnBothEnginesAndTheyFindTheSameFaces() {
        try (PreparedWorkloads work = PreparedWorkloads.prepare(TestImages.models(), CPU, InferenceOptions.defaults(),
                List.of(TestImages.sample(3), TestImages.sample(1)))) {
            assertEquals(List.of("detector 320x240", "landmarks 64x64", "embedding 112x112"), work.models());
            for (int s = 0; s < work.models().size(); s++) {
                work.runModel(s, Engine.DJL);
                work.runModel(s, Engine.PLAIN_ONNX_RUNTIME);
            }
            assertEquals(List.of("detector input", "landmark input", "alignment", "sharpness"), work.javaStages());
            for (int s = 0; s < work.javaStages().size(); s++) {
                work.runJavaStage(s);
            }
            assertEquals(2, work.photos());
            int djl = 0;
            int plain = 0;
            for (int p = 0; p < work.photos(); p++) {
                djl += work.analysePhoto(p, Engine.DJL);
                plain += work.analysePhoto(p, Engine.PLAIN_ONNX_RUNTIME);
            }
            assertEquals(6, djl, "three faces in each photo");
            assertEquals(djl, plain, "the same models on the same inputs find the same faces whichever runtime carries them");
            assertEquals(13, work.tiledRegions(), "1080p with 40 px faces: the whole frame and 12 tiles");
            assertEquals(40, work.tiledMinFace());
            assertTrue(work.wholeFrameMinFace() > work.tiledMinFace(), "the whole frame alone misses small faces");
            work.detectFrame(false);
            work.detectFrame(true);
        }
    }

    @Test
    void anUnreadablePhotoOrOneWithoutAFaceIsAClearError() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.jpg"), "not a photo");
        assertThrows(UnreadableImageException.class, () -> PreparedWorkloads.prepare(TestImages.models(), CPU,
                InferenceOptions.defaults(), List.of(text)));
        Path blank = dir.resolve("wall.png");
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(1920, 1080, java.awt.image.BufferedImage.TYPE_INT_RGB),
                "png", blank.toFile());
        IllegalStateException noFace = assertThrows(IllegalStateException.class, () -> PreparedWorkloads.prepare(
                TestImages.models(), CPU, InferenceOptions.defaults(), List.of(blank)));
        assertTrue(noFace.getMessage().contains("shows no face"), noFace.getMessage());
    }
}

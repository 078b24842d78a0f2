package io.vigil.watchlist.internal.recognition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.alert.RecognitionEvidence;
import io.vigil.api.face.BoundingBox;
import io.vigil.api.face.FaceObservation;
import io.vigil.api.face.FrameRegion;
import io.vigil.api.face.ObservedFace;
import io.vigil.api.media.BgrImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class EvidenceCropsTest {

    @Test
    void cropsTheFaceAndAWiderRegionInMemoryWithoutTemporaryFiles() throws Exception {
        // a face near a 1920 x 1080 frame's right edge, and the region inference hands over with it:
        // the box grown by 1.5 of its size, clipped at the frame's edge
        BoundingBox box = new BoundingBox(1460, 219, 225, 218);
        int x0 = Math.round(1460 - 1.5f * 225);
        int width = 1920 - x0;
        int height = Math.round(219 + 218 * 2.5f);
        BgrImage region = new BgrImage(width, height, width * 3, ByteBuffer.wrap(new byte[width * height * 3]));
        FaceObservation o = RecognitionFixture.face(1, 0.9f, RecognitionFixture.T0).observation();
        ObservedFace face = new ObservedFace(new FaceObservation(o.cameraId(), o.captureTime(), o.trackId(), box,
                o.landmarks(), o.quality(), o.embedding(), 1920, 1080), new FrameRegion(x0, 0, region));
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Set<String> before = list(tmp);
        RecognitionEvidence e = EvidenceCrops.of(face);
        BufferedImage crop = ImageIO.read(new ByteArrayInputStream(e.faceCrop()));
        BufferedImage frameRegion = ImageIO.read(new ByteArrayInputStream(e.frameRegion()));
        assertEquals(Math.round(225 * 1.6f), crop.getWidth(), 1);
        assertEquals(Math.round(218 * 1.6f), crop.getHeight(), 1);
        assertTrue(frameRegion.getWidth() > crop.getWidth() && frameRegion.getHeight() > crop.getHeight());
        // the whole region handed over
        assertEquals(width, frameRegion.getWidth());
        assertEquals(height, frameRegion.getHeight());
        Set<String> after = list(tmp);
        after.removeAll(before);
        assertTrue(after.stream().noneMatch(n -> n.startsWith("imageio")), "ImageIO spilled to " + after);
    }

    private static Set<String> list(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }
}

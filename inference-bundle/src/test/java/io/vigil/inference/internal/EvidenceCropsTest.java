package io.vigil.inference.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.alert.RecognitionEvidence;
import io.vigil.api.face.BoundingBox;
import io.vigil.api.media.BgrImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
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
        BgrImage frame = TestImages.read(TestImages.sample(1));
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Set<String> before = list(tmp);
        RecognitionEvidence e = EvidenceCrops.of(frame, new BoundingBox(1460, 219, 225, 218));
        BufferedImage face = ImageIO.read(new ByteArrayInputStream(e.faceCrop()));
        BufferedImage region = ImageIO.read(new ByteArrayInputStream(e.frameRegion()));
        assertEquals(Math.round(225 * 1.6f), face.getWidth(), 1);
        assertEquals(Math.round(218 * 1.6f), face.getHeight(), 1);
        assertTrue(region.getWidth() > face.getWidth() && region.getHeight() > face.getHeight());
        // clipped at the frame's edge, not beyond it
        assertTrue(region.getWidth() <= frame.width() && region.getHeight() <= frame.height());
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

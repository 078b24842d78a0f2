package io.vigil.bench.internal.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.media.MediaException;
import io.vigil.testing.GStreamerForTests;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The soak's clip, encoded by real GStreamer and read back by ffprobe. */
class FaceClipTest {

    @TempDir
    Path folder;

    @BeforeAll
    static void gstreamer() {
        GStreamerForTests.init();
    }

    @Test
    void photosBecomeATwoSecondsEachClipOfTheCamerasSizeEncodedOnce() throws Exception {
        Path portrait = photo("portrait.jpg", 600, 900, Color.ORANGE);
        Path landscape = photo("landscape.jpg", 1600, 900, Color.BLUE);
        Path clip = FaceClip.of(List.of(portrait, landscape), 640, 360, 10, folder.resolve("clips"));
        assertTrue(Files.size(clip) > 1000, "a clip was written");
        assertFalse(Files.exists(clip.resolveSibling(clip.getFileName() + ".part")), "no partial file left");
        Process probe = new ProcessBuilder("ffprobe", "-v", "error", "-count_frames", "-select_streams", "v",
                "-show_entries", "stream=codec_name,width,height,nb_read_frames", "-of", "compact=p=0:nk=1", clip.toString())
                .redirectErrorStream(true).start();
        String described = new String(probe.getInputStream().readAllBytes()).strip();
        assertEquals(0, probe.waitFor());
        assertEquals("h264|640|360|40", described, "H.264 640x360, 2 photos x 2 s x 10 fps");

        FileTime written = Files.getLastModifiedTime(clip);
        assertEquals(clip, FaceClip.of(List.of(portrait, landscape), 640, 360, 10, folder.resolve("clips")));
        assertEquals(written, Files.getLastModifiedTime(clip), "reused, not encoded again");
        assertTrue(!clip.equals(FaceClip.of(List.of(landscape), 640, 360, 10, folder.resolve("clips"))),
                "other photos, another clip");
    }

    @Test
    void missingOrUnsafePhotosAreRefusedBeforeEncoding() throws Exception {
        assertTrue(assertThrows(MediaException.class, () -> FaceClip.of(List.of(), 640, 360, 10, folder)).getMessage()
                .contains("at least one photo"));
        assertTrue(assertThrows(MediaException.class, () -> FaceClip.of(List.of(folder.resolve("gone.jpg")), 640, 360, 10,
                folder)).getMessage().contains("does not exist"));
        Path quoted = photo("say \"cheese\".jpg", 100, 100, Color.RED);
        assertTrue(assertThrows(MediaException.class, () -> FaceClip.of(List.of(quoted), 640, 360, 10, folder)).getMessage()
                .contains("rename it"));
    }

    private Path photo(String name, int width, int height, Color color) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        Path file = folder.resolve(name);
        ImageIO.write(image, "jpg", file.toFile());
        return file;
    }
}

package io.vigil.gstreamer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.media.MediaException;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PhotoFramesTest {

    @TempDir
    Path photos;

    @Test
    void aPictureFillsTheFrameOneWayAndIsCentredTheOther() {
        assertEquals(new Rectangle(0, 30, 320, 180), PhotoFrames.fit(640, 360, 320, 240)); // wide: bars above, below
        assertEquals(new Rectangle(100, 0, 120, 240), PhotoFrames.fit(200, 400, 320, 240)); // tall: bars left, right
        assertEquals(new Rectangle(0, 0, 320, 240), PhotoFrames.fit(32, 24, 320, 240)); // small: enlarged
        assertEquals(new Rectangle(0, 119, 320, 1), PhotoFrames.fit(10_000, 1, 320, 240)); // never empty
    }

    @Test
    void photosOfAnySizeAndFormatBecomeJpegFramesOfTheStreamSize() throws Exception {
        Path wide = write("wide.jpg", "jpeg", 1600, 900, Color.WHITE, BufferedImage.TYPE_INT_RGB);
        Path tall = write("tall.png", "png", 90, 160, Color.RED, BufferedImage.TYPE_INT_ARGB);
        try (PhotoFrames frames = PhotoFrames.write(List.of(wide, tall), 320, 240)) {
            assertEquals(2, frames.count());
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(frames.folder())));

            BufferedImage first = ImageIO.read(frames.folder().resolve("00000.jpg").toFile());
            assertEquals(320, first.getWidth());
            assertEquals(240, first.getHeight());
            assertDark(first.getRGB(160, 10)); // letterbox bar
            assertBright(first.getRGB(160, 120));

            BufferedImage second = ImageIO.read(frames.folder().resolve("00001.jpg").toFile());
            assertEquals(320, second.getWidth());
            assertEquals(240, second.getHeight());
            assertDark(second.getRGB(10, 120)); // pillarbox bar
            int centre = second.getRGB(160, 120);
            assertTrue(channel(centre, 16) > 200 && channel(centre, 8) < 40 && channel(centre, 0) < 40,
                    Integer.toHexString(centre));
            frames.close();
            assertFalse(Files.exists(frames.folder()), "the copies are deleted");
            frames.close(); // twice is harmless
        }
    }

    @Test
    void aMissingOrUnreadablePhotoIsNamedAndNothingIsLeftBehind() throws Exception {
        Path good = write("good.jpg", "jpeg", 64, 48, Color.BLUE, BufferedImage.TYPE_INT_RGB);
        Path missing = photos.resolve("gone.jpg");
        Path text = Files.writeString(photos.resolve("notes.png"), "not a picture");
        long before = leftoverFolders();

        MediaException gone = assertThrows(MediaException.class, () -> PhotoFrames.write(List.of(good, missing), 64, 48));
        assertTrue(gone.getMessage().contains(missing.toString()), gone.getMessage());
        MediaException unreadable = assertThrows(MediaException.class,
                () -> PhotoFrames.write(List.of(good, text), 64, 48));
        assertTrue(unreadable.getMessage().contains(text.toString()), unreadable.getMessage());

        assertEquals(before, leftoverFolders());
    }

    private static long leftoverFolders() throws IOException {
        try (Stream<Path> temp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return temp.filter(path -> path.getFileName().toString().startsWith("vigil-photos-")).count();
        }
    }

    private Path write(String name, String format, int width, int height, Color colour, int type) throws IOException {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, width, height);
        g.dispose();
        Path file = photos.resolve(name);
        assertTrue(ImageIO.write(image, format, file.toFile()));
        return file;
    }

    private static void assertDark(int rgb) {
        assertTrue(channel(rgb, 16) < 30 && channel(rgb, 8) < 30 && channel(rgb, 0) < 30, Integer.toHexString(rgb));
    }

    private static void assertBright(int rgb) {
        assertTrue(channel(rgb, 16) > 220 && channel(rgb, 8) > 220 && channel(rgb, 0) > 220, Integer.toHexString(rgb));
    }

    private static int channel(int rgb, int shift) {
        return (rgb >> shift) & 0xff;
    }
}

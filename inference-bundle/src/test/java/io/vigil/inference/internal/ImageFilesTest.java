package io.vigil.inference.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.media.BgrImage;
import io.vigil.inference.internal.ImageFiles.ImageException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesTest {

    @TempDir
    Path temp;

    @Test
    void aRealPhotoIsReadAsBgr() throws ImageException {
        BgrImage astronaut = ImageFiles.read(TestImages.astronaut());
        assertEquals(512, astronaut.width());
        assertEquals(512, astronaut.height());
        assertEquals(3 * 512, astronaut.stride());
        // her suit is white and the flag behind her is red and blue: the image is not grey
        assertTrue(channelSpread(astronaut) > 50, "colour survives: " + channelSpread(astronaut));
    }

    @Test
    void corruptJpegBytesAreRefused() throws IOException {
        // a JPEG start-of-image marker followed by garbage
        byte[] bytes = new byte[4000];
        new java.util.Random(5).nextBytes(bytes);
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xD8;
        bytes[2] = (byte) 0xFF;
        bytes[3] = (byte) 0xE0;
        Path file = write("garbage.jpg", bytes);
        String message = refused(file);
        assertTrue(message.startsWith(file + " is not a readable image ("), message);
    }

    @Test
    void aTruncatedJpegIsRefusedRatherThanReadWithItsLowerPartGrey() throws IOException {
        byte[] photo = Files.readAllBytes(TestImages.sample(1));
        Path file = write("truncated.jpg", Arrays.copyOf(photo, photo.length * 4 / 10));
        String message = refused(file);
        System.out.println("truncated jpeg: " + message);
        assertTrue(message.startsWith(file + " is truncated or damaged ("), message);
        assertTrue(message.toLowerCase(java.util.Locale.ROOT).contains("premature end"), message);
    }

    @Test
    void aJpegMissingOnlyItsEndMarkerStillReads() throws IOException, ImageException {
        // every pixel is there; the decoder warns "Missing EOI marker", which is no reason to refuse
        byte[] photo = Files.readAllBytes(TestImages.sample(1));
        Path file = write("no-eoi.jpg", Arrays.copyOf(photo, photo.length - 2));
        BgrImage image = ImageFiles.read(file);
        assertEquals(1920, image.width());
        assertEquals(1280, image.height());
    }

    @Test
    void aTextFileIsRefusedAsNotAnImage() throws IOException {
        Path file = write("notes.jpg", "faces to look for: none\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(file + " is not an image in a supported format (JPEG, PNG, BMP, GIF)", refused(file));
    }

    @Test
    void anEmptyFileIsRefused() throws IOException {
        Path file = write("empty.png", new byte[0]);
        assertTrue(refused(file).startsWith(file + " is not"), refused(file));
    }

    @Test
    void aMissingFileAndAFolderAreNamedAsSuch() {
        Path missing = temp.resolve("nobody.jpg");
        assertEquals(missing + " does not exist", refused(missing));
        assertEquals(temp + " is a folder, not an image", refused(temp));
    }

    @Test
    void aPngClaimingAHugeSizeIsRefusedBeforeDecoding() throws IOException {
        // a valid signature and header for 50000 x 40000 (2 gigapixels) and no pixel data: decoding
        // would fail differently (or run out of memory), so the size message shows it was not tried
        Path file = write("huge.png", png(50_000, 40_000));
        long start = System.nanoTime();
        String message = refused(file);
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.println("huge png refused in " + ms + " ms: " + message);
        assertEquals(file + " is 50000x40000: larger than 100 megapixels", message);

        // a bound just above the limit too, where int arithmetic alone would not overflow
        Path justOver = write("over.png", png(10_001, 10_000));
        assertTrue(refused(justOver).endsWith("is 10001x10000: larger than 100 megapixels"), refused(justOver));
    }

    private static String refused(Path file) {
        return assertThrows(ImageException.class, () -> ImageFiles.read(file)).getMessage();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = temp.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    /** A PNG signature, an IHDR chunk (8-bit RGB) with a correct CRC, and IEND. */
    private static byte[] png(int width, int height) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(ihdr);
        h.writeInt(width);
        h.writeInt(height);
        h.write(new byte[] {8, 2, 0, 0, 0});
        chunk(out, "IHDR", ihdr.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return bytes.toByteArray();
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeInt(data.length);
        out.write(t);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }

    private static int channelSpread(BgrImage image) {
        int max = 0;
        byte[] px = new byte[image.pixels().capacity()];
        image.pixels().get(0, px);
        for (int i = 0; i + 2 < px.length; i += 3) {
            int b = px[i] & 0xff;
            int g = px[i + 1] & 0xff;
            int r = px[i + 2] & 0xff;
            max = Math.max(max, Math.max(Math.abs(r - g), Math.max(Math.abs(r - b), Math.abs(g - b))));
        }
        return max;
    }
}

package io.vigil.gstreamer.internal;

import io.vigil.api.media.MediaException;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * The photos of a still-photo clip as numbered JPEG frames of exactly the stream's size,
 * letterboxed on black, in a temporary folder only this user can read. Done once when the clip is
 * mounted, so the pipeline never renegotiates between photos of different sizes and never
 * decodes a large photo again on every loop; any format Java reads (JPEG, PNG, GIF, BMP) works.
 * The photos are demo material; {@link #close} deletes the copies.
 */
final class PhotoFrames implements AutoCloseable {

    /** The frames' names, for multifilesrc. */
    static final String NAME_PATTERN = "%05d.jpg";
    static final int MAX_PHOTOS = 99_999;

    private static final float JPEG_QUALITY = 0.92f;

    private final Path folder;
    private final int count;

    private PhotoFrames(Path folder, int count) {
        this.folder = folder;
        this.count = count;
    }

    static PhotoFrames write(List<Path> photos, int width, int height) throws MediaException {
        if (photos.size() > MAX_PHOTOS) {
            throw new MediaException("a clip can have at most " + MAX_PHOTOS + " photos, not " + photos.size());
        }
        Path folder;
        try {
            folder = Files.createTempDirectory("vigil-photos-"); // owner-only on POSIX
        } catch (IOException e) {
            throw new MediaException("cannot create a temporary folder for the photo clip: " + e.getMessage(), e);
        }
        PhotoFrames frames = new PhotoFrames(folder, photos.size());
        try {
            for (int i = 0; i < photos.size(); i++) {
                BufferedImage frame = letterboxed(read(photos.get(i)), width, height);
                writeJpeg(frame, folder.resolve(String.format(NAME_PATTERN, i)));
            }
            return frames;
        } catch (MediaException | RuntimeException e) {
            frames.close();
            throw e;
        } catch (IOException e) {
            frames.close();
            throw new MediaException("cannot write the photo clip's frames to " + folder + ": " + e.getMessage(), e);
        }
    }

    Path folder() {
        return folder;
    }

    int count() {
        return count;
    }

    /** Where a {@code width} x {@code height} picture goes in a frame: as large as fits, centred. */
    static Rectangle fit(int width, int height, int frameWidth, int frameHeight) {
        double scale = Math.min((double) frameWidth / width, (double) frameHeight / height);
        int w = Math.max(1, Math.min(frameWidth, (int) Math.round(width * scale)));
        int h = Math.max(1, Math.min(frameHeight, (int) Math.round(height * scale)));
        return new Rectangle((frameWidth - w) / 2, (frameHeight - h) / 2, w, h);
    }

    static BufferedImage letterboxed(BufferedImage photo, int frameWidth, int frameHeight) {
        Rectangle area = fit(photo.getWidth(), photo.getHeight(), frameWidth, frameHeight);
        BufferedImage frame = new BufferedImage(frameWidth, frameHeight, BufferedImage.TYPE_INT_RGB); // black
        draw(halvedTowards(photo, area.width, area.height), frame, area);
        return frame;
    }

    /**
     * Bilinear filtering looks at 2x2 pixels only, so shrinking a photo many times in one step
     * turns fine detail (a face's features) into noise; halving first until it is less than
     * twice the target size keeps it.
     */
    private static BufferedImage halvedTowards(BufferedImage photo, int width, int height) {
        BufferedImage image = photo;
        while (image.getWidth() / 2 >= width && image.getHeight() / 2 >= height) {
            BufferedImage half = new BufferedImage(image.getWidth() / 2, image.getHeight() / 2,
                    BufferedImage.TYPE_INT_RGB);
            draw(image, half, new Rectangle(0, 0, half.getWidth(), half.getHeight()));
            image = half;
        }
        return image;
    }

    private static void draw(BufferedImage source, BufferedImage target, Rectangle area) {
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, area.x, area.y, area.width, area.height, null);
        } finally {
            g.dispose();
        }
    }

    private static BufferedImage read(Path photo) throws MediaException {
        if (!Files.isRegularFile(photo) || !Files.isReadable(photo)) {
            throw new MediaException("photo " + photo + " does not exist or cannot be read");
        }
        BufferedImage image;
        try {
            image = ImageIO.read(photo.toFile());
        } catch (IOException e) {
            throw new MediaException("photo " + photo + " cannot be decoded: " + e.getMessage(), e);
        }
        if (image == null) {
            throw new MediaException("photo " + photo + " is not an image format Java reads (JPEG, PNG, GIF, BMP)");
        }
        return image;
    }

    private static void writeJpeg(BufferedImage frame, Path file) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) {
            throw new IOException("this Java has no JPEG encoder");
        }
        ImageWriter writer = writers.next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            ImageWriteParam parameters = writer.getDefaultWriteParam();
            parameters.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            parameters.setCompressionQuality(JPEG_QUALITY);
            writer.write(null, new IIOImage(frame, null, null), parameters);
        } finally {
            writer.dispose();
        }
    }

    /** Deletes the frames and their folder; safe to call more than once. */
    @Override
    public void close() {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            // Nothing else to do about it: the folder is private to this user and in the temp folder.
        }
    }
}

package io.vigil.inference.internal;

import io.vigil.api.media.BgrImage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Photos from files (JPEG, PNG, BMP, GIF: what the JDK decodes) as BGR images. Anything else,
 * truncated or corrupt files, and images too large to be a photo are refused with the reason.
 */
final class ImageFiles {

    /** 100 megapixels: beyond any camera still, and a bound on memory for hostile files. */
    static final long MAX_PIXELS = 100_000_000L;

    private ImageFiles() {
    }

    static BgrImage read(Path file) throws ImageException {
        if (Files.isDirectory(file)) {
            throw new ImageException(file + " is a folder, not an image");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return decode(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new ImageException(file + " does not exist");
        } catch (IOException e) {
            throw new ImageException(file + " is not a readable image (" + e.getMessage() + ")");
        }
    }

    /** A photo's encoded bytes (as enrolment keeps them) as BGR. */
    static BgrImage decode(byte[] encoded, String name) throws ImageException {
        try {
            return decode(new java.io.ByteArrayInputStream(encoded), name);
        } catch (IOException e) {
            throw new ImageException(name + " is not a readable image (" + e.getMessage() + ")");
        }
    }

    private static BgrImage decode(InputStream in, String name) throws ImageException, IOException {
        try (ImageInputStream stream = ImageIO.createImageInputStream(in)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(stream);
            if (!readers.hasNext()) {
                throw new ImageException(name + " is not an image in a supported format (JPEG, PNG, BMP, GIF)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(stream, true, true);
                // the header's size is checked before any pixel memory is taken
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw new ImageException(name + " is " + reader.getWidth(0) + "x" + reader.getHeight(0)
                            + ": larger than " + MAX_PIXELS / 1_000_000 + " megapixels");
                }
                // a truncated JPEG decodes without an exception, the missing part grey; the decoder
                // only warns (libjpeg: "Premature end of JPEG file", "... premature end of data segment")
                List<String> damage = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> {
                    if (warning.toLowerCase(Locale.ROOT).contains("premature end")) {
                        damage.add(warning);
                    }
                });
                BufferedImage decoded = reader.read(0);
                if (!damage.isEmpty()) {
                    throw new ImageException(name + " is truncated or damaged (" + damage.get(0) + ")");
                }
                return toBgr(decoded, name);
            } catch (RuntimeException e) {
                throw new ImageException(name + " is not a readable image (" + e.getMessage() + ")");
            } finally {
                reader.dispose();
            }
        }
    }

    static BgrImage toBgr(BufferedImage decoded, String name) throws ImageException {
        int w = decoded.getWidth();
        int h = decoded.getHeight();
        if ((long) w * h > MAX_PIXELS) {
            throw new ImageException(name + " is " + w + "x" + h + ": larger than " + MAX_PIXELS / 1_000_000 + " megapixels");
        }
        byte[] bgr = new byte[w * h * 3];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            decoded.getRGB(0, y, w, 1, row, 0, w);
            int o = y * w * 3;
            for (int x = 0; x < w; x++) {
                int argb = row[x];
                bgr[o++] = (byte) argb;
                bgr[o++] = (byte) (argb >> 8);
                bgr[o++] = (byte) (argb >> 16);
            }
        }
        return new BgrImage(w, h, w * 3, ByteBuffer.wrap(bgr).asReadOnlyBuffer());
    }

    /** The reason an image file cannot be used. */
    static final class ImageException extends Exception {
        private static final long serialVersionUID = 1L;

        ImageException(String message) {
            super(message);
        }
    }
}

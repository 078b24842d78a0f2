package io.vigil.inference.internal;

import static org.junit.jupiter.api.Assertions.fail;

import io.vigil.api.media.BgrImage;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The photos and models the tests use, from the cache {@code ./vigil} set-up fills (pinned npm and
 * Debian packages, verified there). Missing files fail the test with the fix: they are part of
 * the test set-up, never optional.
 */
final class TestImages {

    private TestImages() {
    }

    static Path cache() {
        return ModelDirectory.defaultCache(System.getenv());
    }

    static ModelDirectory models() {
        return ModelDirectory.of("", System.getenv());
    }

    /** sample1.jpg .. sample6.jpg of @vladmandic/face-api 1.7.15: group photos, 1920 px wide. */
    static Path sample(int n) {
        return existing(cache().resolve("models/@vladmandic-face-api-1.7.15/demo/sample" + n + ".jpg"));
    }

    /** skimage's astronaut.png (Eileen Collins, public domain), 512x512, one face. */
    static Path astronaut() {
        return existing(cache().resolve("data/python3-skimage-0.19.3-8/astronaut.png"));
    }

    /** skimage's lfw_subset.npy: 200 grey 25x25 images, the first 100 faces, the rest not. */
    static Path lfwSubset() {
        return existing(cache().resolve("data/python3-skimage-0.19.3-8/lfw_subset.npy"));
    }

    static BgrImage read(Path file) {
        try {
            return ImageFiles.read(file);
        } catch (ImageFiles.ImageException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    private static Path existing(Path p) {
        if (!Files.isRegularFile(p)) {
            fail(p + " is missing: run ./vigil test (its set-up fetches the pinned test photos)");
        }
        return p;
    }
}

package io.vigil.api.media;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** What an {@link RtspServer} mount plays: always live, always looping, timestamped as a camera would. */
public sealed interface StreamSource {

    /** A generated moving pattern (GStreamer's videotestsrc). */
    record TestPattern(VideoCodec codec, int width, int height, int fps) implements StreamSource {
        public TestPattern {
            Objects.requireNonNull(codec, "codec");
        }
    }

    /** A video file (MP4, Matroska, ...) re-encoded to {@code codec} and looped. */
    record File(Path file, VideoCodec codec, int width, int height, int fps) implements StreamSource {
        public File {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(codec, "codec");
        }
    }

    /**
     * A recording (Matroska or MP4 holding H.264 or H.265) served as it was encoded, without
     * decoding or re-encoding, paced in real time: a recorded camera, or a bench's load.
     */
    record Recording(Path file) implements StreamSource {
        public Recording {
            Objects.requireNonNull(file, "file");
        }
    }

    /**
     * A test pattern whose encoded frames are dropped at random before they are sent, as from a
     * camera on a lossy link: receivers see broken references and must recover. Key frames come
     * every two seconds, so a receiver that lost one recovers within that.
     *
     * @param dropProbability the chance of each frame being dropped, between 0 and 0.5
     */
    record Lossy(TestPattern pattern, double dropProbability) implements StreamSource {
        public Lossy {
            Objects.requireNonNull(pattern, "pattern");
            if (!(dropProbability >= 0 && dropProbability <= 0.5)) { // NaN fails too
                throw new IllegalArgumentException("drop probability " + dropProbability + " is not between 0 and 0.5");
            }
        }
    }

    /** A clip made from still photos, each shown for {@code perPhoto}, letterboxed to the frame size, looped. */
    record StillPhotos(List<Path> photos, Duration perPhoto, VideoCodec codec, int width, int height, int fps)
            implements StreamSource {
        public StillPhotos {
            photos = List.copyOf(photos);
            Objects.requireNonNull(perPhoto, "perPhoto");
            Objects.requireNonNull(codec, "codec");
            if (photos.isEmpty()) {
                throw new IllegalArgumentException("a clip needs at least one photo");
            }
        }
    }
}

package io.vigil.api.media;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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

    /**
     * A camera's RTSP stream relayed as the camera encoded it (depayloaded, parsed and payloaded
     * again, never decoded): Vigil's restream of a camera for the VMS. The camera's address and
     * login are used only to pull the stream; the mount's clients never see either.
     *
     * @param uri         the camera's stream, {@code rtsp://host[:port]/path}, without user info
     * @param credentials the camera's login, if it asks for one
     * @param codec       what the camera sends (H.264 or H.265)
     */
    record Relay(URI uri, Optional<RtspCredentials> credentials, VideoCodec codec) implements StreamSource {
        public Relay {
            Objects.requireNonNull(uri, "uri");
            Objects.requireNonNull(credentials, "credentials");
            Objects.requireNonNull(codec, "codec");
            if (!"rtsp".equalsIgnoreCase(uri.getScheme()) && !"rtsps".equalsIgnoreCase(uri.getScheme())) {
                throw new IllegalArgumentException("not an RTSP address: " + uri.getScheme() + "://...");
            }
            if (uri.getRawUserInfo() != null) {
                throw new IllegalArgumentException("give the camera's login as credentials, not in the address");
            }
            if (codec == VideoCodec.MJPEG) {
                throw new IllegalArgumentException("MJPEG cameras are not relayed: only H.264 and H.265");
            }
        }

        @Override
        public String toString() {
            return "Relay[" + uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + "/..., "
                    + (credentials.isPresent() ? "with a login" : "no login") + ", " + codec + "]";
        }
    }
}

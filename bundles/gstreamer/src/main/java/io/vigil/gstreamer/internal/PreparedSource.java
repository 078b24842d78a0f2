package io.vigil.gstreamer.internal;

import io.vigil.api.media.MediaException;
import io.vigil.api.media.StreamSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.freedesktop.gstreamer.Bin;

/**
 * A stream source turned into a checked launch description, with what it needs while served: a
 * photo clip's frames, a file's or a recording's loop, a metadata stream's feed, and for a
 * recording, a relay or a metadata stream, a look at each pipeline built for the mount.
 */
final class PreparedSource implements AutoCloseable {

    private static final Runnable NOTHING = () -> { };

    private final LaunchDescription launch;
    private final Runnable release;
    private final Optional<Consumer<Bin>> media;
    private final AtomicBoolean released = new AtomicBoolean();

    private PreparedSource(LaunchDescription launch, Runnable release, Optional<Consumer<Bin>> media) {
        this.launch = launch;
        this.release = release;
        this.media = media;
    }

    /** @param gst what a recording's loop needs beyond gst1-java-core */
    static PreparedSource prepare(StreamSource source, GstCoreLibrary gst) throws MediaException {
        if (source instanceof StreamSource.TestPattern pattern) {
            return checked(LaunchDescription.testPattern(format(pattern)), NOTHING);
        }
        if (source instanceof StreamSource.Lossy lossy) {
            return checked(LaunchDescription.lossy(format(lossy.pattern()), lossy.dropProbability()), NOTHING);
        }
        if (source instanceof StreamSource.Recording recording) {
            Path file = existingFile("recording", recording.file());
            RecordedVideo video = RecordedVideo.probe(file);
            LaunchDescription served = LaunchDescription.recording(video.codec());
            LaunchCheck.verify(served); // before the loop starts
            RecordingLoop loop = RecordingLoop.start(video, gst);
            return new PreparedSource(served, loop::close, Optional.of(loop::attach));
        }
        if (source instanceof StreamSource.Relay relay) {
            // what the camera sends, not what its profile says (relay.codec() may be wrong)
            LaunchDescription served = LaunchDescription.relay(RelayProbe.codec(relay.uri(), relay.credentials()));
            LaunchCheck.verify(served);
            String location = relay.uri().toString();
            Optional<String> user = relay.credentials().map(io.vigil.api.media.RtspCredentials::user);
            char[] password = relay.credentials().map(c -> c.password().clone()).orElse(null);
            Consumer<Bin> configure = bin -> {
                org.freedesktop.gstreamer.Element rtspsrc = bin.getElementByName(LaunchDescription.RELAY_SOURCE);
                rtspsrc.set("location", location);
                if (user.isPresent()) {
                    rtspsrc.set("user-id", user.get());
                    rtspsrc.set("user-pw", new String(password));
                }
            };
            Runnable forget = () -> {
                if (password != null) {
                    java.util.Arrays.fill(password, '\0');
                }
            };
            return new PreparedSource(served, forget, Optional.of(configure));
        }
        if (source instanceof StreamSource.File file) {
            VideoFormat format = VideoFormat.of(file.codec(), file.width(), file.height(), file.fps());
            Path video = existingFile("video file", file.file());
            FileLoop loop = FileLoop.start(video, format);
            try {
                return checked(LaunchDescription.fileLoop(loop.channel(), format), loop::close);
            } catch (MediaException | RuntimeException e) {
                loop.close();
                throw e;
            }
        }
        if (source instanceof StreamSource.StillPhotos clip) {
            VideoFormat format = VideoFormat.of(clip.codec(), clip.width(), clip.height(), clip.fps());
            LaunchDescription.photoRate(clip.perPhoto()); // reject a bad duration before writing any frame
            PhotoFrames frames = PhotoFrames.write(clip.photos(), format.width(), format.height());
            try {
                return checked(LaunchDescription.photoFrames(frames.folder(), frames.count(), clip.perPhoto(), format),
                        frames::close);
            } catch (MediaException | RuntimeException e) {
                frames.close();
                throw e;
            }
        }
        throw new MediaException(source.getClass().getSimpleName() + " sources are not served by this RTSP server");
    }

    /** An ONVIF metadata stream, fed by {@code feed}, which stops when the source is closed. */
    static PreparedSource metadata(MetadataFeed feed) throws MediaException {
        LaunchDescription served = LaunchDescription.metadata();
        LaunchCheck.verify(served);
        return new PreparedSource(served, feed::close, Optional.of(feed::attach));
    }

    private static VideoFormat format(StreamSource.TestPattern pattern) throws MediaException {
        return VideoFormat.of(pattern.codec(), pattern.width(), pattern.height(), pattern.fps());
    }

    private static PreparedSource checked(LaunchDescription launch, Runnable release) throws MediaException {
        LaunchCheck.verify(launch);
        return new PreparedSource(launch, release, Optional.empty());
    }

    /** {@code file} as an absolute path without links, its name safe to launch, e.g. "video file". */
    private static Path existingFile(String what, Path file) throws MediaException {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new MediaException(what + " " + file + " does not exist or cannot be read");
        }
        Path real;
        try {
            real = file.toRealPath();
        } catch (IOException e) {
            throw new MediaException(what + " " + file + " cannot be resolved: " + e.getMessage(), e);
        }
        LaunchDescription.quoted(what, real.toString()); // refuse a bad name before starting anything
        return real;
    }

    LaunchDescription launch() {
        return launch;
    }

    /** What must see each pipeline gst-rtsp-server builds for the mount, before it starts; empty for most sources. */
    Optional<Consumer<Bin>> media() {
        return media;
    }

    /** Stops and deletes what the source needed; safe to call more than once. */
    @Override
    public void close() {
        if (released.compareAndSet(false, true)) {
            release.run();
        }
    }
}

package io.vigil.gstreamer.internal;

import io.vigil.api.media.MediaException;
import io.vigil.api.media.StreamSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A stream source turned into a checked launch description, with what it needs while served: a
 * photo clip's frames, a file's loop.
 */
final class PreparedSource implements AutoCloseable {

    private static final Runnable NOTHING = () -> { };

    private final LaunchDescription launch;
    private final Runnable release;
    private final AtomicBoolean released = new AtomicBoolean();

    private PreparedSource(LaunchDescription launch, Runnable release) {
        this.launch = launch;
        this.release = release;
    }

    static PreparedSource prepare(StreamSource source) throws MediaException {
        if (source instanceof StreamSource.TestPattern pattern) {
            VideoFormat format = VideoFormat.of(pattern.codec(), pattern.width(), pattern.height(), pattern.fps());
            return checked(LaunchDescription.testPattern(format), NOTHING);
        }
        if (source instanceof StreamSource.File file) {
            VideoFormat format = VideoFormat.of(file.codec(), file.width(), file.height(), file.fps());
            Path video = existingFile(file.file());
            LaunchDescription.quoted("video file", video.toString()); // refuse a bad name before starting anything
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

    private static PreparedSource checked(LaunchDescription launch, Runnable release) throws MediaException {
        LaunchCheck.verify(launch);
        return new PreparedSource(launch, release);
    }

    private static Path existingFile(Path file) throws MediaException {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new MediaException("video file " + file + " does not exist or cannot be read");
        }
        try {
            return file.toRealPath();
        } catch (IOException e) {
            throw new MediaException("video file " + file + " cannot be resolved: " + e.getMessage(), e);
        }
    }

    LaunchDescription launch() {
        return launch;
    }

    /** Stops and deletes what the source needed; safe to call more than once. */
    @Override
    public void close() {
        if (released.compareAndSet(false, true)) {
            release.run();
        }
    }
}

package io.vigil.gstreamer.internal;

import io.vigil.api.media.MediaException;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Plays a video file over and over, in real time, into an intervideosink channel, decoded and
 * fitted to the stream's format; the mount's pipeline reads the channel with the live
 * intervideosrc.
 */
final class FileLoop implements AutoCloseable {

    private final LoopedPipeline pipeline;
    private final String channel;

    private FileLoop(LoopedPipeline pipeline, String channel) {
        this.pipeline = pipeline;
        this.channel = channel;
    }

    /**
     * Starts looping {@code file} (an existing, absolute path), and returns once it plays.
     *
     * @throws MediaException when GStreamer cannot play the file, with its reason
     */
    static FileLoop start(Path file, VideoFormat format) throws MediaException {
        String channel = "vigil-" + UUID.randomUUID();
        LaunchDescription feed = LaunchDescription.fileFeed(file, format, channel);
        LoopedPipeline pipeline = LoopedPipeline.build(feed, "vigil-file-loop-" + file.getFileName());
        pipeline.play("video file " + file, () -> { }); // raw video ends when its last frame does
        return new FileLoop(pipeline, channel);
    }

    /** The intervideo channel the frames go to. */
    String channel() {
        return channel;
    }

    /** Stops the pipeline; safe to call more than once. */
    @Override
    public void close() {
        pipeline.close();
    }
}

package io.vigil.gstreamer.internal;

import io.vigil.api.media.MetadataMount;
import java.net.URI;
import java.time.Instant;

/** A metadata path of a {@link NativeRtspServer}: the served path, and the feed of its pipelines. */
final class ServedMetadataMount implements MetadataMount {

    private final ServedMount served;
    private final MetadataFeed feed;

    ServedMetadataMount(ServedMount served, MetadataFeed feed) {
        this.served = served;
        this.feed = feed;
    }

    @Override
    public URI uri() {
        return served.uri();
    }

    @Override
    public boolean send(Instant captureTime, byte[] document) {
        return feed.send(captureTime, document);
    }

    @Override
    public long sent() {
        return feed.sent();
    }

    @Override
    public long dropped() {
        return feed.dropped();
    }

    /** Removes the path, disconnects its clients, and stops the feed (the served mount's source). */
    @Override
    public void close() {
        served.close();
    }

    @Override
    public String toString() {
        return "MetadataMount[" + served.uri() + "]";
    }
}

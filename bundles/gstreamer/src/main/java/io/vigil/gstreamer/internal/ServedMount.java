package io.vigil.gstreamer.internal;

import com.sun.jna.Pointer;
import io.vigil.api.media.RtspMount;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/** A path of a {@link NativeRtspServer}, with its media factory and what its source needs. */
final class ServedMount implements RtspMount {

    private final NativeRtspServer server;
    private final String path;
    private final URI uri;
    private final Pointer factory;
    private final Optional<MediaConfigureHook> hook;
    private final Optional<String> user;
    private final Optional<String> role;
    private final PreparedSource source;
    private final AtomicBoolean closed = new AtomicBoolean();

    ServedMount(NativeRtspServer server, String path, URI uri, Pointer factory, Optional<MediaConfigureHook> hook,
            Optional<String> user, Optional<String> role, PreparedSource source) {
        this.server = server;
        this.path = path;
        this.uri = uri;
        this.factory = factory;
        this.hook = hook;
        this.user = user;
        this.role = role;
        this.source = source;
    }

    @Override
    public URI uri() {
        return uri;
    }

    String path() {
        return path;
    }

    /** Our reference to the GstRTSPMediaFactory (the mount points hold another). */
    Pointer factory() {
        return factory;
    }

    /** What shows the source the factory's pipelines, when the source needs to see them. */
    Optional<MediaConfigureHook> hook() {
        return hook;
    }

    /** The user that may play it, when it is not open. */
    Optional<String> user() {
        return user;
    }

    Optional<String> role() {
        return role;
    }

    PreparedSource source() {
        return source;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.unmount(this);
        }
    }

    @Override
    public String toString() {
        return "RtspMount[" + uri + "]";
    }
}

package io.vigil.gstreamer.testing;

import io.vigil.api.media.MediaException;
import io.vigil.api.media.MetadataKeepAlive;
import io.vigil.api.media.MetadataMount;
import io.vigil.api.media.RtspCredentials;
import io.vigil.api.media.RtspMount;
import io.vigil.api.media.RtspServer;
import io.vigil.api.media.StreamSource;
import io.vigil.gstreamer.internal.NativeRtspServer;
import io.vigil.gstreamer.internal.RtspServerOptions;
import java.util.Optional;

/**
 * An RTSP server on gst-rtsp-server with a main loop of its own, for tests: the GStreamer
 * bundle's test-jar carries it so that tests of other modules can serve streams on loopback
 * without the bundle exporting its server class. In the container, use the {@link RtspServer}
 * service (configuration PID {@code io.vigil.gstreamer.rtsp}).
 *
 * <pre>
 * try (GstRtspServer server = new GstRtspServer("127.0.0.1", 0)) {
 *     RtspMount camera = server.mount("/cam1", new StreamSource.TestPattern(VideoCodec.H264, 640, 480, 10),
 *             Optional.empty());
 *     // play camera.uri()
 * }
 * </pre>
 *
 * <p>Every mount is shared by its clients, live, and sends RTCP sender reports. A test pattern
 * (lossy or not) or a photo clip runs only while someone watches; a video file is decoded and
 * looped from mount to close, as a camera runs, and so is a recording, which is sent as it was
 * encoded: a client joins it at its next key frame. Without credentials a mount is open; with
 * them only that user may play it (with Digest; Basic too only where {@link RtspServerOptions#allowBasic()}
 * says so), and a user has one password per server. Past {@link RtspServerOptions#maxSessions()}
 * sessions a new one is refused with 503.
 * Closing a mount or the server disconnects its clients and deletes what the mount wrote; after
 * {@link #close} the port is free again.
 *
 * <p>A metadata mount ({@link #mountMetadata}) serves an ONVIF metadata stream, one RTP stream of
 * XML documents, to every client playing it, stamped with their capture times on the server's
 * clock like the video. Its sends only queue: a thread of the mount's own hands the documents to
 * GStreamer, so a sender never waits for a client, and a document that finds the short queue
 * full is dropped and counted. A new client gets the keep-alive document at once.
 */
public final class GstRtspServer implements RtspServer, AutoCloseable {

    private final NativeRtspServer server;

    /**
     * Starts listening at once.
     *
     * @param address IP address or host name to listen on, e.g. "127.0.0.1"
     * @param port TCP port, 0 for any free one (see {@link #port()})
     * @throws MediaException when gst-rtsp-server is not installed or the address cannot be bound
     */
    public GstRtspServer(String address, int port) throws MediaException {
        this(address, port, RtspServerOptions.DEFAULTS);
    }

    /**
     * Starts listening at once, treating clients as {@code options} say.
     *
     * @throws MediaException when gst-rtsp-server is not installed or the address cannot be bound
     */
    public GstRtspServer(String address, int port, RtspServerOptions options) throws MediaException {
        this.server = new NativeRtspServer(address, port, options);
    }

    /** The port the server listens on: the one asked for, or the one chosen for port 0. */
    public int port() {
        return server.port();
    }

    /** RTSP sessions alive now, over all mounts. */
    public int sessions() {
        return server.sessions();
    }

    /** SETUP requests refused since the start because {@link RtspServerOptions#maxSessions()} sessions were alive. */
    public long refusedSessions() {
        return server.refusedSessions();
    }

    /** What the server was started with. */
    public RtspServerOptions options() {
        return server.options();
    }

    @Override
    public RtspMount mount(String path, StreamSource source, Optional<RtspCredentials> credentials)
            throws MediaException {
        return server.mount(path, source, credentials);
    }

    @Override
    public MetadataMount mountMetadata(String path, Optional<RtspCredentials> credentials,
            MetadataKeepAlive keepAlive) throws MediaException {
        return server.mountMetadata(path, credentials, keepAlive);
    }

    /** Disconnects every client and frees the port; harmless when already closed. */
    @Override
    public void close() {
        server.close();
    }
}

package io.vigil.gstreamer.internal;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import io.vigil.api.media.MediaException;
import io.vigil.api.media.MetadataKeepAlive;
import io.vigil.api.media.MetadataMount;
import io.vigil.api.media.RtspCredentials;
import io.vigil.api.media.RtspMount;
import io.vigil.api.media.RtspServer;
import io.vigil.api.media.StreamSource;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * One gst-rtsp-server instance, listening in a main loop of its own: the server behind the
 * {@link RtspServer} service, and behind the test-jar's fixture for other modules' tests. Thread-safe;
 * mounts are added and removed under the instance's lock, clients are disconnected each on the
 * thread serving it ({@link ClientCloser}).
 */
public final class NativeRtspServer implements RtspServer, AutoCloseable {

    /** Segments of URL-safe characters; no "." or ".." segments, no trailing slash. */
    private static final Pattern MOUNT_PATH = Pattern.compile("(/(?!\\.{1,2}(/|$))[A-Za-z0-9._~-]+)+");

    private final RtspServerLibrary rtsp;
    private final GLibLibrary glib;
    private final GObjectLibrary gobject;
    private final GstCoreLibrary gst;
    private static final int CLIENT_THREADS = 8;
    /**
     * How long a session outlives its client's last sign of life. gst-rtsp-server keeps a TCP
     * client's session alive while its connection is open, but after an abrupt disconnect (no
     * TEARDOWN) it lingers for the session timeout, 60 s by default, holding its pipeline's
     * branch; a UDP client keeps its session alive with requests at half this interval, as
     * the Session header tells it. The default of {@link RtspServerOptions#sessionTimeoutSeconds()}.
     */
    public static final int SESSION_TIMEOUT_SECONDS = 20;

    private final RtspMainLoop mainLoop;
    private final RtspAccessControl access;
    private final ClientCloser closer;
    private final Pointer server;
    private final Pointer mountPoints;
    private final Pointer listener;
    private final Pointer sessionCleanup;
    private final String uriHost;
    private final int port;
    private final RtspServerOptions options;
    private final AtomicLong refusedSessions = new AtomicLong();
    private final Map<String, ServedMount> mounts = new HashMap<>();
    private boolean closed;

    // Fields, so they stay reachable while GLib holds pointers to them.
    private final RtspServerLibrary.SessionPoolFunc expireSessions;
    private final RtspServerLibrary.ClientFilterFunc everyClient = (rtspServer, client, data) ->
            RtspServerLibrary.FILTER_REF;
    private final RtspServerLibrary.ObjectSignalFunc sessionTimeout;
    private final RtspServerLibrary.ObjectSignalFunc clientConnected;
    private final RtspServerLibrary.ContextStatusFunc sessionLimit;

    /**
     * Listens on {@code address} (an IP address or host name) and {@code port}, 0 for any free one.
     *
     * @throws MediaException when gst-rtsp-server is missing or the address cannot be bound
     */
    public NativeRtspServer(String address, int port, RtspServerOptions options) throws MediaException {
        Objects.requireNonNull(address, "address");
        this.options = Objects.requireNonNull(options, "options");
        if (address.isBlank() || address.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new MediaException("'" + address + "' is not an address to listen on");
        }
        if (port < 0 || port > 65535) {
            throw new MediaException("RTSP port " + port + " is not between 0 and 65535");
        }
        try {
            GStreamerInit.ensureInitialised();
        } catch (IllegalStateException e) {
            throw new MediaException(e.getMessage(), e);
        }
        RtspNatives natives = RtspNatives.load();
        this.rtsp = natives.rtsp();
        this.glib = natives.glib();
        this.gobject = natives.gobject();
        this.gst = natives.gst();
        this.uriHost = address.contains(":") ? "[" + address + "]" : address;

        AppsrcPayloaderWarning.suppress(glib);
        mainLoop = new RtspMainLoop(glib);
        access = new RtspAccessControl(natives, options.allowBasic());
        closer = new ClientCloser(natives);
        server = rtsp.gst_rtsp_server_new();
        rtsp.gst_rtsp_server_set_address(server, address);
        rtsp.gst_rtsp_server_set_service(server, Integer.toString(port));
        rtsp.gst_rtsp_server_set_auth(server, access.auth());
        sessionTimeout = (client, session, data) -> {
            rtsp.gst_rtsp_session_set_timeout(session, options.sessionTimeoutSeconds());
            // the session pool's watch sleeps until the expiry it computed with the default timeout
            glib.g_main_context_wakeup(mainLoop.context());
        };
        // A SETUP that would open a session past the limit is answered 503 here, and counted; the
        // pool's own maximum below stops the few that race past this check (uncounted).
        sessionLimit = (client, context, data) -> {
            if (context.getPointer(RtspServerLibrary.CONTEXT_SESSION_OFFSET) == null
                    && poolSessions() >= options.maxSessions()) {
                refusedSessions.incrementAndGet();
                return RtspServerLibrary.STATUS_SERVICE_UNAVAILABLE;
            }
            return RtspServerLibrary.STATUS_OK;
        };
        clientConnected = (rtspServer, client, data) -> {
            gobject.g_signal_connect_data(client, "new-session", sessionTimeout, null, null, 0);
            gobject.g_signal_connect_data(client, "pre-setup-request", sessionLimit, null, null, 0);
            closer.follow(client);
        };
        gobject.g_signal_connect_data(server, "client-connected", clientConnected, null, null, 0);
        mountPoints = rtsp.gst_rtsp_server_get_mount_points(server);
        // The default pool serves every client on one thread. A relay mount's first client waits
        // there while its pipeline prerolls, which needs the camera's answers: when the camera is
        // served here too (the simulator, the demo), one thread would wait for itself until the
        // prepare timed out (503). Clients share up to this many threads, round robin.
        Pointer threads = rtsp.gst_rtsp_server_get_thread_pool(server);
        rtsp.gst_rtsp_thread_pool_set_max_threads(threads, CLIENT_THREADS);
        gobject.g_object_unref(threads);

        PointerByReference error = new PointerByReference();
        listener = rtsp.gst_rtsp_server_create_source(server, null, error);
        if (listener == null) {
            String reason = errorMessage(error.getValue());
            gobject.g_object_unref(mountPoints);
            gobject.g_object_unref(server);
            access.close();
            mainLoop.close();
            throw new MediaException("cannot serve RTSP on " + uriHost + ":" + port + ": " + reason);
        }
        glib.g_source_attach(listener, mainLoop.context());
        this.port = rtsp.gst_rtsp_server_get_bound_port(server);

        // Sessions of clients that vanished without TEARDOWN (UDP) expire only when someone asks.
        expireSessions = (pool, data) -> {
            rtsp.gst_rtsp_session_pool_cleanup(pool);
            return 1;
        };
        Pointer pool = rtsp.gst_rtsp_server_get_session_pool(server);
        rtsp.gst_rtsp_session_pool_set_max_sessions(pool, options.maxSessions());
        sessionCleanup = rtsp.gst_rtsp_session_pool_create_watch(pool);
        gobject.g_object_unref(pool);
        glib.g_source_set_callback(sessionCleanup, expireSessions, null, null);
        glib.g_source_attach(sessionCleanup, mainLoop.context());

        mainLoop.start("vigil-rtsp-server-" + this.port);
    }

    private String errorMessage(Pointer error) {
        if (error == null) {
            return "unknown error";
        }
        // GError { GQuark domain; gint code; gchar *message; }
        String message = error.getPointer(8).getString(0, "UTF-8");
        glib.g_error_free(error);
        return message;
    }

    /** The port the server listens on. */
    public int port() {
        return port;
    }

    /** RTSP sessions alive now, of every mount: a client gone without TEARDOWN must not leave one. */
    public int sessions() {
        synchronized (this) {
            if (closed) {
                return 0;
            }
            return poolSessions();
        }
    }

    /** Unlocked, for the clients' threads: the pool counts under a lock of its own. */
    private int poolSessions() {
        Pointer pool = rtsp.gst_rtsp_server_get_session_pool(server);
        try {
            return rtsp.gst_rtsp_session_pool_get_n_sessions(pool);
        } finally {
            gobject.g_object_unref(pool);
        }
    }

    /** SETUPs refused since the start because the server had {@link RtspServerOptions#maxSessions()} sessions. */
    public long refusedSessions() {
        return refusedSessions.get();
    }

    public RtspServerOptions options() {
        return options;
    }

    @Override
    public RtspMount mount(String path, StreamSource source, Optional<RtspCredentials> credentials)
            throws MediaException {
        Objects.requireNonNull(source, "source");
        return serve(path, () -> PreparedSource.prepare(source, gst), credentials);
    }

    /** Serves an ONVIF metadata stream: documents sent to the mount go to every client playing it. */
    @Override
    public MetadataMount mountMetadata(String path, Optional<RtspCredentials> credentials,
            MetadataKeepAlive keepAlive) throws MediaException {
        Objects.requireNonNull(keepAlive, "keepAlive");
        checkPath(path, credentials);
        MetadataFeed feed = MetadataFeed.start(keepAlive, "vigil-rtsp-metadata-" + port + path);
        try {
            return new ServedMetadataMount(serve(path, () -> PreparedSource.metadata(feed), credentials), feed);
        } catch (MediaException | RuntimeException e) {
            feed.close(); // when the source was never prepared; closing twice does nothing
            throw e;
        }
    }

    /** Prepares a mount's source; may be slow, so it runs unlocked. */
    @FunctionalInterface
    private interface Preparation {
        PreparedSource prepare() throws MediaException;
    }

    private ServedMount serve(String path, Preparation preparation, Optional<RtspCredentials> credentials)
            throws MediaException {
        checkPath(path, credentials);
        synchronized (this) {
            requireFree(path);
        }
        PreparedSource prepared = preparation.prepare(); // slow (photos, element checks): unlocked
        try {
            synchronized (this) {
                requireFree(path);
                return add(path, prepared, credentials);
            }
        } catch (MediaException | RuntimeException e) {
            prepared.close();
            throw e;
        }
    }

    private static void checkPath(String path, Optional<RtspCredentials> credentials) throws MediaException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(credentials, "credentials");
        if (!MOUNT_PATH.matcher(path).matches()) {
            throw new MediaException("'" + path + "' is not a mount path: use /name or /name/name with letters, "
                    + "digits and ._~-");
        }
    }

    private void requireFree(String path) throws MediaException {
        if (closed) {
            throw new MediaException("the RTSP server on port " + port + " is closed");
        }
        if (mounts.containsKey(path)) {
            throw new MediaException(path + " is already mounted on the RTSP server on port " + port);
        }
    }

    private ServedMount add(String path, PreparedSource prepared, Optional<RtspCredentials> credentials)
            throws MediaException {
        Optional<String> role = Optional.empty();
        if (credentials.isPresent()) {
            role = Optional.of(access.admit(credentials.get()));
        }
        Pointer factory = rtsp.gst_rtsp_media_factory_new();
        rtsp.gst_rtsp_media_factory_set_launch(factory, prepared.launch().forFactory());
        // one pipeline per mount, however many clients watch it, as with a camera
        rtsp.gst_rtsp_media_factory_set_shared(factory, 1);
        Optional<MediaConfigureHook> hook = prepared.media()
                .map(media -> MediaConfigureHook.connect(rtsp, gobject, factory, media));
        URI uri = URI.create("rtsp://" + uriHost + ":" + port + path);
        ServedMount mount = new ServedMount(this, path, uri, factory, hook, credentials.map(RtspCredentials::user),
                role, prepared);
        mounts.put(path, mount);
        applyPermissions(); // a new user's role must be known to every mount
        // the mount points take a reference of their own; ours stays with the mount
        rtsp.gst_rtsp_mount_points_add_factory(mountPoints, path, gobject.g_object_ref(factory));
        return mount;
    }

    private void applyPermissions() {
        for (ServedMount mount : mounts.values()) {
            Pointer permissions = access.permissions(mount.role());
            rtsp.gst_rtsp_media_factory_set_permissions(mount.factory(), permissions);
            gst.gst_mini_object_unref(permissions);
        }
    }

    /** Removes the path, disconnects the clients playing it, and deletes its files. */
    void unmount(ServedMount mount) {
        synchronized (this) {
            if (mounts.get(mount.path()) == mount) {
                mounts.remove(mount.path());
                rtsp.gst_rtsp_mount_points_remove_factory(mountPoints, mount.path());
                disconnectClientsOf(mount.path());
                mount.user().ifPresent(user -> {
                    access.release(user);
                    applyPermissions();
                });
                mount.hook().ifPresent(MediaConfigureHook::close);
                gobject.g_object_unref(mount.factory());
            }
        }
        mount.source().close();
    }

    private void disconnectClientsOf(String path) {
        RtspServerLibrary.ClientFilterFunc playingPath = (rtspServer, client, data) ->
                plays(client, path) ? RtspServerLibrary.FILTER_REF : RtspServerLibrary.FILTER_KEEP;
        // each on the thread serving it: see ClientCloser
        closer.close(mainLoop.call(() -> rtsp.gst_rtsp_server_client_filter(server, playingPath, null)));
    }

    /** Whether one of the client's sessions plays exactly {@code path}, not just a prefix of it. */
    private boolean plays(Pointer client, String path) {
        Pointer sessions = rtsp.gst_rtsp_client_session_filter(client, null, null);
        boolean plays = false;
        for (Pointer node = sessions; node != null; node = node.getPointer(Native.POINTER_SIZE)) {
            Pointer session = node.getPointer(0); // GList { gpointer data; GList *next; GList *prev; }
            IntByReference matched = new IntByReference();
            if (rtsp.gst_rtsp_session_get_media(session, path, matched) != null && matched.getValue() == path.length()) {
                plays = true;
            }
            gobject.g_object_unref(session);
        }
        if (sessions != null) {
            glib.g_list_free(sessions);
        }
        return plays;
    }

    /**
     * Stops listening, disconnects every client, and frees the server; its port is free again
     * when this returns. Closing twice does nothing.
     */
    @Override
    public void close() {
        List<ServedMount> served;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            served = new ArrayList<>(mounts.values());
            mounts.clear();
            try {
                Pointer clients = mainLoop.call(() -> {
                    // the listening socket closes when the destroyed source loses our reference below
                    glib.g_source_destroy(listener);
                    glib.g_source_destroy(sessionCleanup);
                    for (ServedMount mount : served) {
                        rtsp.gst_rtsp_mount_points_remove_factory(mountPoints, mount.path());
                    }
                    return rtsp.gst_rtsp_server_client_filter(server, everyClient, null);
                });
                closer.close(clients); // each on the thread serving it
            } finally {
                mainLoop.close();
                glib.g_source_unref(listener);
                glib.g_source_unref(sessionCleanup);
                for (ServedMount mount : served) {
                    mount.hook().ifPresent(MediaConfigureHook::close);
                    gobject.g_object_unref(mount.factory());
                }
                gobject.g_object_unref(mountPoints);
                gobject.g_object_unref(server);
                access.close();
            }
        }
        for (ServedMount mount : served) {
            mount.source().close();
        }
    }
}

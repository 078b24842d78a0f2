package io.vigil.gstreamer.internal;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The part of gst-rtsp-server ({@code libgstrtspserver-1.0.so.0}) Vigil uses. gst1-java-core has
 * no binding for it. Objects are opaque pointers; who owns a returned reference is noted where the
 * caller must release it. gboolean is {@code int}.
 */
public interface RtspServerLibrary extends Library {

    /** The shared object's soname, so no development symlink ({@code -dev} package) is needed. */
    String SONAME = "libgstrtspserver-1.0.so.0";

    /** GstRTSPFilterResult */
    int FILTER_REMOVE = 0;
    int FILTER_KEEP = 1;
    int FILTER_REF = 2;

    /** GstRTSPAuthMethod flags */
    int AUTH_BASIC = 0x01;
    int AUTH_DIGEST = 0x02;

    /** Token field naming the role a user plays on media factories (GST_RTSP_TOKEN_MEDIA_FACTORY_ROLE). */
    String TOKEN_MEDIA_FACTORY_ROLE = "media.factory.role";
    /** May see that the mount exists (otherwise 404). */
    String PERM_MEDIA_FACTORY_ACCESS = "media.factory.access";
    /** May play it (otherwise 401, which makes a client retry with credentials). */
    String PERM_MEDIA_FACTORY_CONSTRUCT = "media.factory.construct";

    /** GstRTSPServerClientFilterFunc: called on the thread that runs the filter. */
    interface ClientFilterFunc extends Callback {
        int invoke(Pointer server, Pointer client, Pointer userData);
    }

    /** GstRTSPSessionPoolFunc: returns TRUE to keep its source. */
    interface SessionPoolFunc extends Callback {
        int invoke(Pointer pool, Pointer userData);
    }

    /**
     * GstRTSPMediaFactory::media-configure: a pipeline was built for a client and is not yet
     * started. Called on the server's main-loop thread.
     */
    interface MediaConfigureFunc extends Callback {
        void invoke(Pointer factory, Pointer media, Pointer userData);
    }

    /**
     * A signal carrying one object: GstRTSPServer::client-connected (the client) and
     * GstRTSPClient::new-session (the session). Called on the thread serving the client.
     */
    interface ObjectSignalFunc extends Callback {
        void invoke(Pointer instance, Pointer object, Pointer userData);
    }

    /**
     * GstRTSPClient::pre-setup-request: a SETUP about to be handled, with its GstRTSPContext;
     * anything but {@link #STATUS_OK} is sent back as the answer. Called on the client's thread.
     */
    interface ContextStatusFunc extends Callback {
        int invoke(Pointer client, Pointer context, Pointer userData);
    }

    /**
     * GstRTSPClient::send-message: an answer about to be sent, with its GstRTSPContext and message.
     * Called on the thread that answers, for a request the client's own.
     */
    interface SendMessageFunc extends Callback {
        void invoke(Pointer client, Pointer context, Pointer message, Pointer userData);
    }

    /** GstRTSPClient::closed: the client's connection is gone. Called on the client's thread. */
    interface ClientClosedFunc extends Callback {
        void invoke(Pointer client, Pointer userData);
    }

    /** GstRTSPStatusCode values. */
    int STATUS_OK = 200;
    int STATUS_SERVICE_UNAVAILABLE = 503;

    /**
     * Where GstRTSPContext keeps the request's session (NULL for a SETUP that would create one):
     * after server, conn, client, request, uri (pointers), method (an enum, padded to a pointer)
     * and auth, token (pointers). A public struct of gst-rtsp-server's stable ABI.
     */
    long CONTEXT_SESSION_OFFSET = 8L * com.sun.jna.Native.POINTER_SIZE;

    // server
    Pointer gst_rtsp_server_new(); // transfer full

    void gst_rtsp_server_set_address(Pointer server, String address);

    void gst_rtsp_server_set_service(Pointer server, String service);

    void gst_rtsp_server_set_auth(Pointer server, Pointer auth); // transfer none

    Pointer gst_rtsp_server_get_mount_points(Pointer server); // transfer full

    Pointer gst_rtsp_server_get_session_pool(Pointer server); // transfer full

    Pointer gst_rtsp_server_get_thread_pool(Pointer server); // transfer full

    void gst_rtsp_thread_pool_set_max_threads(Pointer pool, int max);

    /** Binds the socket; returns a GSource (transfer full) or NULL with {@code error} set. */
    Pointer gst_rtsp_server_create_source(Pointer server, Pointer cancellable, PointerByReference error);

    int gst_rtsp_server_get_bound_port(Pointer server);

    /** Returns a GList of the clients {@code func} kept with FILTER_REF; NULL when it never did. */
    Pointer gst_rtsp_server_client_filter(Pointer server, ClientFilterFunc func, Pointer userData);

    // clients and sessions
    /**
     * Closes the client's connection and destroys its watch. Only on the thread of the context the
     * client is attached to: from any other it can close the connection under a watch halfway
     * through reading a request (gst-rtsp-server itself closes "in watch context").
     */
    void gst_rtsp_client_close(Pointer client);

    /** With a NULL {@code func}: a GList of all the client's sessions, each with a reference to release. */
    Pointer gst_rtsp_client_session_filter(Pointer client, Pointer func, Pointer userData);

    /** The session's media whose path is the longest prefix of {@code path} (transfer none), or NULL. */
    Pointer gst_rtsp_session_get_media(Pointer session, String path, IntByReference matched);

    Pointer gst_rtsp_session_pool_create_watch(Pointer pool); // transfer full

    int gst_rtsp_session_pool_cleanup(Pointer pool);

    int gst_rtsp_session_pool_get_n_sessions(Pointer pool);

    void gst_rtsp_session_set_timeout(Pointer session, int seconds);

    /** Past {@code max} sessions the pool creates none, and the client answers 503. */
    void gst_rtsp_session_pool_set_max_sessions(Pointer pool, int max);

    // mount points and factories
    void gst_rtsp_mount_points_add_factory(Pointer mounts, String path, Pointer factory); // factory: transfer full

    void gst_rtsp_mount_points_remove_factory(Pointer mounts, String path);

    Pointer gst_rtsp_media_factory_new(); // transfer full

    void gst_rtsp_media_factory_set_launch(Pointer factory, String launch);

    void gst_rtsp_media_factory_set_shared(Pointer factory, int shared);

    void gst_rtsp_media_factory_set_permissions(Pointer factory, Pointer permissions); // transfer none

    /** The bin made from the factory's launch description (transfer full). */
    Pointer gst_rtsp_media_get_element(Pointer media);

    // authentication
    Pointer gst_rtsp_auth_new(); // transfer full

    void gst_rtsp_auth_set_supported_methods(Pointer auth, int methods);

    void gst_rtsp_auth_set_realm(Pointer auth, String realm);

    void gst_rtsp_auth_set_default_token(Pointer auth, Pointer token); // transfer none

    /** base64(user:pass), to be released with g_free; {@code pass} is NUL-terminated UTF-8. */
    Pointer gst_rtsp_auth_make_basic(String user, Pointer pass);

    void gst_rtsp_auth_add_basic(Pointer auth, Pointer basic, Pointer token); // token: transfer none

    void gst_rtsp_auth_remove_basic(Pointer auth, Pointer basic);

    void gst_rtsp_auth_add_digest(Pointer auth, String user, Pointer pass, Pointer token); // token: transfer none

    void gst_rtsp_auth_remove_digest(Pointer auth, String user);

    Pointer gst_rtsp_token_new_empty(); // a GstMiniObject: gst_mini_object_unref

    void gst_rtsp_token_set_string(Pointer token, String field, String value);

    Pointer gst_rtsp_permissions_new(); // a GstMiniObject: gst_mini_object_unref

    void gst_rtsp_permissions_add_permission_for_role(Pointer permissions, String role, String permission,
            int allowed);
}

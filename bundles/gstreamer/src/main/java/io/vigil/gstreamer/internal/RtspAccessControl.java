package io.vigil.gstreamer.internal;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.vigil.api.media.MediaException;
import io.vigil.api.media.RtspCredentials;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who may play which mount of one server, in gst-rtsp-server's terms: one GstRTSPAuth for the
 * server; each user with credentials gets a role of its own, everyone else the role
 * {@value #ANONYMOUS}; each mount's permissions say which roles may play it.
 *
 * <p>A role that may not play a mount may still "access" it, because gst-rtsp-server answers a
 * role without access with 404, and a client never retries a 404 with its credentials; a role
 * without the right to construct gets 401 and a challenge instead: Digest, and Basic only where
 * the server's configuration allows it (Basic sends the password in clear on every request).
 *
 * <p>Not thread-safe: the server calls it under its own lock.
 */
final class RtspAccessControl implements AutoCloseable {

    static final String ANONYMOUS = "anonymous";

    /** Safe in a Basic user:pass pair and a Digest header. */
    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9._~@+-]{1,64}");

    private final RtspServerLibrary rtsp;
    private final GLibLibrary glib;
    private final GObjectLibrary gobject;
    private final GstCoreLibrary gst;
    private final Pointer auth;
    private final boolean allowBasic;
    private final Map<String, User> users = new HashMap<>();
    private int lastRole;

    private static final class User {
        final String role;
        final char[] password;
        int mounts = 1;

        User(String role, char[] password) {
            this.role = role;
            this.password = password;
        }
    }

    /**
     * @param allowBasic whether users may also log in with Basic, which sends the password in clear;
     *                   without it Basic is neither offered nor accepted (no Basic credentials exist)
     */
    RtspAccessControl(RtspNatives natives, boolean allowBasic) {
        this.allowBasic = allowBasic;
        this.rtsp = natives.rtsp();
        this.glib = natives.glib();
        this.gobject = natives.gobject();
        this.gst = natives.gst();
        this.auth = rtsp.gst_rtsp_auth_new();
        rtsp.gst_rtsp_auth_set_supported_methods(auth, allowBasic
                ? RtspServerLibrary.AUTH_BASIC | RtspServerLibrary.AUTH_DIGEST : RtspServerLibrary.AUTH_DIGEST);
        rtsp.gst_rtsp_auth_set_realm(auth, "Vigil");
        Pointer anonymous = token(ANONYMOUS);
        rtsp.gst_rtsp_auth_set_default_token(auth, anonymous);
        gst.gst_mini_object_unref(anonymous);
    }

    /** The GstRTSPAuth (transfer none). */
    Pointer auth() {
        return auth;
    }

    /**
     * Lets {@code credentials} in for one more mount and returns the user's role. A user keeps one
     * password per server: Digest stores one per user name.
     */
    String admit(RtspCredentials credentials) throws MediaException {
        String name = credentials.user();
        if (!USER_NAME.matcher(name).matches()) {
            throw new MediaException("RTSP user name '" + name + "' is not allowed: use 1 to 64 letters, digits or ._~@+-");
        }
        User known = users.get(name);
        if (known != null) {
            if (!Arrays.equals(known.password, credentials.password())) {
                throw new MediaException("RTSP user " + name
                        + " already has another password on this server; one user has one password");
            }
            known.mounts++;
            return known.role;
        }
        String role = "user-" + ++lastRole;
        Pointer token = token(role);
        try (Memory password = nativeUtf8(credentials.password())) {
            if (allowBasic) {
                Pointer basic = rtsp.gst_rtsp_auth_make_basic(name, password);
                try {
                    rtsp.gst_rtsp_auth_add_basic(auth, basic, token);
                } finally {
                    wipeAndFree(basic);
                }
            }
            rtsp.gst_rtsp_auth_add_digest(auth, name, password, token);
            password.clear();
        } finally {
            gst.gst_mini_object_unref(token);
        }
        users.put(name, new User(role, credentials.password().clone()));
        return role;
    }

    /** One mount of {@code user} fewer; after its last one the user can no longer log in. */
    void release(String user) {
        User known = users.get(user);
        if (known == null || --known.mounts > 0) {
            return;
        }
        users.remove(user);
        forget(user, known);
    }

    /**
     * Permissions for a mount, to be released with gst_mini_object_unref: open to every role, or
     * playable by {@code ownerRole} only.
     */
    Pointer permissions(Optional<String> ownerRole) {
        List<String> roles = new ArrayList<>();
        roles.add(ANONYMOUS);
        users.values().forEach(user -> roles.add(user.role));
        Pointer permissions = rtsp.gst_rtsp_permissions_new();
        for (String role : roles) {
            boolean plays = ownerRole.isEmpty() || ownerRole.get().equals(role);
            rtsp.gst_rtsp_permissions_add_permission_for_role(permissions, role,
                    RtspServerLibrary.PERM_MEDIA_FACTORY_ACCESS, 1);
            rtsp.gst_rtsp_permissions_add_permission_for_role(permissions, role,
                    RtspServerLibrary.PERM_MEDIA_FACTORY_CONSTRUCT, plays ? 1 : 0);
        }
        return permissions;
    }

    @Override
    public void close() {
        users.forEach(this::forget);
        users.clear();
        gobject.g_object_unref(auth);
    }

    private void forget(String name, User user) {
        try (Memory password = nativeUtf8(user.password)) {
            if (allowBasic) {
                Pointer basic = rtsp.gst_rtsp_auth_make_basic(name, password);
                rtsp.gst_rtsp_auth_remove_basic(auth, basic);
                wipeAndFree(basic);
            }
            password.clear();
        } catch (MediaException e) {
            // cannot happen: the password was encoded when the user was admitted
        }
        rtsp.gst_rtsp_auth_remove_digest(auth, name);
        Arrays.fill(user.password, '\0');
    }

    private Pointer token(String role) {
        Pointer token = rtsp.gst_rtsp_token_new_empty();
        rtsp.gst_rtsp_token_set_string(token, RtspServerLibrary.TOKEN_MEDIA_FACTORY_ROLE, role);
        return token;
    }

    /** base64(user:password) is as good as the password: zero it before it goes back to the heap. */
    private void wipeAndFree(Pointer text) {
        text.setMemory(0, text.indexOf(0, (byte) 0), (byte) 0);
        glib.g_free(text);
    }

    /**
     * The password as NUL-terminated UTF-8 in native memory, without passing through an immutable
     * String; the caller clears it.
     */
    private static Memory nativeUtf8(char[] password) throws MediaException {
        ByteBuffer bytes;
        try {
            bytes = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(password));
        } catch (CharacterCodingException e) {
            throw new MediaException("an RTSP password must be valid Unicode", e);
        }
        try {
            int length = bytes.remaining();
            for (int i = 0; i < length; i++) {
                if (bytes.get(i) == 0) {
                    throw new MediaException("an RTSP password cannot contain the NUL character");
                }
            }
            Memory memory = new Memory(length + 1L);
            for (int i = 0; i < length; i++) {
                memory.setByte(i, bytes.get(i));
            }
            memory.setByte(length, (byte) 0);
            return memory;
        } finally {
            Arrays.fill(bytes.array(), (byte) 0);
        }
    }
}

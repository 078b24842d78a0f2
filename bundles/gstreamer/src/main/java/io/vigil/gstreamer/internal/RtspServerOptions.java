package io.vigil.gstreamer.internal;

/**
 * How an RTSP server treats its clients.
 *
 * @param allowBasic  whether a mount's user may also log in with RTSP Basic, which sends the
 *                    password in clear on every request; off, only Digest is offered and accepted
 * @param maxSessions RTSP sessions the server keeps at once, over all mounts; a SETUP past it is
 *                    refused with 503 Service Unavailable (and counted), so that clients cannot
 *                    take the machine's memory and threads one session at a time
 * @param sessionTimeoutSeconds how long a session outlives its client's last sign of life
 *                    ({@link NativeRtspServer#SESSION_TIMEOUT_SECONDS} by default); tests shorten it to
 *                    watch an expiry without waiting the production interval
 */
public record RtspServerOptions(boolean allowBasic, int maxSessions, int sessionTimeoutSeconds) {

    /** Digest only, at most 64 sessions, sessions kept {@link NativeRtspServer#SESSION_TIMEOUT_SECONDS}. */
    public static final RtspServerOptions DEFAULTS = new RtspServerOptions(false, 64);

    public RtspServerOptions {
        if (maxSessions < 1) {
            throw new IllegalArgumentException("an RTSP server needs room for at least one session, not " + maxSessions);
        }
        if (sessionTimeoutSeconds < 1) {
            throw new IllegalArgumentException("an RTSP session timeout of " + sessionTimeoutSeconds + " s is not at least 1 s");
        }
    }

    /** With the default session timeout. */
    public RtspServerOptions(boolean allowBasic, int maxSessions) {
        this(allowBasic, maxSessions, NativeRtspServer.SESSION_TIMEOUT_SECONDS);
    }

    public RtspServerOptions withBasic(boolean allowed) {
        return new RtspServerOptions(allowed, maxSessions, sessionTimeoutSeconds);
    }

    public RtspServerOptions withMaxSessions(int max) {
        return new RtspServerOptions(allowBasic, max, sessionTimeoutSeconds);
    }

    public RtspServerOptions withSessionTimeout(int seconds) {
        return new RtspServerOptions(allowBasic, maxSessions, seconds);
    }
}

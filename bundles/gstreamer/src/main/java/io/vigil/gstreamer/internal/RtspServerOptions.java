package io.vigil.gstreamer.internal;

/**
 * How an RTSP server treats its clients.
 *
 * @param allowBasic  whether a mount's user may also log in with RTSP Basic, which sends the
 *                    password in clear on every request; off, only Digest is offered and accepted
 * @param maxSessions RTSP sessions the server keeps at once, over all mounts; a SETUP past it is
 *                    refused with 503 Service Unavailable (and counted), so that clients cannot
 *                    take the machine's memory and threads one session at a time
 */
public record RtspServerOptions(boolean allowBasic, int maxSessions) {

    /** Digest only, at most 64 sessions. */
    public static final RtspServerOptions DEFAULTS = new RtspServerOptions(false, 64);

    public RtspServerOptions {
        if (maxSessions < 1) {
            throw new IllegalArgumentException("an RTSP server needs room for at least one session, not " + maxSessions);
        }
    }

    public RtspServerOptions withBasic(boolean allowed) {
        return new RtspServerOptions(allowed, maxSessions);
    }

    public RtspServerOptions withMaxSessions(int max) {
        return new RtspServerOptions(allowBasic, max);
    }
}

package io.vigil.ingest.internal;

import io.vigil.api.media.StreamSpec;
import io.vigil.api.secret.SecretStore;
import io.vigil.api.secret.SecretStoreException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How one camera's stream is pulled and analysed.
 *
 * @param cameraId      Vigil's camera id
 * @param uri           the RTSP URI, without credentials
 * @param user          the RTSP user, when the camera requires one
 * @param password      its password (from the secret store; never logged)
 * @param transport     TCP (default: survives NAT and firewalls, no loss) or UDP
 * @param latency       the jitter buffer's latency (GStreamer's 2 s default is far too long for live analysis)
 * @param maxFps        frames analysed per second at most
 * @param keyframesOnly decode only key frames, for very large fleets
 * @param maxWidth      frames wider than this are scaled down (0: full resolution)
 * @param maxHeight     frames taller than this are scaled down (0: full resolution)
 * @param decoder       "auto", "software" or a decoder element's name
 * @param backoffInitial first reconnection delay
 * @param backoffMax     longest reconnection delay
 * @param stallTimeout   no frame for this long counts as a failure
 * @param allowBasic     whether the password may go to the camera as RTSP Basic (in clear) over plain
 *                       {@code rtsp:}; off by default: rtspsrc gets it only when the camera offers Digest
 */
record StreamSettings(
        String cameraId,
        URI uri,
        Optional<String> user,
        Optional<char[]> password,
        Transport transport,
        Duration latency,
        double maxFps,
        boolean keyframesOnly,
        int maxWidth,
        int maxHeight,
        String decoder,
        Duration backoffInitial,
        Duration backoffMax,
        Duration stallTimeout,
        boolean allowBasic) {

    enum Transport { TCP, UDP }

    /** Without RTSP Basic, the default. */
    StreamSettings(String cameraId, URI uri, Optional<String> user, Optional<char[]> password, Transport transport,
            Duration latency, double maxFps, boolean keyframesOnly, int maxWidth, int maxHeight, String decoder,
            Duration backoffInitial, Duration backoffMax, Duration stallTimeout) {
        this(cameraId, uri, user, password, transport, latency, maxFps, keyframesOnly, maxWidth, maxHeight, decoder,
                backoffInitial, backoffMax, stallTimeout, false);
    }

    StreamSettings {
        Objects.requireNonNull(cameraId, "cameraId");
        Objects.requireNonNull(uri, "uri");
        if (!"rtsp".equalsIgnoreCase(uri.getScheme()) && !"rtsps".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("camera " + cameraId + ": not an RTSP URI: " + uri);
        }
        if (uri.getUserInfo() != null) {
            throw new IllegalArgumentException("camera " + cameraId
                    + ": credentials must not be in the URI; give a credentials alias from the secret store");
        }
        if (maxFps <= 0) {
            throw new IllegalArgumentException("camera " + cameraId + ": max fps must be positive, got " + maxFps);
        }
    }

    /** Defaults for a camera: TCP, 200 ms latency, 5 fps, full resolution, automatic decoder. */
    static StreamSettings defaults(String cameraId, URI uri) {
        return new StreamSettings(cameraId, uri, Optional.empty(), Optional.empty(), Transport.TCP,
                Duration.ofMillis(200), 5, false, 0, 0, DecoderSelector.AUTO, Duration.ofSeconds(1),
                Duration.ofSeconds(30), Duration.ofSeconds(10));
    }

    /**
     * The settings of an offered stream, its password fetched from the secret store; a missing
     * password names the alias to set.
     */
    static StreamSettings of(StreamSpec spec, SecretStore secrets) throws SecretStoreException {
        StreamSettings defaults = defaults(spec.cameraId(), spec.uri());
        StreamSettings settings = new StreamSettings(spec.cameraId(), spec.uri(), Optional.empty(), Optional.empty(),
                spec.transport() == StreamSpec.Transport.UDP ? Transport.UDP : Transport.TCP, spec.latency(), spec.maxFps(),
                spec.keyframesOnly(), spec.maxWidth(), spec.maxHeight(), spec.decoder(), defaults.backoffInitial(),
                defaults.backoffMax(), defaults.stallTimeout(), spec.allowBasic());
        if (!spec.user().isBlank()) {
            char[] password = spec.passwordAlias().isBlank() ? new char[0]
                    : secrets.password(spec.passwordAlias()).orElseThrow(() -> new SecretStoreException(
                            "camera " + spec.cameraId() + ": no password '" + spec.passwordAlias()
                                    + "' in the secret store (vigil secret set " + spec.passwordAlias() + ")"));
            settings = settings.withCredentials(spec.user(), password);
        }
        return settings;
    }

    StreamSettings withCredentials(String user, char[] password) {
        return new StreamSettings(cameraId, uri, Optional.of(user), Optional.of(password), transport, latency, maxFps,
                keyframesOnly, maxWidth, maxHeight, decoder, backoffInitial, backoffMax, stallTimeout, allowBasic);
    }

    StreamSettings withAllowBasic(boolean allow) {
        return new StreamSettings(cameraId, uri, user, password, transport, latency, maxFps, keyframesOnly, maxWidth,
                maxHeight, decoder, backoffInitial, backoffMax, stallTimeout, allow);
    }

    /** Whether the password is sent only as Digest, unless the server offers TLS ({@code rtsps:}) or Basic is allowed. */
    boolean needsDigest() {
        return user.isPresent() && !allowBasic && !"rtsps".equalsIgnoreCase(uri.getScheme());
    }

    @Override
    public String toString() {
        return "StreamSettings[camera=" + cameraId + ", uri=" + uri + ", user=" + user.orElse("-") + ", transport="
                + transport + ", latency=" + latency.toMillis() + "ms, maxFps=" + maxFps + ", keyframesOnly="
                + keyframesOnly + ", max=" + maxWidth + "x" + maxHeight + ", decoder=" + decoder
                + (allowBasic ? ", basic allowed" : "") + "]";
    }
}

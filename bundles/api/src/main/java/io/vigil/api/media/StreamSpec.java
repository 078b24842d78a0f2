package io.vigil.api.media;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * One camera stream that ingest should run: where it is, the login it needs and how it is pulled
 * and analysed. The password is never in a spec, only its alias in the secret store.
 *
 * @param cameraId      Vigil's camera id; one stream per camera id
 * @param uri           the RTSP URI, without user name or password
 * @param user          the RTSP user; empty when the stream needs none
 * @param passwordAlias the alias of its password in the secret store; empty: none
 * @param transport     how RTP is carried
 * @param latency       the jitter buffer's latency
 * @param maxFps        frames analysed per second at most
 * @param keyframesOnly decode only key frames (very large fleets)
 * @param maxWidth      frames wider than this are scaled down; 0 keeps full resolution
 * @param maxHeight     frames taller than this are scaled down; 0 keeps full resolution
 * @param decoder       {@value #AUTO_DECODER} (hardware when present), {@code software}, or a decoder element
 * @param allowBasic    whether the password may go as RTSP Basic (in clear) over plain {@code rtsp:}
 *                      when the camera offers nothing better
 */
public record StreamSpec(String cameraId, URI uri, String user, String passwordAlias, Transport transport, Duration latency,
                         double maxFps, boolean keyframesOnly, int maxWidth, int maxHeight, String decoder,
                         boolean allowBasic) {

    public enum Transport { TCP, UDP }

    public static final String AUTO_DECODER = "auto";

    public StreamSpec {
        Objects.requireNonNull(cameraId, "cameraId");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(passwordAlias, "passwordAlias");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(decoder, "decoder");
        if (cameraId.isBlank()) {
            throw new IllegalArgumentException("a stream needs a camera id");
        }
        if (!(maxFps > 0)) {
            throw new IllegalArgumentException("camera " + cameraId + ": max fps must be positive, got " + maxFps);
        }
    }

    /** A stream with ingest's defaults: TCP, 200 ms latency, 5 frames a second, full resolution, automatic decoder. */
    public static StreamSpec of(String cameraId, URI uri, String user, String passwordAlias, boolean allowBasic) {
        return new StreamSpec(cameraId, uri, user, passwordAlias, Transport.TCP, Duration.ofMillis(200), 5, false, 0, 0,
                AUTO_DECODER, allowBasic);
    }
}

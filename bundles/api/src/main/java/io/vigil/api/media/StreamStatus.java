package io.vigil.api.media;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one camera's stream stands and what it has done since it started.
 *
 * @param cameraId      Vigil's camera id
 * @param phase         the stream's phase
 * @param detail        why, in words for an administrator (never a secret)
 * @param since         when the phase began
 * @param codec         the stream's encoding, once known
 * @param decoder       the decoder element, once chosen
 * @param decoded       frames decoded
 * @param analysed      frames handed to analysis
 * @param dropped       frames that passed the rate cap but were replaced by a newer one before analysis took them
 * @param reconnects    reconnections since the stream started
 * @param latencyMillis capture-to-delivery time of the newest frame, in milliseconds (0 before any)
 */
public record StreamStatus(String cameraId, Phase phase, String detail, Instant since, Optional<VideoCodec> codec,
                           Optional<String> decoder, long decoded, long analysed, long dropped, long reconnects,
                           double latencyMillis) {

    public enum Phase { CONNECTING, STREAMING, RECONNECTING, FAILED, STOPPED }

    public StreamStatus {
        Objects.requireNonNull(cameraId, "cameraId");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(decoder, "decoder");
    }
}

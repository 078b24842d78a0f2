package io.vigil.ingest.internal;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Capture times a camera writes into its RTP packets: the ONVIF header extension (Streaming
 * spec, profile 0xABAC) carries the NTP time of the frame. Packets are read as they leave
 * rtspsrc; frames keep their packets' timestamps through depayloading and decoding, so the
 * time is remembered by timestamp and looked up when the frame arrives.
 */
final class OnvifTimestamps {

    static final int PROFILE = 0xABAC;
    /** Seconds from the NTP epoch (1900) to the Unix epoch (1970). */
    private static final long NTP_TO_UNIX_SECONDS = 2_208_988_800L;
    private static final int REMEMBERED = 256;

    private final Map<Long, Instant> byTimestamp = new LinkedHashMap<>(REMEMBERED, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Instant> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** The NTP time in one RTP packet's ONVIF extension, if it has one. */
    static Optional<Instant> parse(ByteBuffer packet) {
        int start = packet.position();
        if (packet.remaining() < 12) {
            return Optional.empty();
        }
        int first = packet.get(start) & 0xff;
        boolean extension = (first & 0x10) != 0;
        int csrcCount = first & 0x0f;
        int header = start + 12 + 4 * csrcCount;
        if (!extension || packet.limit() < header + 4) {
            return Optional.empty();
        }
        int profile = packet.getShort(header) & 0xffff;
        int words = packet.getShort(header + 2) & 0xffff;
        if (profile != PROFILE || words < 3 || packet.limit() < header + 4 + 4 * words) {
            return Optional.empty();
        }
        long ntp = packet.getLong(header + 4);
        return Optional.of(fromNtp(ntp));
    }

    static Instant fromNtp(long ntp) {
        long seconds = (ntp >>> 32) - NTP_TO_UNIX_SECONDS;
        long nanos = ((ntp & 0xffffffffL) * 1_000_000_000L) >>> 32;
        return Instant.ofEpochSecond(seconds, nanos);
    }

    synchronized void remember(long pts, Instant captured) {
        byTimestamp.put(pts, captured);
    }

    synchronized Optional<Instant> captured(long pts) {
        return Optional.ofNullable(byTimestamp.get(pts));
    }

    synchronized void clear() {
        byTimestamp.clear();
    }
}

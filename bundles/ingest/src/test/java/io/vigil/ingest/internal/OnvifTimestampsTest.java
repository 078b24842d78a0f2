package io.vigil.ingest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OnvifTimestampsTest {

    /** An RTP packet as the ONVIF Streaming spec lays it out, with {@code csrcs} contributing sources. */
    private static ByteBuffer packet(boolean extension, int profile, int csrcs, long ntp) {
        ByteBuffer b = ByteBuffer.allocate(12 + 4 * csrcs + 16 + 10);
        b.put((byte) (0x80 | (extension ? 0x10 : 0) | csrcs)).put((byte) 96).putShort((short) 7).putInt(90000).putInt(0x1234);
        for (int i = 0; i < csrcs; i++) {
            b.putInt(i);
        }
        b.putShort((short) profile).putShort((short) 3).putLong(ntp).putInt(0x80000000);
        b.put(new byte[10]); // payload
        return b.flip();
    }

    private static long ntp(Instant t) {
        long seconds = t.getEpochSecond() + 2_208_988_800L;
        long fraction = ((long) t.getNano() << 32) / 1_000_000_000L;
        return (seconds << 32) | fraction;
    }

    @Test
    void readsTheNtpTimeOfTheOnvifExtension() {
        Instant captured = Instant.parse("2026-11-27T14:00:00.250Z");
        Optional<Instant> read = OnvifTimestamps.parse(packet(true, OnvifTimestamps.PROFILE, 0, ntp(captured)));
        assertTrue(read.isPresent());
        assertTrue(Math.abs(read.get().toEpochMilli() - captured.toEpochMilli()) <= 1, read.get().toString());
        assertEquals(captured.toEpochMilli(), OnvifTimestamps.parse(packet(true, OnvifTimestamps.PROFILE, 2, ntp(captured)))
                .orElseThrow().toEpochMilli(), 1);
    }

    @Test
    void packetsWithoutItOrWithAnotherExtensionOrTruncatedGiveNothing() {
        long any = ntp(Instant.now());
        assertTrue(OnvifTimestamps.parse(packet(false, OnvifTimestamps.PROFILE, 0, any)).isEmpty());
        assertTrue(OnvifTimestamps.parse(packet(true, 0xBEDE, 0, any)).isEmpty());
        ByteBuffer truncated = packet(true, OnvifTimestamps.PROFILE, 0, any);
        truncated.limit(20);
        assertTrue(OnvifTimestamps.parse(truncated).isEmpty());
        assertTrue(OnvifTimestamps.parse(ByteBuffer.allocate(5)).isEmpty());
    }

    @Test
    void remembersABoundedNumberOfFrames() {
        OnvifTimestamps timestamps = new OnvifTimestamps();
        Instant t = Instant.now();
        for (long pts = 0; pts < 1000; pts++) {
            timestamps.remember(pts, t.plusMillis(pts));
        }
        assertTrue(timestamps.captured(0).isEmpty());
        assertEquals(t.plusMillis(999), timestamps.captured(999).orElseThrow());
    }
}

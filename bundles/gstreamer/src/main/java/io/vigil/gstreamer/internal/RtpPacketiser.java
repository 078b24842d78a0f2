package io.vigil.gstreamer.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Cuts XML documents into the RTP packets of an ONVIF metadata stream: payload type
 * {@value #PAYLOAD_TYPE} at {@value #CLOCK_RATE} Hz, every packet of a document with the same
 * RTP time, the marker bit on its last packet only (ONVIF Streaming Specification, "Metadata
 * streaming"). What a payloader element would do, which GStreamer has none of for this encoding.
 *
 * <p>One per pipeline, as a payloader: its own SSRC, and sequence numbers and RTP times that
 * start at random, as RFC 3550 asks. Not thread-safe.
 */
final class RtpPacketiser {

    static final int PAYLOAD_TYPE = 107;
    static final int CLOCK_RATE = 90_000;
    /** Payload bytes per packet: with the 12-byte header, well inside an Ethernet frame over UDP. */
    static final int MAX_PAYLOAD = 1400;
    static final int HEADER_SIZE = 12;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final int ssrc;
    private final int timestampOffset;
    private int sequence; // the next packet's, 0 to 65535

    RtpPacketiser(int ssrc, int firstSequence, int timestampOffset) {
        this.ssrc = ssrc;
        this.sequence = firstSequence & 0xffff;
        this.timestampOffset = timestampOffset;
    }

    static RtpPacketiser random(RandomGenerator random) {
        return new RtpPacketiser(random.nextInt(), random.nextInt(0x10000), random.nextInt());
    }

    /** The SSRC of every packet, as an unsigned 32-bit value. */
    long ssrc() {
        return Integer.toUnsignedLong(ssrc);
    }

    /** The RTP time of running time 0, as an unsigned 32-bit value. */
    long timestampOffset() {
        return Integer.toUnsignedLong(timestampOffset);
    }

    /** The sequence number the next packet gets. */
    int nextSequence() {
        return sequence;
    }

    /** The RTP time of {@code runningTimeNanos} (not negative), as an unsigned 32-bit value. */
    long rtpTime(long runningTimeNanos) {
        // in two parts: nanoseconds times 90000 overflow a long after about 3 years
        long ticks = runningTimeNanos / NANOS_PER_SECOND * CLOCK_RATE
                + runningTimeNanos % NANOS_PER_SECOND * CLOCK_RATE / NANOS_PER_SECOND;
        return (timestampOffset() + ticks) & 0xffffffffL;
    }

    /**
     * {@code document} as packets of at most {@link #MAX_PAYLOAD} payload bytes, stamped with the
     * RTP time of {@code runningTimeNanos}; an empty document is one empty packet. Each call uses
     * up as many sequence numbers as it returns packets.
     */
    List<byte[]> packets(byte[] document, long runningTimeNanos) {
        int timestamp = (int) rtpTime(runningTimeNanos);
        int count = Math.max(1, (document.length + MAX_PAYLOAD - 1) / MAX_PAYLOAD);
        List<byte[]> packets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int from = i * MAX_PAYLOAD;
            int length = Math.min(MAX_PAYLOAD, document.length - from);
            byte[] packet = new byte[HEADER_SIZE + length];
            packet[0] = (byte) 0x80; // version 2, no padding, no extension, no CSRC
            packet[1] = (byte) ((i == count - 1 ? 0x80 : 0) | PAYLOAD_TYPE);
            packet[2] = (byte) (sequence >>> 8);
            packet[3] = (byte) sequence;
            putInt(packet, 4, timestamp);
            putInt(packet, 8, ssrc);
            System.arraycopy(document, from, packet, HEADER_SIZE, length);
            packets.add(packet);
            sequence = (sequence + 1) & 0xffff;
        }
        return packets;
    }

    private static void putInt(byte[] packet, int at, int value) {
        packet[at] = (byte) (value >>> 24);
        packet[at + 1] = (byte) (value >>> 16);
        packet[at + 2] = (byte) (value >>> 8);
        packet[at + 3] = (byte) value;
    }
}

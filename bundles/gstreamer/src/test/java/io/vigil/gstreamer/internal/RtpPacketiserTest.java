package io.vigil.gstreamer.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RtpPacketiserTest {

    private static final byte[] SMALL = "<?xml version=\"1.0\"?><tt:MetadataStream/>".getBytes(StandardCharsets.UTF_8);

    @Test
    void aSmallDocumentIsOnePacketWithTheMarkerAndAnRtpV2Header() {
        RtpPacketiser packetiser = new RtpPacketiser(0xCAFEBABE, 4242, 1000);
        List<byte[]> packets = packetiser.packets(SMALL, 1_000_000_000L); // 1 s: 90000 ticks after the offset

        assertEquals(1, packets.size());
        byte[] packet = packets.get(0);
        assertEquals(RtpPacketiser.HEADER_SIZE + SMALL.length, packet.length);
        Header header = Header.of(packet);
        assertEquals(2, header.version);
        assertEquals(false, header.padding || header.extension);
        assertEquals(0, header.csrcCount);
        assertTrue(header.marker);
        assertEquals(107, header.payloadType);
        assertEquals(4242, header.sequence);
        assertEquals(1000 + 90_000L, header.timestamp);
        assertEquals(0xCAFEBABEL, header.ssrc);
        assertArrayEquals(SMALL, payload(packet));
        assertEquals(4243, packetiser.nextSequence());
    }

    @Test
    void aLargeDocumentIsSplitWithOneTimestampAndTheMarkerOnItsLastPacketOnly() {
        byte[] document = new byte[3 * RtpPacketiser.MAX_PAYLOAD + 17];
        new Random(7).nextBytes(document);
        RtpPacketiser packetiser = new RtpPacketiser(1, 65534, -5); // the offset as unsigned: 2^32 - 5
        long runningTime = 10_000_000L; // 10 ms: 900 ticks, past 2^32, so wrapped

        List<byte[]> packets = packetiser.packets(document, runningTime);

        assertEquals(4, packets.size());
        ByteArrayOutputStream reassembled = new ByteArrayOutputStream();
        int[] expectedSequences = {65534, 65535, 0, 1};
        for (int i = 0; i < packets.size(); i++) {
            Header header = Header.of(packets.get(i));
            assertEquals(expectedSequences[i], header.sequence, "packet " + i);
            assertEquals(895L, header.timestamp, "packet " + i);
            assertEquals(i == packets.size() - 1, header.marker, "packet " + i);
            assertTrue(packets.get(i).length <= RtpPacketiser.HEADER_SIZE + RtpPacketiser.MAX_PAYLOAD);
            reassembled.writeBytes(payload(packets.get(i)));
        }
        assertArrayEquals(document, reassembled.toByteArray());
        assertEquals(2, packetiser.nextSequence());
    }

    @Test
    void sequenceNumbersContinueAcrossDocumentsAndTimestampsFollowTheRunningTime() {
        RtpPacketiser packetiser = new RtpPacketiser(9, 65535, 0);
        Header first = Header.of(packetiser.packets(SMALL, 0).get(0));
        List<byte[]> second = packetiser.packets(new byte[RtpPacketiser.MAX_PAYLOAD + 1], 100_000_000L);
        Header third = Header.of(packetiser.packets(new byte[0], 200_000_000L).get(0));

        assertEquals(65535, first.sequence);
        assertEquals(0, first.timestamp);
        assertEquals(List.of(0, 1), second.stream().map(p -> Header.of(p).sequence).toList());
        assertEquals(List.of(9000L, 9000L), second.stream().map(p -> Header.of(p).timestamp).toList());
        assertEquals(2, third.sequence);
        assertEquals(18_000, third.timestamp);
        assertTrue(third.marker); // an empty document is one empty packet
        assertEquals(RtpPacketiser.HEADER_SIZE, packetiser.packets(new byte[0], 0).get(0).length);
        assertEquals(9L, first.ssrc);
    }

    @Test
    void rtpTimeDoesNotOverflowAfterYearsOfRunning() {
        RtpPacketiser packetiser = new RtpPacketiser(0, 0, 0);
        long tenYears = 10L * 365 * 24 * 3600 * 1_000_000_000L;
        long ticks = 10L * 365 * 24 * 3600 * 90_000L;
        assertEquals(ticks & 0xffffffffL, packetiser.rtpTime(tenYears));
        assertEquals(1, packetiser.rtpTime(11_112)); // 11112 ns is 1.00008 ticks
    }

    @Test
    void randomPacketisersStartAnywhere() {
        Random random = new Random(1);
        Set<Long> ssrcs = new HashSet<>();
        Set<Integer> sequences = new HashSet<>();
        Set<Long> offsets = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            RtpPacketiser packetiser = RtpPacketiser.random(random);
            ssrcs.add(packetiser.ssrc());
            sequences.add(packetiser.nextSequence());
            offsets.add(packetiser.timestampOffset());
            assertTrue(packetiser.nextSequence() >= 0 && packetiser.nextSequence() <= 65535);
            assertEquals(packetiser.timestampOffset(), Header.of(packetiser.packets(SMALL, 0).get(0)).timestamp);
        }
        assertTrue(ssrcs.size() > 15 && sequences.size() > 15 && offsets.size() > 15);
    }

    private static byte[] payload(byte[] packet) {
        byte[] payload = new byte[packet.length - RtpPacketiser.HEADER_SIZE];
        System.arraycopy(packet, RtpPacketiser.HEADER_SIZE, payload, 0, payload.length);
        return payload;
    }

    /** RFC 3550's fixed header, read back independently of the packetiser. */
    private record Header(int version, boolean padding, boolean extension, int csrcCount, boolean marker,
            int payloadType, int sequence, long timestamp, long ssrc) {

        static Header of(byte[] packet) {
            ByteBuffer data = ByteBuffer.wrap(packet);
            int first = data.get() & 0xff;
            int second = data.get() & 0xff;
            return new Header(first >>> 6, (first & 0x20) != 0, (first & 0x10) != 0, first & 0x0f,
                    (second & 0x80) != 0, second & 0x7f, data.getShort() & 0xffff,
                    data.getInt() & 0xffffffffL, data.getInt() & 0xffffffffL);
        }
    }
}

package io.vigil.gstreamer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.media.VideoCodec;
import io.vigil.gstreamer.TestVideos;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.freedesktop.gstreamer.Buffer;
import org.freedesktop.gstreamer.BufferFlags;
import org.freedesktop.gstreamer.ClockTime;
import org.freedesktop.gstreamer.ElementFactory;
import org.freedesktop.gstreamer.FlowReturn;
import org.freedesktop.gstreamer.Gst;
import org.freedesktop.gstreamer.Pipeline;
import org.freedesktop.gstreamer.Sample;
import org.freedesktop.gstreamer.State;
import org.freedesktop.gstreamer.elements.AppSink;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A recording's loop feeding a real pipeline built from the mount's launch description, without RTSP. */
class RecordingLoopTest {

    @TempDir
    Path folder;

    @BeforeAll
    static void gstreamer() {
        GStreamerInit.ensureInitialised();
    }

    @Test
    void theCodecAndTheReorderingAreReadFromTheFileNotItsName() throws Exception {
        Path h264 = TestVideos.write(folder.resolve("h264.mp4"), 1, 160, 120, "x264enc bframes=0 ! matroskamux");
        Path h265 = TestVideos.write(folder.resolve("h265.mkv"), 1, 160, 120, "x265enc ! h265parse ! mp4mux");
        RecordedVideo withoutBFrames = RecordedVideo.probe(h264);
        RecordedVideo withBFrames = RecordedVideo.probe(h265);
        assertEquals(VideoCodec.H264, withoutBFrames.codec());
        assertEquals(0, withoutBFrames.reorder());
        assertEquals(VideoCodec.H265, withBFrames.codec());
        assertTrue(withBFrames.reorder() >= TimeUnit.MILLISECONDS.toNanos(100), () -> withBFrames.reorder() + " ns");
        // sent I0 P3 B1 B2: B1 is shown 200 ms before P3, sent before it
        long ms = TimeUnit.MILLISECONDS.toNanos(1);
        assertEquals(200 * ms, RecordedVideo.reorder(List.of(0L, 300 * ms, 100 * ms, 200 * ms, 600 * ms, 400 * ms)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // B-frames: Matroska keeps no decoding times for them, MP4 does
        "clip.mkv | H264 | matroskademux | x264enc key-int-max=5 bframes=2 ! matroskamux",
        "clip.mp4 | H265 | qtdemux       | x265enc key-int-max=5 ! h265parse ! mp4mux"})
    void framesArriveInRealTimeFromAKeyFrameInPresentationTimeAcrossTheLoopAndNothingIsDecoded(String name,
            VideoCodec codec, String demuxer, String encodeAndMux) throws Exception {
        Path clip = TestVideos.write(folder.resolve(name), 1, 160, 120, encodeAndMux); // a second a pass
        List<Long> shown = new CopyOnWriteArrayList<>();
        List<Long> decoded = new CopyOnWriteArrayList<>();
        List<Boolean> keyFrames = new CopyOnWriteArrayList<>();
        Pipeline served = (Pipeline) Gst.parseLaunch(LaunchDescription.recording(codec).pipeline()
                .replaceFirst(" ! rtph26[45]pay.*", " ! appsink name=out sync=false emit-signals=true"));
        ((AppSink) served.getElementByName("out")).connect((AppSink.NEW_SAMPLE) sink -> {
            Sample sample = sink.pullSample();
            Buffer frame = sample.getBuffer();
            shown.add(frame.getPresentationTimestamp());
            decoded.add(frame.getDecodeTimestamp());
            keyFrames.add(!frame.getFlags().contains(BufferFlags.DELTA_UNIT));
            frame.dispose();
            sample.dispose();
            return FlowReturn.OK;
        });
        RecordedVideo video = RecordedVideo.probe(clip.toAbsolutePath());
        assertTrue(video.reorder() > 0, "no B-frames found");
        RecordingLoop loop = RecordingLoop.start(video, RtspNatives.load().gst());
        try {
            for (String factory : loop.factoriesInUse()) {
                String klass = ElementFactory.find(factory).getKlass();
                assertFalse(klass.contains("Decoder") || klass.contains("Encoder"), factory + " is a " + klass);
            }
            assertTrue(loop.factoriesInUse().containsAll(List.of(demuxer, codec == VideoCodec.H264 ? "h264parse"
                    : "h265parse", "appsink")), loop.factoriesInUse()::toString);

            Thread.sleep(700); // mid-pass: the first frames sent must wait for a key frame
            served.play();
            loop.attach(served);
            Thread.sleep(3500); // three times round
        } finally {
            loop.close();
            served.setState(State.NULL);
            served.dispose();
        }
        // ten frames a second: from the disk as fast as it reads, there would be hundreds
        assertTrue(shown.size() >= 20 && shown.size() <= 45, shown.size() + " frames in 3.5 s");
        assertTrue(keyFrames.get(0), "the first frame is not a key frame");
        // in presentation order, a frame every 100 ms whichever pass it came from
        List<Long> inOrder = shown.stream().sorted().toList();
        assertTrue(inOrder.get(0) >= 0, shown::toString);
        for (int i = 1; i < inOrder.size(); i++) {
            long step = inOrder.get(i) - inOrder.get(i - 1);
            assertTrue(step >= TimeUnit.MILLISECONDS.toNanos(50) && step <= TimeUnit.MILLISECONDS.toNanos(300),
                    "frames " + (i - 1) + " and " + i + " are " + step + " ns apart: " + inOrder);
        }
        assertNotEquals(inOrder, shown, "no B-frame was sent");
        // sent in decoding order, each decoded before it is shown, as an encoder sends them
        for (int i = 0; i < decoded.size(); i++) {
            assertNotEquals(ClockTime.NONE, decoded.get(i), "frame " + i + " has no decoding time: " + decoded);
            assertTrue(decoded.get(i) <= shown.get(i), "frame " + i + " is decoded after it is shown");
            assertTrue(i == 0 || decoded.get(i) >= decoded.get(i - 1),
                    "decoding goes back at frame " + i + ": " + decoded);
        }
    }
}

package io.vigil.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading the metadata stream's payload as ffmpeg dumps it: documents back to back, the last cut short. */
class MetadataSampleTest {

    private static final String FRAME = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><tt:MetadataStream xmlns:tt=\"http://www.onvif.org/ver10/schema\">"
            + "<tt:VideoAnalytics><tt:Frame UtcTime=\"2026-03-01T10:42:03.120456789Z\" Source=\"VigilFaceRecognition\">%s</tt:Frame>"
            + "</tt:VideoAnalytics></tt:MetadataStream>";
    private static final String OBJECT = "<tt:Object ObjectId=\"%d\"><tt:Appearance><tt:Shape><tt:BoundingBox left=\"%s\" top=\"0.4200\""
            + " right=\"-0.2100\" bottom=\"0.0900\"/><tt:CenterOfGravity x=\"-0.28\" y=\"0.25\"/></tt:Shape></tt:Appearance></tt:Object>";

    @Test
    void framesWithTheirBoxesInOrder() {
        String dump = String.format(FRAME, "") + String.format(FRAME, String.format(OBJECT, 1, "-0.3500") + String.format(OBJECT, 2, "0.1000"))
                + "<?xml version=\"1.0\"?><tt:MetadataStream xmlns:tt=\"http://www.onvif.org/ver10/schema\"><tt:Eve";
        List<MetadataSample.Frame> frames = MetadataSample.frames(dump);
        assertEquals(2, frames.size());
        assertEquals(0, frames.get(0).boxes().size());
        assertEquals("frame 10:42:03.120Z, 2 faces: (-0.35,0.42)-(-0.21,0.09) (0.10,0.42)-(-0.21,0.09)", frames.get(1).describe());
    }
}

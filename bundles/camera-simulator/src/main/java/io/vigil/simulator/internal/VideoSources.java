package io.vigil.simulator.internal;

import io.vigil.onvif.message.Resolution;
import io.vigil.onvif.soap.Namespaces;
import io.vigil.onvif.xml.XmlOutput;
import io.vigil.onvif.xml.XmlWritable;
import java.util.Objects;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * {@code trt:GetVideoSourcesResponse} (media ver10) for a camera with one sensor: one
 * {@code trt:VideoSources} ({@code tt:VideoSource}) with its required Framerate and Resolution.
 *
 * @param token      the video source token the profiles' source configurations refer to
 * @param framerate  frames per second the sensor delivers
 * @param resolution the sensor's size
 */
record VideoSources(String token, int framerate, Resolution resolution) implements XmlWritable {

    VideoSources {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(resolution, "resolution");
    }

    @Override
    public void writeTo(XMLStreamWriter out) throws XMLStreamException {
        XmlOutput.startElement(out, SimulatorMessages.response(SimulatorOperation.MEDIA1_GET_VIDEO_SOURCES));
        XmlOutput.startElement(out, Namespaces.trt("VideoSources"));
        XmlOutput.attribute(out, "token", token);
        XmlOutput.textElement(out, Namespaces.tt("Framerate"), Integer.toString(framerate));
        XmlOutput.startElement(out, Namespaces.tt("Resolution"));
        XmlOutput.textElement(out, Namespaces.tt("Width"), Integer.toString(resolution.width()));
        XmlOutput.textElement(out, Namespaces.tt("Height"), Integer.toString(resolution.height()));
        out.writeEndElement();
        out.writeEndElement();
        out.writeEndElement();
    }
}

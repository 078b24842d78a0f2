package io.vigil.simulator.internal;

import io.vigil.onvif.message.VideoSettings;
import io.vigil.onvif.message.VideoXml;
import io.vigil.onvif.soap.Namespaces;
import io.vigil.onvif.xml.XmlOutput;
import io.vigil.onvif.xml.XmlWritable;
import java.util.List;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * GetVideoSourceConfigurations answered by either media service: Media1
 * {@code trt:GetVideoSourceConfigurationsResponse/trt:Configurations}, Media2
 * {@code tr2:GetVideoSourceConfigurationsResponse/tr2:Configurations}, each a
 * {@code tt:VideoSourceConfiguration} written by {@link VideoXml} as the profiles carry it, with
 * its real UseCount.
 *
 * @param media2         which media service answers
 * @param configurations the configurations, each with how many profiles use it
 */
record VideoSourceConfigurations(boolean media2, List<Used> configurations) implements XmlWritable {

    /** A video source configuration and its UseCount. */
    record Used(VideoSettings video, int useCount) {
    }

    VideoSourceConfigurations {
        configurations = List.copyOf(configurations);
    }

    @Override
    public void writeTo(XMLStreamWriter out) throws XMLStreamException {
        SimulatorOperation operation = media2 ? SimulatorOperation.MEDIA2_GET_VIDEO_SOURCE_CONFIGURATIONS
                : SimulatorOperation.MEDIA1_GET_VIDEO_SOURCE_CONFIGURATIONS;
        QName element = media2 ? Namespaces.tr2("Configurations") : Namespaces.trt("Configurations");
        XmlOutput.startElement(out, SimulatorMessages.response(operation));
        for (Used used : configurations) {
            XmlOutput.startElement(out, element);
            VideoXml.sourceConfiguration(out, used.video(), used.useCount());
            out.writeEndElement();
        }
        out.writeEndElement();
    }
}

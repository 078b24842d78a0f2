package io.vigil.onvif.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vigil.onvif.soap.ReceivedEnvelope;
import io.vigil.onvif.soap.SoapEnvelope;
import io.vigil.onvif.soap.SoapMessageException;
import io.vigil.onvif.soap.SoapReader;
import io.vigil.onvif.xml.XmlWritable;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.w3c.dom.Element;

/** Each message written by Vigil reads back the same, through the secure reader, found by its response element. */
@Timeout(10)
class MessageRoundTripTest {

    private static final VideoSettings MAIN = new VideoSettings("src", "vsc", new Resolution(1920, 1080), "enc-main", "H264",
            new Resolution(1920, 1080));
    private static final MediaProfile PROFILE = new MediaProfile("main", "Main stream", Optional.of(MAIN));
    private static final MediaProfile AUDIO_ONLY = new MediaProfile("audio", "Audio", Optional.empty());

    private final SoapReader reader = new SoapReader();

    private Element body(XmlWritable message, Operation operation) throws Exception {
        ReceivedEnvelope envelope = reader.read(SoapEnvelope.of(message).toBytes());
        return envelope.requireBody(operation.namespace(), operation.response().getLocalPart());
    }

    @Test
    void systemDateAndTimeKeepsUtcToTheSecond() throws Exception {
        SystemDateAndTime time = new SystemDateAndTime(Instant.parse("2026-02-28T23:59:58.750Z"), false);
        SystemDateAndTime read = SystemDateAndTime.read(body(time, Operation.GET_SYSTEM_DATE_AND_TIME));
        assertEquals(Instant.parse("2026-02-28T23:59:58Z"), read.utc());
    }

    @Test
    void systemDateAndTimeWithImpossibleDateIsRefused() throws Exception {
        byte[] message = ("<s:Envelope xmlns:s='http://www.w3.org/2003/05/soap-envelope' xmlns:tds='http://www.onvif.org/ver10/device/wsdl'"
                + " xmlns:tt='http://www.onvif.org/ver10/schema'><s:Body><tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime>"
                + "<tt:UTCDateTime><tt:Time><tt:Hour>25</tt:Hour><tt:Minute>0</tt:Minute><tt:Second>0</tt:Second></tt:Time>"
                + "<tt:Date><tt:Year>2026</tt:Year><tt:Month>2</tt:Month><tt:Day>30</tt:Day></tt:Date></tt:UTCDateTime>"
                + "</tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse></s:Body></s:Envelope>").getBytes(StandardCharsets.UTF_8);
        Element body = reader.read(message).body().orElseThrow();
        assertThrows(SoapMessageException.class, () -> SystemDateAndTime.read(body));
    }

    @Test
    void deviceInformation() throws Exception {
        DeviceInformation information = new DeviceInformation("Vigil", "Sim", "1.0", "SN1", "HW1");
        assertEquals(information, DeviceInformation.read(body(information, Operation.GET_DEVICE_INFORMATION)));
    }

    @Test
    void servicesFindsAddressByNamespace() throws Exception {
        Services services = new Services(List.of(new OnvifService("http://www.onvif.org/ver10/device/wsdl", URI.create("http://h/onvif/device_service"), 2, 60),
                new OnvifService("http://www.onvif.org/ver20/media/wsdl", URI.create("http://h/onvif/media2_service"), 2, 60)));
        Services read = Services.read(body(services, Operation.GET_SERVICES));
        assertEquals(services, read);
        assertEquals(Optional.of(URI.create("http://h/onvif/media2_service")), read.address("http://www.onvif.org/ver20/media/wsdl"));
        assertEquals(Optional.empty(), read.address("http://www.onvif.org/ver10/media/wsdl"));
    }

    @Test
    void capabilitiesWithAndWithoutMedia() throws Exception {
        Capabilities both = new Capabilities(URI.create("http://h/onvif/device_service"), Optional.of(URI.create("http://h/onvif/media_service")));
        assertEquals(both, Capabilities.read(body(both, Operation.GET_CAPABILITIES)));
        Capabilities deviceOnly = new Capabilities(URI.create("http://h/onvif/device_service"), Optional.empty());
        assertEquals(deviceOnly, Capabilities.read(body(deviceOnly, Operation.GET_CAPABILITIES)));
    }

    @Test
    void media1Profiles() throws Exception {
        Media1Profiles profiles = new Media1Profiles(List.of(PROFILE, AUDIO_ONLY));
        assertEquals(profiles, Media1Profiles.read(body(profiles, Operation.MEDIA1_GET_PROFILES)));
    }

    @Test
    void media2Profiles() throws Exception {
        Media2Profiles profiles = new Media2Profiles(List.of(PROFILE, AUDIO_ONLY));
        assertEquals(profiles, Media2Profiles.read(body(profiles, Operation.MEDIA2_GET_PROFILES)));
    }

    @Test
    void streamUriBothMediaVersions() throws Exception {
        for (boolean media2 : new boolean[] {false, true}) {
            StreamUri uri = new StreamUri(media2, URI.create("rtsp://127.0.0.1:8554/cam"));
            Operation operation = media2 ? Operation.MEDIA2_GET_STREAM_URI : Operation.MEDIA1_GET_STREAM_URI;
            assertEquals(uri, StreamUri.read(body(uri, operation), media2));
        }
    }

    @Test
    void streamUriRequestCarriesTheProfileToken() throws Exception {
        for (boolean media2 : new boolean[] {false, true}) {
            StreamUriRequest request = new StreamUriRequest(media2, "main");
            Element element = reader.read(SoapEnvelope.of(request).toBytes()).body().orElseThrow();
            assertEquals(Optional.of(request.operation()), Operation.ofRequest(element));
            assertEquals(request, StreamUriRequest.read(element, media2));
        }
    }
}

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

    @Test
    void createPullPointSubscriptionWithAndWithoutFilter() throws Exception {
        for (PullPointSubscriptionRequest request : List.of(
                new PullPointSubscriptionRequest(Optional.of("tns1:RuleEngine/Recognition/Face"), Optional.of(java.time.Duration.ofSeconds(60))),
                new PullPointSubscriptionRequest(Optional.empty(), Optional.empty()))) {
            Element element = reader.read(SoapEnvelope.of(request).toBytes()).body().orElseThrow();
            assertEquals(Optional.of(Operation.CREATE_PULL_POINT_SUBSCRIPTION), Operation.ofRequest(element));
            assertEquals(request, PullPointSubscriptionRequest.read(element));
        }
        // the expression's tns1 prefix is declared where the device resolves it
        Element filtered = reader.read(SoapEnvelope.of(new PullPointSubscriptionRequest(Optional.of("tns1:RuleEngine//."),
                Optional.empty())).toBytes()).body().orElseThrow();
        Element expression = io.vigil.onvif.xml.Dom.child(io.vigil.onvif.xml.Dom.child(filtered, io.vigil.onvif.soap.Namespaces.TEV,
                "Filter").orElseThrow(), io.vigil.onvif.soap.Namespaces.WSNT, "TopicExpression").orElseThrow();
        assertEquals(io.vigil.onvif.soap.Namespaces.TNS1, expression.lookupNamespaceURI("tns1"));
        assertThrows(IllegalArgumentException.class, () -> new PullPointSubscriptionRequest(Optional.of(" "), Optional.empty()));
    }

    @Test
    void pullPointSubscriptionAnswer() throws Exception {
        PullPointSubscription subscription = new PullPointSubscription(URI.create("http://h:8480/onvif/subscription/ab12"),
                Instant.parse("2026-03-01T10:00:00Z"), Instant.parse("2026-03-01T10:01:00Z"));
        assertEquals(subscription, PullPointSubscription.read(body(subscription, Operation.CREATE_PULL_POINT_SUBSCRIPTION)));
    }

    @Test
    void pullMessagesRequest() throws Exception {
        PullMessagesRequest request = new PullMessagesRequest(java.time.Duration.ofSeconds(5), 10);
        Element element = reader.read(SoapEnvelope.of(request).toBytes()).body().orElseThrow();
        assertEquals(Optional.of(Operation.PULL_MESSAGES), Operation.ofRequest(element));
        assertEquals(request, PullMessagesRequest.read(element));
        assertThrows(IllegalArgumentException.class, () -> new PullMessagesRequest(java.time.Duration.ofSeconds(5), 0));
    }

    @Test
    void pullMessagesAnswerWithARecognitionAndAPropertyEvent() throws Exception {
        NotificationMessage recognition = new NotificationMessage(io.vigil.onvif.soap.Namespaces.TNS1, "RuleEngine/Recognition/Face",
                Instant.parse("2026-03-01T10:42:03.120Z"), Optional.empty(),
                List.of(new NotificationMessage.Item("VideoSource", "VS_lobby"), new NotificationMessage.Item("Rule", "VigilFaceRecognition")),
                List.of(new NotificationMessage.Item("Likelihood", "0.8300"), new NotificationMessage.Item("EnrollmentID", "S-ABC")),
                Optional.of("42"), Optional.of(new NotificationMessage.Box(-0.75f, 0.444f, -0.594f, 0.167f)));
        NotificationMessage alarm = new NotificationMessage(io.vigil.onvif.soap.Namespaces.TNS1, "VideoSource/MotionAlarm",
                Instant.parse("2026-03-01T10:42:03Z"), Optional.of("Changed"), List.of(new NotificationMessage.Item("Source", "VS_lobby")),
                List.of(new NotificationMessage.Item("State", "true")), Optional.empty(), Optional.empty());
        PullMessagesResponse answer = new PullMessagesResponse(Instant.parse("2026-03-01T10:42:03.200Z"),
                Instant.parse("2026-03-01T10:43:03Z"), List.of(recognition, alarm));
        PullMessagesResponse read = PullMessagesResponse.read(body(answer, Operation.PULL_MESSAGES));
        assertEquals(answer, read);
        assertEquals("tns1:RuleEngine/Recognition/Face", read.messages().get(0).topicExpression());
        assertEquals(Optional.of("S-ABC"), read.messages().get(0).item("EnrollmentID"));
        assertEquals("(-0.750,0.444)-(-0.594,0.167)", read.messages().get(0).boundingBox().orElseThrow().toString());
        assertEquals(List.of(), PullMessagesResponse.read(body(new PullMessagesResponse(answer.currentTime(), answer.terminationTime(),
                List.of()), Operation.PULL_MESSAGES)).messages());
    }

    @Test
    void unsubscribeRequestAndAnswerAreEmptyWsBaseNotificationElements() throws Exception {
        Element request = reader.read(SoapEnvelope.of(new io.vigil.onvif.soap.EmptyElement(Operation.UNSUBSCRIBE.request())).toBytes())
                .body().orElseThrow();
        assertEquals(Optional.of(Operation.UNSUBSCRIBE), Operation.ofRequest(request));
        assertEquals("http://docs.oasis-open.org/wsn/b-2", Operation.UNSUBSCRIBE.namespace());
        assertEquals("http://docs.oasis-open.org/wsn/bw-2/SubscriptionManager/UnsubscribeRequest", Operation.UNSUBSCRIBE.action());
        body(new io.vigil.onvif.soap.EmptyElement(Operation.UNSUBSCRIBE.response()), Operation.UNSUBSCRIBE);
    }
}

package io.vigil.onvif.internal.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.compliance.ComplianceTopics;
import io.vigil.onvif.security.AuthChallenge;
import io.vigil.onvif.security.Credentials;
import io.vigil.onvif.security.ClockOffset;
import io.vigil.onvif.security.DigestChallenge;
import io.vigil.onvif.security.HttpDigest;
import io.vigil.onvif.security.UsernameToken;
import io.vigil.onvif.security.UsernameTokenFactory;
import io.vigil.onvif.soap.Namespaces;
import io.vigil.onvif.soap.ReceivedEnvelope;
import io.vigil.onvif.soap.SoapEnvelope;
import io.vigil.onvif.soap.SoapReader;
import io.vigil.onvif.xml.Dom;
import io.vigil.onvif.xml.XmlOutput;
import io.vigil.onvif.xml.XmlWritable;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CompletableFuture;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.w3c.dom.Element;

/** The Vigil device over real HTTP on loopback (the servlet in Jetty), driven by typed requests. */
@Timeout(60)
class OnvifDeviceTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private DeviceHarness device;

    @AfterEach
    void stop() throws Exception {
        if (device != null) {
            device.close();
        }
    }

    record Reply(int status, HttpResponse<byte[]> http, ReceivedEnvelope envelope) {
        Element body() {
            return envelope.body().orElseThrow();
        }

        String faultSubcodes() {
            return envelope.fault().map(f -> f.subcodes().stream().map(QName::getLocalPart).toList().toString()).orElse("");
        }
    }

    static XmlWritable element(QName name, XmlWritable... children) {
        return out -> {
            XmlOutput.startElement(out, name);
            for (XmlWritable child : children) {
                child.writeTo(out);
            }
            out.writeEndElement();
        };
    }

    static XmlWritable text(QName name, String value) {
        return out -> XmlOutput.textElement(out, name, value);
    }

    static UsernameToken token(char[] password) {
        return new UsernameTokenFactory().create(new Credentials(DeviceHarness.USER, password), ClockOffset.NONE);
    }

    static Reply post(URI uri, XmlWritable body, XmlWritable... headers) throws Exception {
        byte[] bytes = new SoapEnvelope(List.of(headers), body).toBytes();
        return send(HttpRequest.newBuilder(uri).header("Content-Type", "application/soap+xml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
    }

    static Reply send(HttpRequest request) throws Exception {
        HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return new Reply(response.statusCode(), response, new SoapReader().read(response.body()));
    }

    static CompletableFuture<Reply> postAsync(URI uri, XmlWritable body, XmlWritable... headers) {
        byte[] bytes = new SoapEnvelope(List.of(headers), body).toBytes();
        return HTTP.sendAsync(HttpRequest.newBuilder(uri).header("Content-Type", "application/soap+xml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(response -> {
                    try {
                        return new Reply(response.statusCode(), response, new SoapReader().read(response.body()));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
    }

    private Reply authed(URI uri, XmlWritable body) throws Exception {
        return post(uri, body, token(DeviceHarness.PASSWORD));
    }

    private URI createPullPoint(String initialTermination, String topicExpression) throws Exception {
        List<XmlWritable> children = new ArrayList<>();
        if (topicExpression != null) {
            children.add(element(Namespaces.tev("Filter"), out -> {
                XmlOutput.startElement(out, DeviceFault.wsnt("TopicExpression"));
                XmlOutput.attribute(out, "Dialect", EventTopic.CONCRETE_SET);
                out.writeNamespace("tns1", Namespaces.TNS1);
                out.writeNamespace("vigil", Namespaces.VIGIL_TOPICS);
                XmlOutput.characters(out, topicExpression);
                out.writeEndElement();
            }));
        }
        children.add(text(Namespaces.tev("InitialTerminationTime"), initialTermination));
        Reply reply = authed(device.events(), element(Namespaces.tev("CreatePullPointSubscription"), children.toArray(XmlWritable[]::new)));
        assertEquals(200, reply.status(), reply.envelope().toString());
        Element reference = Dom.child(reply.body(), Namespaces.TEV, "SubscriptionReference").orElseThrow();
        return URI.create(Dom.text(Dom.child(reference, Namespaces.WSA, "Address").orElseThrow()));
    }

    private static XmlWritable pull(String timeout, int limit) {
        return element(Namespaces.tev("PullMessages"), text(Namespaces.tev("Timeout"), timeout),
                text(Namespaces.tev("MessageLimit"), Integer.toString(limit)));
    }

    private static List<Element> messages(Reply reply) {
        return Dom.children(reply.body(), DeviceFault.WSNT, "NotificationMessage");
    }

    @Test
    void preAuthOperationsAnswerWithoutLoginOthersAskForIt() throws Exception {
        device = new DeviceHarness();
        for (String operation : List.of("GetSystemDateAndTime", "GetServices", "GetCapabilities", "GetHostname", "GetWsdlUrl",
                "GetEndpointReference", "GetServiceCapabilities")) {
            Reply reply = post(device.device(), element(Namespaces.tds(operation)));
            assertEquals(200, reply.status(), operation + ": " + reply.envelope());
            assertEquals(operation + "Response", reply.body().getLocalName());
        }
        Reply services = post(device.device(), element(Namespaces.tds("GetServices")));
        List<String> addresses = Dom.children(services.body(), Namespaces.TDS, "Service").stream()
                .map(s -> Dom.text(Dom.child(s, Namespaces.TDS, "XAddr").orElseThrow())).toList();
        assertEquals(List.of(device.base + "/onvif/device_service", device.base + "/onvif/media_service",
                device.base + "/onvif/media2_service", device.base + "/onvif/event_service"), addresses);

        for (String operation : List.of("GetDeviceInformation", "GetScopes", "GetNetworkInterfaces")) {
            Reply refused = post(device.device(), element(Namespaces.tds(operation)));
            assertEquals(401, refused.status(), operation);
            assertTrue(refused.http().headers().allValues("WWW-Authenticate").stream().anyMatch(v -> v.startsWith("Digest ")));
            assertEquals("[NotAuthorized]", refused.faultSubcodes());
            Reply allowed = authed(device.device(), element(Namespaces.tds(operation)));
            assertEquals(200, allowed.status(), operation + ": " + allowed.envelope());
        }
        Reply scopes = authed(device.device(), element(Namespaces.tds("GetScopes")));
        assertEquals(2, Dom.children(scopes.body(), Namespaces.TDS, "Scopes").size());
    }

    @Test
    void wrongPasswordAndReplayedNonceAreRefused() throws Exception {
        device = new DeviceHarness();
        Reply wrong = post(device.device(), element(Namespaces.tds("GetDeviceInformation")), token("wrong".toCharArray()));
        assertEquals(400, wrong.status());
        assertEquals("[NotAuthorized]", wrong.faultSubcodes());

        UsernameToken once = token(DeviceHarness.PASSWORD);
        assertEquals(200, post(device.device(), element(Namespaces.tds("GetDeviceInformation")), once).status());
        Reply replayed = post(device.device(), element(Namespaces.tds("GetDeviceInformation")), once);
        assertEquals(400, replayed.status());
        assertEquals("[NotAuthorized]", replayed.faultSubcodes());
        assertEquals(2, device.runtime.device().refusedCredentials());
    }

    @Test
    void httpDigestLogsInOnceAndRefusesAReplayedHeader() throws Exception {
        device = new DeviceHarness();
        byte[] body = new SoapEnvelope(List.of(), element(Namespaces.tds("GetDeviceInformation"))).toBytes();
        Reply challenge = send(HttpRequest.newBuilder(device.device()).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
        assertEquals(401, challenge.status());
        DigestChallenge digest = DigestChallenge.choose(AuthChallenge.parse(challenge.http().headers().allValues("WWW-Authenticate")))
                .orElseThrow();
        String authorization = HttpDigest.authorization(digest, new Credentials(DeviceHarness.USER, DeviceHarness.PASSWORD), "POST",
                "/onvif/device_service", body, 1, "0a4f113b");
        HttpRequest request = HttpRequest.newBuilder(device.device()).header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        Reply first = send(request);
        assertEquals(200, first.status(), first.envelope().toString());
        assertEquals("Vigil", Dom.text(Dom.child(first.body(), Namespaces.TDS, "Manufacturer").orElseThrow()));
        assertEquals(401, send(request).status(), "the same nonce, nc and cnonce again");
        String wrong = HttpDigest.authorization(digest, new Credentials(DeviceHarness.USER, "nope".toCharArray()), "POST",
                "/onvif/device_service", body, 2, "77");
        assertEquals(401, send(HttpRequest.newBuilder(device.device()).header("Authorization", wrong)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build()).status());
    }

    @Test
    void hostileXmlIsRefusedWithAFault() throws Exception {
        device = new DeviceHarness();
        String external = "<?xml version=\"1.0\"?><!DOCTYPE s [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body>&x;</s:Body></s:Envelope>";
        String billion = "<?xml version=\"1.0\"?><!DOCTYPE s [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
                + "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body>&c;</s:Body></s:Envelope>";
        for (String hostile : List.of(external, billion)) {
            Reply reply = send(HttpRequest.newBuilder(device.device())
                    .POST(HttpRequest.BodyPublishers.ofString(hostile, StandardCharsets.UTF_8)).build());
            assertEquals(400, reply.status());
            assertEquals("[WellFormed]", reply.faultSubcodes());
            assertTrue(reply.envelope().fault().orElseThrow().reason().contains("DOCTYPE"));
        }
        byte[] tenMegabytes = new byte[10 * 1024 * 1024];
        java.util.Arrays.fill(tenMegabytes, (byte) ' ');
        long start = System.nanoTime();
        Reply large = send(HttpRequest.newBuilder(device.device())
                .POST(HttpRequest.BodyPublishers.ofByteArray(tenMegabytes)).build());
        assertEquals(413, large.status());
        assertEquals("[WellFormed]", large.faultSubcodes());
        System.out.println("10 MB body refused in " + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
        // still answering
        assertEquals(200, post(device.device(), element(Namespaces.tds("GetSystemDateAndTime"))).status());
    }

    @Test
    void mediaShowsAVideoAndAMetadataProfilePerCameraAndRefusesChanges() throws Exception {
        device = new DeviceHarness();
        URI media = device.base.resolve(OnvifDevice.MEDIA_PATH);
        Reply profiles = authed(media, element(Namespaces.trt("GetProfiles")));
        List<Element> listed = Dom.children(profiles.body(), Namespaces.TRT, "Profiles");
        assertEquals(List.of("P_cam-1", "P_cam-2", "PM_cam-1", "PM_cam-2"), listed.stream().map(p -> p.getAttribute("token")).toList());
        // the metadata profile describes the camera's video source; its stream is the metadata stream
        List<io.vigil.onvif.message.MediaProfile> read = io.vigil.onvif.message.Media1Profiles.read(profiles.body()).profiles();
        assertEquals(Optional.empty(), read.get(0).metadata());
        io.vigil.onvif.message.MetadataSettings metadata = read.get(2).metadata().orElseThrow();
        assertEquals(List.of("MD_cam-1", "VS_cam-1", "VS_cam-1"), List.of(metadata.configurationToken(), metadata.sourceToken(),
                metadata.sourceConfigurationToken()));
        assertEquals(Optional.empty(), read.get(2).video());
        Reply metadataUri = authed(media, element(Namespaces.trt("GetStreamUri"), text(Namespaces.trt("ProfileToken"), "PM_cam-2")));
        assertEquals("rtsp://127.0.0.1:8554/vigil/cam-2/metadata", Dom.text(Dom.child(
                Dom.child(metadataUri.body(), Namespaces.TRT, "MediaUri").orElseThrow(), Namespaces.TT, "Uri").orElseThrow()));
        Element source = Dom.child(listed.get(0), Namespaces.TT, "VideoSourceConfiguration").orElseThrow();
        assertEquals("VS_cam-1", source.getAttribute("token"));
        assertEquals("VS_cam-1", Dom.text(Dom.child(source, Namespaces.TT, "SourceToken").orElseThrow()));
        Reply uri = authed(media, element(Namespaces.trt("GetStreamUri"), text(Namespaces.trt("ProfileToken"), "P_cam-2")));
        assertEquals("rtsp://127.0.0.1:8554/vigil/cam-2", Dom.text(Dom.child(
                Dom.child(uri.body(), Namespaces.TRT, "MediaUri").orElseThrow(), Namespaces.TT, "Uri").orElseThrow()));
        Reply media2 = authed(device.base.resolve(OnvifDevice.MEDIA2_PATH), element(Namespaces.tr2("GetProfiles")));
        assertEquals(4, Dom.children(media2.body(), Namespaces.TR2, "Profiles").size());
        assertEquals("MD_cam-2", io.vigil.onvif.message.Media2Profiles.read(media2.body()).profiles().get(3).metadata()
                .orElseThrow().configurationToken());
        Reply set = authed(media, element(Namespaces.trt("SetVideoEncoderConfiguration")));
        assertEquals(400, set.status());
        assertEquals("[InvalidArgVal, ConfigModify]", set.faultSubcodes());
        Reply create = authed(media, element(Namespaces.trt("CreateProfile")));
        assertEquals("[Action, MaxNVTProfiles]", create.faultSubcodes());
        Reply unknown = authed(media, element(Namespaces.trt("GetStreamUri"), text(Namespaces.trt("ProfileToken"), "nope")));
        assertEquals("[InvalidArgVal, NoProfile]", unknown.faultSubcodes());
    }

    /**
     * Issue 17: Media1's tt:VideoEncoding has no H265, yet Media1 GetProfiles offered an H.265
     * camera's profile, which a strict client rejects. Media1 leaves that profile out (Media2 has
     * it), and every media answer is valid against the official schemas.
     */
    @Test
    void mediaAnswersAreValidAgainstTheOnvifSchemasAndMedia1OffersNoH265() throws Exception {
        device = new DeviceHarness();
        device.cameras.add(new io.vigil.api.camera.Camera("cam-3", "Gate", URI.create("http://10.0.0.3/onvif/device_service"),
                Optional.empty(), "Gate", io.vigil.api.camera.SignageStatus.POSTED,
                new io.vigil.api.camera.StreamProfile("hevc", Optional.empty(), "H265", 1280, 720),
                new io.vigil.api.camera.CameraState(io.vigil.api.camera.CameraState.Phase.STREAMING, "test", java.time.Instant.now())));
        io.vigil.onvif.testing.OnvifSchemas schemas = io.vigil.onvif.testing.OnvifSchemas.media();
        URI media = device.base.resolve(OnvifDevice.MEDIA_PATH);
        URI media2 = device.base.resolve(OnvifDevice.MEDIA2_PATH);

        Reply profiles1 = authed(media, element(Namespaces.trt("GetProfiles")));
        Reply profiles2 = authed(media2, element(Namespaces.tr2("GetProfiles")));
        List<Reply> answers = List.of(profiles1, profiles2,
                authed(media, element(Namespaces.trt("GetVideoSources"))),
                authed(media, element(Namespaces.trt("GetVideoSourceConfigurations"))),
                authed(media2, element(Namespaces.tr2("GetVideoSourceConfigurations"))),
                authed(media, element(Namespaces.trt("GetMetadataConfigurations"))),
                authed(media2, element(Namespaces.tr2("GetMetadataConfigurations"))),
                authed(media, element(Namespaces.trt("GetStreamUri"), text(Namespaces.trt("ProfileToken"), "P_cam-1"))),
                authed(media2, element(Namespaces.tr2("GetStreamUri"), text(Namespaces.tr2("Protocol"), "RtspUnicast"),
                        text(Namespaces.tr2("ProfileToken"), "P_cam-3"))),
                authed(media, element(Namespaces.trt("GetServiceCapabilities"))),
                authed(media2, element(Namespaces.tr2("GetServiceCapabilities"))));
        for (Reply answer : answers) {
            Element content = answer.body();
            assertEquals(200, answer.status(), content.getLocalName());
            assertEquals(List.of(), schemas.problems(content), content.getNamespaceURI() + " " + content.getLocalName());
        }
        assertEquals(List.of("P_cam-1", "P_cam-2", "PM_cam-1", "PM_cam-2", "PM_cam-3"),
                Dom.children(profiles1.body(), Namespaces.TRT, "Profiles").stream().map(p -> p.getAttribute("token")).toList());
        assertEquals(List.of("P_cam-1", "P_cam-2", "P_cam-3", "PM_cam-1", "PM_cam-2", "PM_cam-3"),
                Dom.children(profiles2.body(), Namespaces.TR2, "Profiles").stream().map(p -> p.getAttribute("token")).toList());
        Reply hevcUri1 = authed(media, element(Namespaces.trt("GetStreamUri"), text(Namespaces.trt("ProfileToken"), "P_cam-3")));
        assertEquals("[InvalidArgVal, NoProfile]", hevcUri1.faultSubcodes());
    }

    @Test
    void metadataConfigurationsAgreeWithTheProfilesInBothMediaServices() throws Exception {
        device = new DeviceHarness();
        URI media = device.base.resolve(OnvifDevice.MEDIA_PATH);
        URI media2 = device.base.resolve(OnvifDevice.MEDIA2_PATH);
        Reply all = authed(media, element(Namespaces.trt("GetMetadataConfigurations")));
        assertEquals(List.of("MD_cam-1", "MD_cam-2"), Dom.children(all.body(), Namespaces.TRT, "Configurations").stream()
                .map(c -> c.getAttribute("token")).toList());
        Element first = Dom.children(all.body(), Namespaces.TRT, "Configurations").get(0);
        assertEquals("true", Dom.text(Dom.child(first, Namespaces.TT, "Analytics").orElseThrow()));
        assertTrue(Dom.child(first, Namespaces.TT, "Events").isPresent(), "every event is streamed");
        Reply one = authed(media, element(Namespaces.trt("GetMetadataConfiguration"), text(Namespaces.trt("ConfigurationToken"), "MD_cam-2")));
        assertEquals("MD_cam-2", Dom.child(one.body(), Namespaces.TRT, "Configuration").orElseThrow().getAttribute("token"));
        Reply compatible = authed(media, element(Namespaces.trt("GetCompatibleMetadataConfigurations"),
                text(Namespaces.trt("ProfileToken"), "PM_cam-1")));
        assertEquals(List.of("MD_cam-1"), Dom.children(compatible.body(), Namespaces.TRT, "Configurations").stream()
                .map(c -> c.getAttribute("token")).toList());
        Reply options = authed(media, element(Namespaces.trt("GetMetadataConfigurationOptions")));
        Element ptz = Dom.child(Dom.child(options.body(), Namespaces.TRT, "Options").orElseThrow(), Namespaces.TT,
                "PTZStatusFilterOptions").orElseThrow();
        assertEquals("false", Dom.text(Dom.child(ptz, Namespaces.TT, "PanTiltStatusSupported").orElseThrow()));
        Reply byProfile = authed(media2, element(Namespaces.tr2("GetMetadataConfigurations"), text(Namespaces.tr2("ProfileToken"), "PM_cam-2")));
        assertEquals(List.of("MD_cam-2"), Dom.children(byProfile.body(), Namespaces.TR2, "Configurations").stream()
                .map(c -> c.getAttribute("token")).toList());
        Reply options2 = authed(media2, element(Namespaces.tr2("GetMetadataConfigurationOptions"),
                text(Namespaces.tr2("ConfigurationToken"), "MD_cam-1")));
        assertTrue(Dom.child(options2.body(), Namespaces.TR2, "Options").isPresent());
        Reply unknown = authed(media, element(Namespaces.trt("GetMetadataConfiguration"), text(Namespaces.trt("ConfigurationToken"), "MD_nope")));
        assertEquals(400, unknown.status());
        assertEquals("[InvalidArgVal, NoConfig]", unknown.faultSubcodes());
        Reply change = authed(media, element(Namespaces.trt("SetMetadataConfiguration")));
        assertEquals("[InvalidArgVal, ConfigModify]", change.faultSubcodes());
    }

    @Test
    void aLedgerWarningReachesASubscriptionToVigilsComplianceTopicAndNoRecognitionSubscription() throws Exception {
        device = new DeviceHarness();
        Reply properties = authed(device.events(), element(Namespaces.tev("GetEventProperties")));
        String xml = new String(properties.http().body(), StandardCharsets.UTF_8);
        assertTrue(xml.contains("<vigil:Compliance") && xml.contains("<vigil:Warning wstop:topic=\"true\"")
                && xml.contains("Name=\"Deadline\" Type=\"xs:date\"") && xml.contains(Namespaces.VIGIL_TOPICS), xml);

        URI compliance = createPullPoint("PT60S", "vigil:Compliance//.");
        URI recognitions = createPullPoint("PT60S", "tns1:RuleEngine//.");
        Map<String, Object> warning = new java.util.HashMap<>(Map.of(ComplianceTopics.PROFILE, "CN",
                ComplianceTopics.KIND, ComplianceTopics.DEADLINE_APPROACHING, ComplianceTopics.COUNT, 100_000L,
                ComplianceTopics.THRESHOLD, 100_000L, ComplianceTopics.DEADLINE, "2025-11-13",
                ComplianceTopics.MESSAGE, "CN initial filing due by 2025-11-13, 5 working days left"));
        device.runtime.broker().publish(ComplianceWarnings.notification(new org.osgi.service.event.Event(ComplianceTopics.WARNING,
                warning), Instant.parse("2025-11-06T02:00:00Z")).orElseThrow());

        Reply reply = authed(compliance, pull("PT1S", 10));
        assertEquals(1, messages(reply).size());
        String text = new String(reply.http().body(), StandardCharsets.UTF_8);
        for (String expected : List.of("vigil:Compliance/Warning", "Name=\"Profile\" Value=\"CN\"",
                "Name=\"Kind\" Value=\"DEADLINE_APPROACHING\"", "Name=\"Count\" Value=\"100000\"",
                "Name=\"Threshold\" Value=\"100000\"", "Name=\"Deadline\" Value=\"2025-11-13\"", "5 working days left")) {
            assertTrue(text.contains(expected), expected + " in " + text);
        }
        assertEquals(0, messages(authed(recognitions, pull("PT1S", 10))).size(), "not on a recognition subscription");
        warning.remove(ComplianceTopics.KIND);
        assertTrue(ComplianceWarnings.notification(new org.osgi.service.event.Event(ComplianceTopics.WARNING, warning),
                Instant.now()).isEmpty(), "a warning without its kind is not described");
    }

    @Test
    void recognitionReachesAWaitingPullWithTheSpecFields() throws Exception {
        device = new DeviceHarness();
        Reply properties = authed(device.events(), element(Namespaces.tev("GetEventProperties")));
        String xml = new String(properties.http().body(), StandardCharsets.UTF_8);
        assertTrue(xml.contains("EnrollmentID") && xml.contains("VideoSourceConfigurationToken") && xml.contains("MotionAlarm"), xml);

        URI subscription = createPullPoint("PT60S", "tns1:RuleEngine/Recognition/Face");
        assertTrue(subscription.toString().startsWith(device.base + "/onvif/subscription/"), subscription.toString());
        long start = System.nanoTime();
        CompletableFuture<Reply> waiting = postAsync(subscription, pull("PT30S", 10), token(DeviceHarness.PASSWORD));
        Thread.sleep(300);
        assertFalse(waiting.isDone(), "a pull with nothing queued waits");
        Instant captured = Instant.parse("2026-11-27T10:15:30.250Z");
        long published = System.nanoTime();
        device.recognise("alert-1", "cam-2", "subj-7f3a", captured);
        Reply reply = waiting.get();
        long latencyMs = Duration.ofNanos(System.nanoTime() - published).toMillis();
        System.out.println("publish to pull answer: " + latencyMs + " ms (pull waited " + Duration.ofNanos(published - start).toMillis() + " ms)");
        assertTrue(latencyMs < 1000, latencyMs + " ms");
        List<Element> messages = messages(reply);
        assertEquals(1, messages.size(), "only the recognition topic was asked for");
        Element message = Dom.child(Dom.child(messages.get(0), DeviceFault.WSNT, "Message").orElseThrow(), Namespaces.TT, "Message").orElseThrow();
        assertEquals("2026-11-27T10:15:30.250Z", message.getAttribute("UtcTime"));
        String text = new String(reply.http().body(), StandardCharsets.UTF_8);
        for (String expected : List.of("Name=\"VideoSource\" Value=\"VS_cam-2\"", "Name=\"VideoSourceConfigurationToken\" Value=\"VS_cam-2\"",
                "Name=\"Rule\" Value=\"VigilFaceRecognition\"", "Name=\"Likelihood\" Value=\"0.8300\"",
                "Name=\"EnrollmentID\" Value=\"subj-7f3a\"", "Name=\"Label\" Value=\"Blacklisted\"", "ObjectId=\"42\"",
                "tns1:RuleEngine/Recognition/Face",
                // the face at (160, 200) 100x100 of a 1280x720 frame, in the spec's -1..1 coordinates (y up)
                "BoundingBox", "left=\"-0.75\"", "right=\"-0.59375\"")) {
            assertTrue(text.contains(expected), expected + " in " + text);
        }
    }

    @Test
    void pullTimesOutEmptySecondPullIsRefusedAndPullsKeepTheSubscriptionAlive() throws Exception {
        device = new DeviceHarness(EventBroker.Options.DEFAULTS, Duration.ofMillis(200));
        URI subscription = createPullPoint("PT2S", null);
        CompletableFuture<Reply> first = postAsync(subscription, pull("PT3S", 5), token(DeviceHarness.PASSWORD));
        Thread.sleep(300);
        Reply second = post(subscription, pull("PT1S", 5), token(DeviceHarness.PASSWORD));
        assertEquals(500, second.status());
        assertEquals("[UnableToGetMessagesFault]", second.faultSubcodes());
        long start = System.nanoTime();
        Reply timedOut = first.get();
        long waited = Duration.ofNanos(System.nanoTime() - start).toMillis() + 300;
        assertEquals(200, timedOut.status());
        assertEquals(0, messages(timedOut).size());
        assertTrue(waited >= 2500 && waited < 4500, "waited " + waited + " ms for a 3 s timeout");
        // 3 s after a 2 s subscription began, the pull kept it alive: still there after the reaper ran
        Thread.sleep(500);
        assertEquals(200, post(subscription, pull("PT0S", 5), token(DeviceHarness.PASSWORD)).status());
    }

    @Test
    void renewUnsubscribeAndExpiry() throws Exception {
        device = new DeviceHarness(EventBroker.Options.DEFAULTS, Duration.ofMillis(100));
        URI subscription = createPullPoint("PT1S", null);
        Reply renewed = authed(subscription, element(DeviceFault.wsnt("Renew"), text(DeviceFault.wsnt("TerminationTime"), "PT10S")));
        assertEquals(200, renewed.status(), renewed.envelope().toString());
        Instant termination = Instant.parse(Dom.text(Dom.child(renewed.body(), DeviceFault.WSNT, "TerminationTime").orElseThrow()));
        assertTrue(termination.isAfter(Instant.now().plusSeconds(8)));
        Reply sync = authed(subscription, element(Namespaces.tev("SetSynchronizationPoint")));
        assertEquals(200, sync.status());
        Reply initialized = authed(subscription, pull("PT0S", 10));
        assertEquals(2, messages(initialized).size(), "one Initialized state per source");
        assertEquals(200, authed(subscription, element(DeviceFault.wsnt("Unsubscribe"))).status());
        Reply gone = authed(subscription, pull("PT0S", 10));
        assertEquals("[ResourceUnknownFault]", gone.faultSubcodes());

        URI expiring = createPullPoint("PT1S", null);
        Thread.sleep(1500);
        assertEquals(0, device.runtime.broker().size(), "reaped");
        assertEquals("[ResourceUnknownFault]", authed(expiring, pull("PT0S", 1)).faultSubcodes());
    }

    @Test
    void subscribePushesNotifyToTheConsumerUntilUnsubscribed() throws Exception {
        device = new DeviceHarness(EventBroker.Options.DEFAULTS, Duration.ofSeconds(5), DeviceHarness.loopbackPush(Duration.ofSeconds(10)),
                200);
        java.util.concurrent.BlockingQueue<String> notified = new java.util.concurrent.LinkedBlockingQueue<>();
        java.util.concurrent.BlockingQueue<Long> arrived = new java.util.concurrent.LinkedBlockingQueue<>();
        com.sun.net.httpserver.HttpServer consumer = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        consumer.createContext("/vms/events", exchange -> {
            long at = System.nanoTime();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
            arrived.add(at);
            notified.add(body);
        });
        consumer.start();
        try {
            URI address = URI.create("http://127.0.0.1:" + consumer.getAddress().getPort() + "/vms/events");
            Reply subscribed = authed(device.events(), element(DeviceFault.wsnt("Subscribe"),
                    element(DeviceFault.wsnt("ConsumerReference"), text(Namespaces.wsa("Address"), address.toString())),
                    element(DeviceFault.wsnt("Filter"), out -> {
                        XmlOutput.startElement(out, DeviceFault.wsnt("TopicExpression"));
                        XmlOutput.attribute(out, "Dialect", EventTopic.CONCRETE_SET);
                        out.writeNamespace("tns1", Namespaces.TNS1);
                        XmlOutput.characters(out, "tns1:RuleEngine/Recognition/Face");
                        out.writeEndElement();
                    }),
                    text(DeviceFault.wsnt("InitialTerminationTime"), "PT60S")));
            assertEquals(200, subscribed.status(), subscribed.envelope().toString());
            URI subscription = URI.create(Dom.text(Dom.child(Dom.child(subscribed.body(), DeviceFault.WSNT, "SubscriptionReference")
                    .orElseThrow(), Namespaces.WSA, "Address").orElseThrow()));
            assertTrue(subscription.toString().startsWith(device.base + "/onvif/subscription/"), subscription.toString());

            long published = System.nanoTime();
            device.recognise("alert-push", "cam-1", "subj-push-1", Instant.parse("2026-11-27T11:00:00.500Z"));
            String notify = notified.poll(5, TimeUnit.SECONDS);
            assertTrue(notify != null, "no Notify within 5 s");
            long latencyMs = Duration.ofNanos(arrived.take() - published).toMillis();
            System.out.println("publish to Notify at the consumer: " + latencyMs + " ms");
            assertTrue(latencyMs < 1000, latencyMs + " ms");
            for (String expected : List.of("Notify", "tns1:RuleEngine/Recognition/Face", "Name=\"VideoSource\" Value=\"VS_cam-1\"",
                    "Name=\"EnrollmentID\" Value=\"subj-push-1\"", "UtcTime=\"2026-11-27T11:00:00.500Z\"")) {
                assertTrue(notify.contains(expected), expected + " in " + notify);
            }
            assertTrue(!notify.contains("MotionAlarm"), "only the topic subscribed to: " + notify);

            Reply renewed = authed(subscription, element(DeviceFault.wsnt("Renew"), text(DeviceFault.wsnt("TerminationTime"), "PT120S")));
            assertEquals(200, renewed.status(), renewed.envelope().toString());
            assertEquals(200, authed(subscription, element(DeviceFault.wsnt("Unsubscribe"))).status());
            assertEquals(0, device.runtime.broker().size());
            device.recognise("alert-push-2", "cam-1", "subj-push-2", Instant.parse("2026-11-27T11:00:05Z"));
            assertEquals(null, notified.poll(1, TimeUnit.SECONDS), "nothing pushed after Unsubscribe");
        } finally {
            consumer.stop(0);
        }
    }

    @Test
    void thousandSubscriptionsWithBoundedQueues() throws Exception {
        EventBroker.Options options = new EventBroker.Options(2_000, 50, Duration.ofMinutes(5), Duration.ofHours(1),
                Duration.ofMinutes(2), 100, 1_000);
        device = new DeviceHarness(options, Duration.ofSeconds(60));
        List<URI> subscriptions = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            subscriptions.add(createPullPoint("PT5M", null));
        }
        assertEquals(1_000, device.runtime.broker().size());
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        long before = runtime.totalMemory() - runtime.freeMemory();
        for (int i = 0; i < 500; i++) {
            device.recognise("a-" + i, i % 2 == 0 ? "cam-1" : "cam-2", "subj-" + i, Instant.now());
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (device.runtime.feed().published() < 500 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(500, device.runtime.feed().published());
        System.gc();
        long after = runtime.totalMemory() - runtime.freeMemory();
        String id = subscriptions.get(0).getPath().substring(OnvifDevice.SUBSCRIPTION_PATH.length());
        EventBroker.Snapshot snapshot = device.runtime.broker().snapshot(id).orElseThrow();
        assertEquals(50, snapshot.queued(), "queue bounded at its capacity");
        assertTrue(snapshot.dropped() >= 450, "oldest dropped and counted: " + snapshot.dropped());
        long growthKb = (after - before) / 1024;
        System.out.println("1,000 subscriptions x 500 recognitions (+ alarm states): dropped " + device.runtime.broker().dropped()
                + ", heap growth " + growthKb + " KiB");
        assertTrue(growthKb < 32 * 1024, "heap grew " + growthKb + " KiB");
        Reply pulled = authed(subscriptions.get(999), pull("PT0S", 100));
        assertEquals(50, messages(pulled).size());
    }
}

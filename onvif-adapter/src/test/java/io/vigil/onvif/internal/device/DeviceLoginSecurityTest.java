package io.vigil.onvif.internal.device;

import static io.vigil.onvif.internal.device.OnvifDeviceTest.element;
import static io.vigil.onvif.internal.device.OnvifDeviceTest.post;
import static io.vigil.onvif.internal.device.OnvifDeviceTest.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.onvif.security.AuthChallenge;
import io.vigil.onvif.security.ClockOffset;
import io.vigil.onvif.security.Credentials;
import io.vigil.onvif.security.DigestAlgorithm;
import io.vigil.onvif.security.DigestChallenge;
import io.vigil.onvif.security.HttpDigest;
import io.vigil.onvif.security.UsernameToken;
import io.vigil.onvif.security.UsernameTokenFactory;
import io.vigil.onvif.soap.Namespaces;
import io.vigil.onvif.soap.SoapEnvelope;
import io.vigil.onvif.xml.Dom;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The device's logins and transport against guessing and hostile clients (issue 19 items 4 and
 * 10): lockout, HTTP Digest's uri and algorithms, addresses not taken from the Host header, slow
 * clients. Real HTTP on loopback.
 */
@Timeout(120)
class DeviceLoginSecurityTest {

    private DeviceHarness device;

    @AfterEach
    void stop() throws Exception {
        if (device != null) {
            device.close();
        }
    }

    private static UsernameToken token(char[] password) {
        return new UsernameTokenFactory().create(new Credentials(DeviceHarness.USER, password), ClockOffset.NONE);
    }

    private static DeviceRuntime.Protection lockingAfter(int failures, Duration lockout) {
        DeviceRuntime.Protection defaults = DeviceRuntime.Protection.DEFAULTS;
        return new DeviceRuntime.Protection(defaults.pushAllowed(), defaults.pushDeadline(),
                new LoginThrottle.Options(failures, Duration.ofSeconds(1), Duration.ofSeconds(30), failures, lockout, 1000),
                defaults.externalAddress(), defaults.bodyDeadline());
    }

    private int deviceInformation(char[] password) throws Exception {
        return post(device.device(), element(Namespaces.tds("GetDeviceInformation")), token(password)).status();
    }

    @Test
    void anAccountIsLockedAfterRepeatedFailuresRefusesEvenTheRightPasswordThenOpensAfterTheWindow() throws Exception {
        device = new DeviceHarness(EventBroker.Options.DEFAULTS, Duration.ofSeconds(5), lockingAfter(5, Duration.ofSeconds(3)), 200);
        List<LoginThrottle.Lockout> audited = new java.util.concurrent.CopyOnWriteArrayList<>();
        device.runtime.logins().onLockout(audited::add);
        assertEquals(200, deviceInformation(DeviceHarness.PASSWORD), "the right password before any failure");
        for (int i = 0; i < 5; i++) {
            assertEquals(400, deviceInformation(("guess-" + i).toCharArray()));
        }
        long lockedAt = System.nanoTime();
        assertEquals(400, deviceInformation(DeviceHarness.PASSWORD), "the right password while locked");
        assertEquals(List.of(LoginThrottle.Kind.ADDRESS, LoginThrottle.Kind.ACCOUNT),
                audited.stream().map(LoginThrottle.Lockout::kind).toList());
        assertEquals(DeviceHarness.USER, audited.get(1).key());
        assertEquals(2, device.runtime.logins().locked().size(), "the address and the account, for status");
        // HTTP Digest from the same address is locked too
        byte[] body = new SoapEnvelope(List.of(), element(Namespaces.tds("GetDeviceInformation"))).toBytes();
        OnvifDeviceTest.Reply challenge = send(HttpRequest.newBuilder(device.device()).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
        DigestChallenge digest = DigestChallenge.choose(AuthChallenge.parse(challenge.http().headers().allValues("WWW-Authenticate")))
                .orElseThrow();
        String authorization = HttpDigest.authorization(digest, new Credentials(DeviceHarness.USER, DeviceHarness.PASSWORD), "POST",
                "/onvif/device_service", body, 1, "c0ffee");
        assertEquals(401, send(HttpRequest.newBuilder(device.device()).header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build()).status());

        long waitMs = 3_200 - Duration.ofNanos(System.nanoTime() - lockedAt).toMillis();
        if (waitMs > 0) {
            Thread.sleep(waitMs);
        }
        assertEquals(200, deviceInformation(DeviceHarness.PASSWORD), "the right password after the lockout");
        assertEquals(List.of(), device.runtime.logins().locked());
    }

    @Test
    void backOffThenLockoutPerAddressAndPerAccount() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-07T10:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        LoginThrottle throttle = new LoginThrottle(LoginThrottle.Options.DEFAULTS, clock);
        Optional<String> vms = Optional.of("vms");
        for (int i = 0; i < 3; i++) {
            assertTrue(throttle.blocked("10.0.0.9", vms).isEmpty(), "free failure " + i);
            throttle.failed("10.0.0.9", vms);
        }
        throttle.failed("10.0.0.9", vms); // the 4th: 1 s back-off
        assertEquals(Optional.of(now.get().plusSeconds(1)), throttle.blocked("10.0.0.9", vms));
        assertTrue(throttle.blocked("10.0.0.10", Optional.of("other")).isPresent() == false, "another address and account");
        assertTrue(throttle.blocked("10.0.0.10", vms).isPresent(), "the account, from any address");
        now.set(now.get().plusSeconds(1));
        throttle.failed("10.0.0.9", vms); // the 5th: 2 s
        assertEquals(Optional.of(now.get().plusSeconds(2)), throttle.blocked("10.0.0.9", Optional.empty()));
        List<Instant> locks = new ArrayList<>();
        throttle.onLockout(lockout -> locks.add(lockout.until()));
        for (int i = 6; i <= 10; i++) {
            now.set(now.get().plusSeconds(31));
            throttle.failed("10.0.0.9", vms);
        }
        assertEquals(2, locks.size(), "address and account locked at the 10th failure");
        assertEquals(Optional.of(now.get().plus(Duration.ofMinutes(15))), throttle.blocked("10.0.0.9", Optional.empty()));
        throttle.succeeded("vms");
        assertTrue(throttle.blocked("10.0.0.11", vms).isPresent(), "a lock is not lifted by a login elsewhere");
        now.set(now.get().plus(Duration.ofMinutes(15)).plusSeconds(1));
        assertTrue(throttle.blocked("10.0.0.9", vms).isEmpty(), "open after the lockout");
        throttle.failed("10.0.0.9", vms);
        assertTrue(throttle.blocked("10.0.0.9", vms).isEmpty(), "failures older than the window are forgotten: a free one again");
        for (int i = 0; i < 20_000; i++) {
            throttle.failed("10.9." + (i / 250) + "." + (i % 250), Optional.empty());
        }
        assertEquals(10_000, throttle.tracked(), "bounded: the keys idle longest went");
    }

    private String digestAuthorization(DigestAlgorithm algorithm, String uri, byte[] body, int nc) throws Exception {
        OnvifDeviceTest.Reply challenge = send(HttpRequest.newBuilder(device.device()).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
        assertEquals(401, challenge.status());
        List<String> offered = challenge.http().headers().allValues("WWW-Authenticate");
        assertEquals(2, offered.size(), offered.toString());
        assertTrue(offered.get(0).contains("algorithm=SHA-256") && offered.get(1).contains("algorithm=MD5"),
                "SHA-256 offered before MD5: " + offered);
        DigestChallenge chosen = AuthChallenge.parse(offered).stream().map(DigestChallenge::from).flatMap(Optional::stream)
                .filter(c -> c.algorithm() == algorithm).findFirst().orElseThrow();
        return HttpDigest.authorization(chosen, new Credentials(DeviceHarness.USER, DeviceHarness.PASSWORD), "POST", uri, body, nc,
                "c" + nc);
    }

    @Test
    void httpDigestTakesSha256AndMd5ButOnlyForThisRequestsUri() throws Exception {
        device = new DeviceHarness();
        byte[] body = new SoapEnvelope(List.of(), element(Namespaces.tds("GetDeviceInformation"))).toBytes();
        for (DigestAlgorithm algorithm : List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5)) {
            String authorization = digestAuthorization(algorithm, "/onvif/device_service", body, 1);
            assertTrue(authorization.contains("algorithm=" + algorithm.token()), authorization);
            OnvifDeviceTest.Reply reply = send(HttpRequest.newBuilder(device.device()).header("Authorization", authorization)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
            assertEquals(200, reply.status(), algorithm + ": " + reply.envelope());
        }
        // an answer computed for another resource (e.g. captured from a request to the media service)
        String elsewhere = digestAuthorization(DigestAlgorithm.SHA_256, "/onvif/media_service", body, 2);
        assertEquals(401, send(HttpRequest.newBuilder(device.device()).header("Authorization", elsewhere)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build()).status(), "a mismatched uri");
        // an absolute uri naming this resource is the same request-target (RFC 7616 3.4.6)
        String absolute = digestAuthorization(DigestAlgorithm.SHA_256, device.device().toString(), body, 3);
        assertEquals(200, send(HttpRequest.newBuilder(device.device()).header("Authorization", absolute)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build()).status());
    }

    /** Sends raw bytes on a new connection and reads the whole answer (the server closes or answers in full). */
    private static String raw(URI base, String request) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void addressesComeFromWhereTheRequestArrivedOrTheConfiguredAddressNeverFromTheHostHeader() throws Exception {
        device = new DeviceHarness();
        String soap = new String(new SoapEnvelope(List.of(), element(Namespaces.tds("GetServices"))).toBytes(), StandardCharsets.UTF_8);
        String request = "POST /onvif/device_service HTTP/1.1\r\nHost: attacker.example:4444\r\nContent-Type: application/soap+xml\r\n"
                + "Connection: close\r\nContent-Length: " + soap.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + soap;
        String answer = raw(device.base, request);
        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        assertTrue(!answer.contains("attacker.example"), answer);
        assertTrue(answer.contains("<tds:XAddr>http://127.0.0.1:" + device.base.getPort() + "/onvif/event_service</tds:XAddr>"), answer);
        device.close();

        DeviceRuntime.Protection defaults = DeviceRuntime.Protection.DEFAULTS;
        device = new DeviceHarness(EventBroker.Options.DEFAULTS, Duration.ofSeconds(5), new DeviceRuntime.Protection(
                defaults.pushAllowed(), defaults.pushDeadline(), defaults.logins(), Optional.of(URI.create("https://vigil.example.org:8481")),
                defaults.bodyDeadline()), 200);
        OnvifDeviceTest.Reply services = post(device.device(), element(Namespaces.tds("GetServices")));
        List<String> addresses = Dom.children(services.body(), Namespaces.TDS, "Service").stream()
                .map(s -> Dom.text(Dom.child(s, Namespaces.TDS, "XAddr").orElseThrow())).toList();
        assertEquals("https://vigil.example.org:8481/onvif/device_service", addresses.get(0));
        assertEquals("https://vigil.example.org:8481/onvif/event_service", addresses.get(3));
    }

    @Test
    void clientsThatSendSlowlyBeforeLoggingInHoldNoThreadAndAreCutAtTheBodyDeadline() throws Exception {
        DeviceRuntime.Protection defaults = DeviceRuntime.Protection.DEFAULTS;
        // a small pool, so that a few stuck requests would starve it
        device = new DeviceHarness(EventBroker.Options.DEFAULTS, Duration.ofSeconds(5), new DeviceRuntime.Protection(
                defaults.pushAllowed(), defaults.pushDeadline(), defaults.logins(), defaults.externalAddress(), Duration.ofSeconds(2)), 12);
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 16; i++) {
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), device.base.getPort());
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(("POST /onvif/device_service HTTP/1.1\r\nHost: x\r\nContent-Type: application/soap+xml\r\n"
                        + "Content-Length: 1000\r\n\r\n<s:Envelope").getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                slow.add(socket);
            }
            Thread.sleep(300);
            long start = System.nanoTime();
            OnvifDeviceTest.Reply time = post(device.device(), element(Namespaces.tds("GetSystemDateAndTime")));
            long tookMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
            System.out.println("GetSystemDateAndTime beside 16 stalled uploads: " + tookMs + " ms");
            assertEquals(200, time.status());
            assertTrue(tookMs < 1_500, tookMs + " ms: the stalled uploads held the threads");
            String cut = new String(slow.get(0).getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(cut.startsWith("HTTP/1.1 408"), "a stalled upload is answered 408 and closed: " + cut);
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void defaultShortAndNameLikeServiceAccountPasswordsAreNamedForStatus() {
        for (String weak : List.of("admin", "12345", "vms-onvif-2026", "Password", "short")) {
            assertTrue(ServiceAccounts.weak("vms-onvif", weak.toCharArray()), weak);
        }
        assertTrue(!ServiceAccounts.weak("vms-onvif", "q7-Vr2tLx9pWm4".toCharArray()));
    }
}

package io.vigil.onvif.internal.device;

import static io.vigil.onvif.internal.device.OnvifDeviceTest.element;
import static io.vigil.onvif.internal.device.OnvifDeviceTest.post;
import static io.vigil.onvif.internal.device.OnvifDeviceTest.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.onvif.security.ClockOffset;
import io.vigil.onvif.security.Credentials;
import io.vigil.onvif.security.UsernameToken;
import io.vigil.onvif.security.UsernameTokenFactory;
import io.vigil.onvif.soap.Namespaces;
import io.vigil.onvif.xml.Dom;
import io.vigil.onvif.xml.XmlWritable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.w3c.dom.Element;

/**
 * The event service against a VMS that misbehaves, or an account that attacks (issue 17 item 4,
 * issue 19 item 1): synchronisation points, push consumers, quotas and slow consumers, over real
 * HTTP on loopback.
 */
@Timeout(120)
class SubscriptionSecurityTest {

    private DeviceHarness device;

    @AfterEach
    void stop() throws Exception {
        if (device != null) {
            device.close();
        }
    }

    private static UsernameToken token(String user, char[] password) {
        return new UsernameTokenFactory().create(new Credentials(user, password), ClockOffset.NONE);
    }

    private OnvifDeviceTest.Reply as(String user, char[] password, URI uri, XmlWritable body) throws Exception {
        return post(uri, body, token(user, password));
    }

    private OnvifDeviceTest.Reply asVms(URI uri, XmlWritable body) throws Exception {
        return as(DeviceHarness.USER, DeviceHarness.PASSWORD, uri, body);
    }

    private static URI reference(OnvifDeviceTest.Reply reply, String namespace) {
        assertEquals(200, reply.status(), reply.envelope().toString());
        Element reference = Dom.child(reply.body(), namespace, "SubscriptionReference").orElseThrow();
        return URI.create(Dom.text(Dom.child(reference, Namespaces.WSA, "Address").orElseThrow()));
    }

    private static XmlWritable createPullPoint() {
        return element(Namespaces.tev("CreatePullPointSubscription"), text(Namespaces.tev("InitialTerminationTime"), "PT60S"));
    }

    private static XmlWritable subscribe(URI consumer) {
        return element(DeviceFault.wsnt("Subscribe"),
                element(DeviceFault.wsnt("ConsumerReference"), text(Namespaces.wsa("Address"), consumer.toString())),
                text(DeviceFault.wsnt("InitialTerminationTime"), "PT60S"));
    }

    private static XmlWritable pull() {
        return element(Namespaces.tev("PullMessages"), text(Namespaces.tev("Timeout"), "PT0S"),
                text(Namespaces.tev("MessageLimit"), "100"));
    }

    private static int messages(OnvifDeviceTest.Reply reply) {
        assertEquals(200, reply.status(), reply.envelope().toString());
        return Dom.children(reply.body(), DeviceFault.WSNT, "NotificationMessage").size();
    }

    @Test
    void synchronizationPointRepeatsThePropertiesForTheRequestingSubscriptionOnly() throws Exception {
        device = new DeviceHarness();
        URI first = reference(asVms(device.events(), createPullPoint()), Namespaces.TEV);
        URI second = reference(asVms(device.events(), createPullPoint()), Namespaces.TEV);

        assertEquals(200, asVms(first, element(Namespaces.tev("SetSynchronizationPoint"))).status());

        assertEquals(2, messages(asVms(first, pull())), "one Initialized MotionAlarm state per source (two cameras)");
        assertEquals(0, messages(asVms(second, pull())), "the other subscription's queue is untouched");
    }

    @Test
    void pushIsRefusedWithAClearFaultWhileNoConsumerAddressIsAllowed() throws Exception {
        device = new DeviceHarness();
        AtomicInteger posts = new AtomicInteger();
        com.sun.net.httpserver.HttpServer consumer = com.sun.net.httpserver.HttpServer.create(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        consumer.createContext("/", exchange -> {
            posts.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        consumer.start();
        try {
            OnvifDeviceTest.Reply refused = asVms(device.events(),
                    subscribe(URI.create("http://127.0.0.1:" + consumer.getAddress().getPort() + "/internal")));
            assertEquals(400, refused.status(), refused.envelope().toString());
            assertEquals("[SubscribeCreationFailedFault]", refused.faultSubcodes());
            assertTrue(refused.envelope().fault().orElseThrow().reason().contains("push.allow"),
                    refused.envelope().fault().orElseThrow().reason());
            assertEquals(0, device.subscriptions());
            device.recognise("alert-ssrf", "cam-1", "subj-1", Instant.now());
            Thread.sleep(500);
            assertEquals(0, posts.get(), "nothing was posted to the internal address");
        } finally {
            consumer.stop(0);
        }
    }

    @Test
    void oneAccountCannotTakeEverySubscriptionSlot() throws Exception {
        device = new DeviceHarness();
        int quota = EventBroker.Options.DEFAULTS.maxSubscriptionsPerAccount();
        for (int i = 0; i < quota; i++) {
            reference(as(DeviceHarness.OTHER_USER, DeviceHarness.OTHER_PASSWORD, device.events(), createPullPoint()), Namespaces.TEV);
        }
        OnvifDeviceTest.Reply over = as(DeviceHarness.OTHER_USER, DeviceHarness.OTHER_PASSWORD, device.events(), createPullPoint());
        assertEquals("[UnableToCreatePullPointFault]", over.faultSubcodes(), over.envelope().toString());
        assertEquals(quota, device.subscriptions());
        // the VMS's own account still subscribes
        URI own = reference(asVms(device.events(), createPullPoint()), Namespaces.TEV);
        assertEquals(0, messages(asVms(own, pull())));
    }

    /** A consumer that answers 200 at once and then sends its body one byte every 200 ms, for ever. */
    private static final class DribblingConsumer implements AutoCloseable {
        final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final AtomicInteger requests = new AtomicInteger();
        final Thread thread = new Thread(this::serve, "dribbling-consumer");

        DribblingConsumer() throws IOException {
            thread.setDaemon(true);
            thread.start();
        }

        URI address() {
            return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/notify");
        }

        private void serve() {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    Thread dribble = new Thread(() -> dribble(socket), "dribble");
                    dribble.setDaemon(true);
                    dribble.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void dribble(Socket socket) {
            try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
                byte[] buffer = new byte[65536];
                in.read(buffer); // the request (small enough for one read on loopback)
                requests.incrementAndGet();
                out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100000000\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                while (true) {
                    out.write('x');
                    out.flush();
                    Thread.sleep(200);
                }
            } catch (IOException | InterruptedException e) {
                // the device gave up: what the test wants
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    @Test
    void aPushEndsAtItsDeadlineEvenWhileTheConsumerIsStillSendingItsBody() throws Exception {
        device = deviceAllowingLoopbackPush();
        try (DribblingConsumer consumer = new DribblingConsumer()) {
            reference(asVms(device.events(), subscribe(consumer.address())), DeviceFault.WSNT);
            long start = System.nanoTime();
            device.recognise("alert-slow-1", "cam-1", "subj-1", Instant.now());
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (device.runtime.broker().pushFailures() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            long tookMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
            System.out.println("push to a dribbling consumer given up after " + tookMs + " ms");
            assertEquals(1, device.runtime.broker().pushFailures(), "the push was given up, and counted");
            assertTrue(tookMs < 6_000, "given up after " + tookMs + " ms (deadline 2 s)");
            // the subscription goes on: the next message is pushed again
            device.recognise("alert-slow-2", "cam-1", "subj-2", Instant.now());
            long second = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (consumer.requests.get() < 2 && System.nanoTime() < second) {
                Thread.sleep(50);
            }
            assertTrue(consumer.requests.get() >= 2, "pushed again after the deadline: " + consumer.requests.get());
        }
    }

    private static DeviceHarness deviceAllowingLoopbackPush() throws Exception {
        return new DeviceHarness(EventBroker.Options.DEFAULTS, Duration.ofSeconds(5), DeviceHarness.loopbackPush(Duration.ofSeconds(2)),
                200);
    }

    @Test
    void anotherAccountCannotTouchASubscriptionItDidNotMake() throws Exception {
        device = new DeviceHarness();
        URI mine = reference(asVms(device.events(), createPullPoint()), Namespaces.TEV);
        for (XmlWritable operation : List.of(element(Namespaces.tev("SetSynchronizationPoint")), pull(),
                element(DeviceFault.wsnt("Renew"), text(DeviceFault.wsnt("TerminationTime"), "PT120S")),
                element(DeviceFault.wsnt("Unsubscribe")))) {
            OnvifDeviceTest.Reply refused = as(DeviceHarness.OTHER_USER, DeviceHarness.OTHER_PASSWORD, mine, operation);
            assertEquals("[ResourceUnknownFault]", refused.faultSubcodes(), refused.envelope().toString());
        }
        assertEquals(1, device.subscriptions());
        assertEquals(0, messages(asVms(mine, pull())), "the other account's SetSynchronizationPoint queued nothing here");
    }

    @Test
    void pushGoesOnlyToAllowedConsumersAndAHostNameMustResolveInsideTheAllowedNetworks() throws Exception {
        PushAllowList allowed = PushAllowList.parse(new String[] {"10.1.2.0/24", "vms.example", "fd12::/64"})
                .withResolver(host -> switch (host) {
                    case "inside.example" -> new InetAddress[] {InetAddress.getByName("10.1.2.7")};
                    case "rebound.example" -> new InetAddress[] {InetAddress.getByName("10.1.2.7"),
                            InetAddress.getByName("127.0.0.1")};
                    default -> throw new java.net.UnknownHostException(host);
                });
        assertTrue(allowed.refusal(URI.create("http://10.1.2.40:8080/events")).isEmpty());
        assertTrue(allowed.refusal(URI.create("https://VMS.example/events")).isEmpty(), "a listed name, any case");
        assertTrue(allowed.refusal(URI.create("http://inside.example/events")).isEmpty());
        assertTrue(allowed.refusal(URI.create("http://[fd12::1]:80/events")).isEmpty());
        for (String refused : List.of("http://10.1.3.1/events", "http://127.0.0.1:8480/onvif/device_service",
                "http://169.254.169.254/latest/meta-data", "http://rebound.example/", "http://unknown.example/", "http://[::1]/")) {
            assertTrue(allowed.refusal(URI.create(refused)).isPresent(), refused);
        }
        assertEquals(List.of(), allowed.broadEntries());
        assertEquals(List.of("0.0.0.0/0", "10.0.0.0/8"), PushAllowList.parse(new String[] {"0.0.0.0/0", "10.0.0.0/8",
                "192.168.1.0/24"}).broadEntries());
        assertEquals("vms.example,10.1.2.7/32,10.1.3.0/24", PushAllowList.parse(new String[] {"vms.example, 10.1.2.7 10.1.3.0/24"})
                .toString(), "several in one .cfg value");
        for (String bad : List.of("10.1.2.0/33", "10.1.2.0/x", "http://vms/", "a_b")) {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> PushAllowList.parse(new String[] {bad}), bad);
        }
    }
}

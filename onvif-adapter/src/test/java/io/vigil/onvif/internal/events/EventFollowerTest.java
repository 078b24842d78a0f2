package io.vigil.onvif.internal.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.onvif.internal.device.DeviceHarness;
import io.vigil.onvif.security.Credentials;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The events client against Vigil's real device servlet on loopback Jetty, as a VMS would follow it. */
@Timeout(60)
class EventFollowerTest {

    private static final Optional<String> FACES = Optional.of("tns1:RuleEngine/Recognition/Face");

    /** What the follower printed, readable while it runs. */
    private static final class Captured {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    private static EventFollower follower(DeviceHarness device, char[] password, OptionalInt count, Duration timeout) {
        return new EventFollower(new EventFollower.Settings(device.device(), Optional.of(new Credentials(DeviceHarness.USER, password)),
                "user '" + DeviceHarness.USER + "'", FACES, count, Optional.of(timeout)), Clock.systemUTC());
    }

    private static void awaitSubscribed(Captured out, CompletableFuture<Integer> running, Captured err) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!out.text().startsWith("following ") && !running.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(out.text().startsWith("following "), out.text() + err.text());
    }

    @Test
    void printsTheRecognitionOnOneLineAndUnsubscribes() throws Exception {
        try (DeviceHarness device = new DeviceHarness()) {
            Captured out = new Captured();
            Captured err = new Captured();
            EventFollower follower = follower(device, DeviceHarness.PASSWORD, OptionalInt.of(1), Duration.ofSeconds(30));
            CompletableFuture<Integer> running = CompletableFuture.supplyAsync(() -> follower.follow(out.stream, err.stream));
            awaitSubscribed(out, running, err);
            assertEquals(1, device.subscriptions());

            Instant captured = Instant.now().minusMillis(100);
            device.recognise("a1", "cam-1", "S-7Q3XY", captured);
            assertEquals(0, running.get(20, TimeUnit.SECONDS), out.text() + err.text());

            List<String> lines = out.text().lines().toList();
            assertEquals(3, lines.size(), out.text());
            assertTrue(lines.get(0).contains(device.device().toString()) && lines.get(0).contains("user 'vms'"), lines.get(0));
            String line = lines.get(1);
            assertTrue(line.startsWith(java.time.format.DateTimeFormatter.ISO_INSTANT.format(captured.truncatedTo(
                    java.time.temporal.ChronoUnit.MILLIS)) + " tns1:RuleEngine/Recognition/Face source=VS_cam-1 Rule=VigilFaceRecognition"
                    + " EnrollmentID=S-7Q3XY Likelihood=0.8300 ObjectId=42 BoundingBox=(-0.750,0.444)-(-0.594,0.167) Label=Blacklisted,"
                    + " received "), line);
            long millis = Long.parseLong(line.replaceAll(".*received (-?\\d+) ms after it$", "$1"));
            assertTrue(millis >= 100 && millis < 2_000, line);
            assertEquals("unsubscribed after 1 notification(s): --count reached", lines.get(2));
            assertEquals(0, device.subscriptions(), "unsubscribed");
            assertFalse(out.text().contains(new String(DeviceHarness.PASSWORD)) || err.text().contains(new String(DeviceHarness.PASSWORD)));
        }
    }

    @Test
    void aWrongPasswordIsAClearErrorAndExitsNonZero() throws Exception {
        try (DeviceHarness device = new DeviceHarness()) {
            Captured out = new Captured();
            Captured err = new Captured();
            int exit = follower(device, "not the password".toCharArray(), OptionalInt.empty(), Duration.ofSeconds(10))
                    .follow(out.stream, err.stream);
            assertEquals(3, exit);
            assertEquals("", out.text());
            assertTrue(err.text().startsWith("vigil events: the device at " + device.device() + " refused the login user 'vms';"
                    + " check the user name and the password in the secret store."), err.text());
            assertFalse(err.text().contains("not the password"), err.text());
            assertEquals(0, device.subscriptions());
        }
    }

    @Test
    void aCountNotReachedInTimeExitsNonZeroAfterUnsubscribing() throws Exception {
        try (DeviceHarness device = new DeviceHarness()) {
            Captured out = new Captured();
            Captured err = new Captured();
            long start = System.nanoTime();
            int exit = follower(device, DeviceHarness.PASSWORD, OptionalInt.of(1), Duration.ofSeconds(2)).follow(out.stream, err.stream);
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            assertEquals(3, exit, out.text() + err.text());
            assertTrue(seconds < 8, seconds + " s");
            assertTrue(err.text().contains("0 of 1 notification(s) within 2 s"), err.text());
            assertTrue(out.text().contains("unsubscribed after 0 notification(s): --timeout reached"), out.text());
            assertEquals(0, device.subscriptions());
        }
    }

    @Test
    void anInterruptedFollowerUnsubscribesAndEnds() throws Exception {
        try (DeviceHarness device = new DeviceHarness()) {
            Captured out = new Captured();
            Captured err = new Captured();
            EventFollower follower = follower(device, DeviceHarness.PASSWORD, OptionalInt.empty(), Duration.ofSeconds(30));
            CompletableFuture<Integer> exit = new CompletableFuture<>();
            // as the admin channel does when the caller hangs up (Ctrl-C)
            Thread thread = new Thread(() -> exit.complete(follower.follow(out.stream, err.stream)));
            thread.start();
            awaitSubscribed(out, exit, err);
            Thread.sleep(300); // inside a pull
            thread.interrupt();
            assertEquals(0, exit.get(10, TimeUnit.SECONDS), out.text() + err.text());
            assertTrue(out.text().contains("unsubscribed after 0 notification(s): the caller went away"), out.text() + err.text());
            assertEquals(0, device.subscriptions());
        }
    }

    @Test
    void argumentsAreCheckedWithClearReasons() {
        EventsRequest request = EventsRequest.parse(List.of("--follow", "--topic", "RuleEngine/Recognition/Face", "--count", "2",
                "--timeout", "30"));
        assertEquals(Optional.of("tns1:RuleEngine/Recognition/Face"), request.topic());
        assertEquals(OptionalInt.of(2), request.count());
        assertEquals(Optional.of(Duration.ofSeconds(30)), request.timeout());
        assertEquals(Optional.empty(), request.device());
        assertMessage("--follow is required", List.of());
        assertMessage("a password is never a command-line argument", List.of("--follow", "--password", "x"));
        assertMessage("--user and --password-alias go together", List.of("--follow", "--user", "vms"));
        assertMessage("--count must be a whole number above 0", List.of("--follow", "--count", "0"));
        assertMessage("--device must not carry a user or password", List.of("--follow", "--device", "http://a:b@h/onvif/device_service"));
        assertMessage("--device must be an http(s) device service address", List.of("--follow", "--device", "rtsp://h/x"));
        assertMessage("--timeout needs a value", List.of("--follow", "--timeout"));
        assertMessage("unknown option --folow", List.of("--folow"));
        assertMessage("a password is never a command-line argument", List.of("--follow", "--password=x"));
    }

    private static void assertMessage(String expected, List<String> args) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EventsRequest.parse(args));
        assertTrue(e.getMessage().startsWith("vigil events: " + expected), e.getMessage());
    }
}

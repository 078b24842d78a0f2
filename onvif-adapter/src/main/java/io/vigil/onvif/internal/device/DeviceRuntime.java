package io.vigil.onvif.internal.device;

import io.vigil.api.alert.AlertStore;
import io.vigil.api.camera.Camera;
import io.vigil.api.camera.CameraRegistry;
import io.vigil.onvif.security.HttpDigestVerifier;
import io.vigil.onvif.security.PasswordLookup;
import io.vigil.onvif.security.UsernameTokenVerifier;
import io.vigil.onvif.soap.SoapEnvelope;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Everything one running Vigil device is made of, built from plain values so that tests make it
 * with {@code new}: the device, its subscriptions, the alert feed, the reaper, the Notify sender
 * and their threads. {@link #close()} stops all of them.
 */
final class DeviceRuntime implements AutoCloseable {

    /** The options of one device, parsed from the component's configuration. */
    record Settings(OnvifDevice.Identity identity, EventBroker.Options events, Duration reapEvery, Duration createdWindow,
            String rule, Map<String, String> labels, Optional<String> defaultLabel, Duration alarmPulse, String realm) {
    }

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ScheduledExecutorService scheduler;
    private final ExecutorService responder;
    private final HttpClient pushClient;
    private final EventBroker broker;
    private final OnvifDevice device;
    private final AlertFeed feed;
    private final CameraRegistry cameras;
    private final String rtspBase;

    DeviceRuntime(Settings settings, CameraRegistry cameras, PasswordLookup accounts, Supplier<Optional<AlertStore>> alerts,
            Clock clock) {
        this(settings, cameras, accounts, alerts, (channel, recognition) -> { }, clock);
    }

    /** @param recognitionsAlsoTo where each recognition goes besides the subscriptions: the camera's metadata stream */
    DeviceRuntime(Settings settings, CameraRegistry cameras, PasswordLookup accounts, Supplier<Optional<AlertStore>> alerts,
            java.util.function.BiConsumer<Channel, Notification> recognitionsAlsoTo, Clock clock) {
        this.cameras = cameras;
        this.rtspBase = settings.identity().rtspBase();
        scheduler = Executors.newScheduledThreadPool(1, named("vigil-onvif-device-timer"));
        responder = Executors.newFixedThreadPool(2, named("vigil-onvif-device-reply"));
        pushClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).executor(responder).build();
        broker = new EventBroker(settings.events(), clock, scheduler, responder, this::push);
        UsernameTokenVerifier tokens = new UsernameTokenVerifier(
                new UsernameTokenVerifier.Options(settings.createdWindow(), 50_000), clock);
        HttpDigestVerifier digest = new HttpDigestVerifier(settings.realm(), settings.createdWindow(), clock, 50_000);
        device = new OnvifDevice(settings.identity(), this::channels, accounts, tokens, digest, broker, clock);
        feed = new AlertFeed(alerts, this::channel,
                watchlist -> Optional.ofNullable(settings.labels().get(watchlist)).or(settings::defaultLabel)
                        .flatMap(Recognitions::labelOf),
                settings.rule(), broker, recognitionsAlsoTo, scheduler, settings.alarmPulse(), clock);
        long reap = settings.reapEvery().toMillis();
        scheduler.scheduleWithFixedDelay(broker::reap, reap, reap, TimeUnit.MILLISECONDS);
        feed.start();
    }

    private static java.util.concurrent.ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    List<Channel> channels() {
        return cameras.cameras().stream().map(camera -> Channel.of(camera, URI.create(rtspBase))).toList();
    }

    Optional<Channel> channel(String cameraId) {
        Optional<Camera> camera = cameras.camera(cameraId);
        return camera.map(c -> Channel.of(c, URI.create(rtspBase)));
    }

    OnvifDevice device() {
        return device;
    }

    EventBroker broker() {
        return broker;
    }

    AlertFeed feed() {
        return feed;
    }

    private CompletableFuture<Boolean> push(URI consumer, List<Notification> messages) {
        byte[] body = new SoapEnvelope(List.of(new io.vigil.onvif.soap.WsAddressing(
                "http://docs.oasis-open.org/wsn/bw-2/NotificationConsumer/Notify", io.vigil.onvif.soap.WsAddressing.newMessageId(),
                consumer.toString(), null, null)), DeviceResponses.onBody(DeviceResponses.notify(messages))).toBytes();
        HttpRequest request = HttpRequest.newBuilder(consumer).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/soap+xml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return pushClient.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .thenApply(response -> response.statusCode() / 100 == 2);
    }

    @Override
    public void close() {
        feed.close();
        broker.closeAll();
        scheduler.shutdownNow();
        responder.shutdown();
        try {
            if (!responder.awaitTermination(1, TimeUnit.SECONDS)) {
                responder.shutdownNow();
            }
            scheduler.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

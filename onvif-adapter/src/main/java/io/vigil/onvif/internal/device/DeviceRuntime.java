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
            String rule, Map<String, String> labels, Optional<String> defaultLabel, Duration alarmPulse, String realm,
            Protection protection) {

        /** With the default protection: no push, the default login throttle, addresses from the local address. */
        Settings(OnvifDevice.Identity identity, EventBroker.Options events, Duration reapEvery, Duration createdWindow,
                String rule, Map<String, String> labels, Optional<String> defaultLabel, Duration alarmPulse, String realm) {
            this(identity, events, reapEvery, createdWindow, rule, labels, defaultLabel, alarmPulse, realm, Protection.DEFAULTS);
        }
    }

    /**
     * What guards the device against hostile clients.
     *
     * @param pushAllowed     the consumer addresses Notify may be pushed to (none by default)
     * @param pushDeadline    the longest one push may take, connecting, sending and reading the answer
     * @param logins          back-off and lockout of failed logins per address and per account
     * @param externalAddress {@code scheme://host:port} every address Vigil answers with starts with;
     *                        empty: the local address and port the request arrived on (never its Host header)
     * @param bodyDeadline    the longest a client may take to send a request body
     */
    record Protection(PushAllowList pushAllowed, Duration pushDeadline, LoginThrottle.Options logins,
            Optional<URI> externalAddress, Duration bodyDeadline) {

        static final Protection DEFAULTS = new Protection(PushAllowList.NONE, Duration.ofSeconds(10),
                LoginThrottle.Options.DEFAULTS, Optional.empty(), Duration.ofSeconds(10));
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
    private final Protection protection;
    private final LoginThrottle logins;

    DeviceRuntime(Settings settings, CameraRegistry cameras, PasswordLookup accounts, Supplier<Optional<AlertStore>> alerts,
            Clock clock) {
        this(settings, cameras, accounts, alerts, (channel, recognition) -> { }, clock);
    }

    /** @param recognitionsAlsoTo where each recognition goes besides the subscriptions: the camera's metadata stream */
    DeviceRuntime(Settings settings, CameraRegistry cameras, PasswordLookup accounts, Supplier<Optional<AlertStore>> alerts,
            java.util.function.BiConsumer<Channel, Notification> recognitionsAlsoTo, Clock clock) {
        this.cameras = cameras;
        this.rtspBase = settings.identity().rtspBase();
        this.protection = settings.protection();
        scheduler = Executors.newScheduledThreadPool(1, named("vigil-onvif-device-timer"));
        responder = Executors.newFixedThreadPool(2, named("vigil-onvif-device-reply"));
        pushClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).executor(responder).build();
        broker = new EventBroker(settings.events(), clock, scheduler, responder, this::push);
        UsernameTokenVerifier tokens = new UsernameTokenVerifier(
                new UsernameTokenVerifier.Options(settings.createdWindow(), 50_000), clock);
        HttpDigestVerifier digest = new HttpDigestVerifier(settings.realm(), settings.createdWindow(), clock, 50_000);
        logins = new LoginThrottle(settings.protection().logins(), clock);
        device = new OnvifDevice(settings.identity(), this::channels, accounts, tokens, digest, broker, clock,
                new OnvifDevice.Guards(settings.protection().pushAllowed(), logins, settings.protection().externalAddress()));
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

    LoginThrottle logins() {
        return logins;
    }

    /** Runs {@code work} on the device's own threads (never a Jetty or Event Admin thread). */
    void execute(Runnable work) {
        responder.execute(work);
    }

    Protection protection() {
        return protection;
    }

    /**
     * One Notify, given up at {@code pushDeadline} from its start whatever the consumer does: the
     * request's own timeout ends only the wait for the answer's headers, so the answer's body is
     * read by a subscriber that is cancelled at the deadline (which closes the connection), and
     * an answer larger than {@link #MAX_PUSH_ANSWER} is not read to its end.
     */
    private CompletableFuture<Boolean> push(URI consumer, List<Notification> messages) {
        Optional<String> refusal = protection.pushAllowed().refusal(consumer);
        if (refusal.isPresent()) {
            // allowed at Subscribe, not any more (the allow-list changed, or the name resolves elsewhere now)
            return CompletableFuture.completedFuture(false);
        }
        Duration deadline = protection.pushDeadline();
        byte[] body = new SoapEnvelope(List.of(new io.vigil.onvif.soap.WsAddressing(
                "http://docs.oasis-open.org/wsn/bw-2/NotificationConsumer/Notify", io.vigil.onvif.soap.WsAddressing.newMessageId(),
                consumer.toString(), null, null)), DeviceResponses.onBody(DeviceResponses.notify(messages))).toBytes();
        HttpRequest request = HttpRequest.newBuilder(consumer).timeout(deadline)
                .header("Content-Type", "application/soap+xml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        BoundedDiscard answer = new BoundedDiscard(MAX_PUSH_ANSWER);
        CompletableFuture<HttpResponse<Void>> sent = pushClient.sendAsync(request, info -> answer);
        CompletableFuture<Boolean> result = sent.thenApply(response -> response.statusCode() / 100 == 2);
        java.util.concurrent.ScheduledFuture<?> timer = scheduler.schedule(() -> {
            answer.cancel();
            sent.cancel(true);
            result.completeExceptionally(new java.util.concurrent.TimeoutException("push to " + consumer.getHost()
                    + " took longer than " + deadline.toMillis() + " ms"));
        }, deadline.toMillis(), TimeUnit.MILLISECONDS);
        result.whenComplete((ok, failure) -> timer.cancel(false));
        return result;
    }

    /** The most of a consumer's answer read (a Notify's answer is empty or a small SOAP envelope). */
    static final long MAX_PUSH_ANSWER = 64 * 1024;

    /** Reads and drops an answer's body, at most {@code limit} bytes; {@link #cancel()} ends it at once. */
    private static final class BoundedDiscard implements HttpResponse.BodySubscriber<Void> {
        private final long limit;
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private volatile java.util.concurrent.Flow.Subscription subscription;
        private volatile boolean cancelled;
        private long read;

        BoundedDiscard(long limit) {
            this.limit = limit;
        }

        @Override
        public void onSubscribe(java.util.concurrent.Flow.Subscription given) {
            subscription = given;
            if (cancelled) {
                given.cancel();
            } else {
                given.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(List<java.nio.ByteBuffer> buffers) {
            for (java.nio.ByteBuffer buffer : buffers) {
                read += buffer.remaining();
            }
            if (read > limit) {
                cancel();
                done.completeExceptionally(new java.io.IOException("the consumer's answer is larger than " + limit + " bytes"));
            }
        }

        @Override
        public void onError(Throwable failure) {
            done.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            done.complete(null);
        }

        @Override
        public java.util.concurrent.CompletionStage<Void> getBody() {
            return done;
        }

        void cancel() {
            cancelled = true;
            java.util.concurrent.Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
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

package io.vigil.onvif.internal.device;

import io.vigil.api.alert.Alert;
import io.vigil.api.alert.AlertStore;
import io.vigil.api.alert.AlertStoreException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * From the alert store to the subscriptions. The Event Admin handler only {@link #offer}s an
 * alert id (bounded; overflow is counted); a named worker reads the alert from the durable store,
 * turns it into a recognition notification for the camera's channel and publishes it, and pulses
 * the camera's source state true for {@code pulse} (then false) for NVR alarm linkage.
 */
final class AlertFeed implements AutoCloseable {

    private static final String STOP = "\0stop";

    private final Supplier<Optional<AlertStore>> store;
    private final Function<String, Optional<Channel>> channelOf;
    private final Function<String, Optional<String>> labelOf;
    private final String rule;
    private final EventBroker broker;
    private final BiConsumer<Channel, Notification> alsoTo;
    private final ScheduledExecutorService scheduler;
    private final Duration pulse;
    private final Clock clock;
    private final BlockingQueue<String> ids = new ArrayBlockingQueue<>(10_000);
    private final Map<String, ScheduledFuture<?>> pulses = new ConcurrentHashMap<>();
    private final AtomicLong overflow = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong unknown = new AtomicLong();
    private final Thread worker;

    /**
     * @param channelOf the channel of a camera id, if Vigil watches that camera
     * @param labelOf   the Label for a watchlist id
     * @param alsoTo    where else each recognition goes: the camera's metadata stream
     */
    AlertFeed(Supplier<Optional<AlertStore>> store, Function<String, Optional<Channel>> channelOf,
            Function<String, Optional<String>> labelOf, String rule, EventBroker broker, BiConsumer<Channel, Notification> alsoTo,
            ScheduledExecutorService scheduler, Duration pulse, Clock clock) {
        this.store = store;
        this.channelOf = channelOf;
        this.labelOf = labelOf;
        this.rule = rule;
        this.broker = broker;
        this.alsoTo = alsoTo;
        this.scheduler = scheduler;
        this.pulse = pulse;
        this.clock = clock;
        this.worker = new Thread(this::run, "vigil-onvif-alert-feed");
        this.worker.setDaemon(true);
    }

    void start() {
        worker.start();
    }

    /** Called from the Event Admin handler: never blocks. */
    boolean offer(String alertId) {
        boolean taken = ids.offer(alertId);
        if (!taken) {
            overflow.incrementAndGet();
        }
        return taken;
    }

    long overflow() {
        return overflow.get();
    }

    long published() {
        return published.get();
    }

    /** Alerts that could not be announced: no store, unknown id or a camera Vigil has no channel for. */
    long unannounced() {
        return unknown.get();
    }

    private void run() {
        while (true) {
            String id;
            try {
                id = ids.take();
            } catch (InterruptedException e) {
                return;
            }
            if (STOP.equals(id)) {
                return;
            }
            try {
                announce(id);
            } catch (RuntimeException | AlertStoreException e) {
                unknown.incrementAndGet();
            }
        }
    }

    private void announce(String id) throws AlertStoreException {
        Optional<AlertStore> alerts = store.get();
        Optional<Alert> alert = alerts.isEmpty() ? Optional.empty() : alerts.get().alert(id);
        Optional<Channel> channel = alert.flatMap(a -> channelOf.apply(a.cameraId()));
        if (alert.isEmpty() || channel.isEmpty()) {
            unknown.incrementAndGet();
            return;
        }
        publish(alert.get(), channel.get());
    }

    /** The component's own entry point too: announces an alert already read. */
    void publish(Alert alert, Channel channel) {
        Notification recognition = Recognitions.recognition(alert, channel, rule, labelOf.apply(alert.watchlistId()),
                alert.placement().map(f -> Recognitions.NormalisedBox.of(f.box(), f.frameWidth(), f.frameHeight())));
        broker.publish(recognition);
        published.incrementAndGet();
        try {
            alsoTo.accept(channel, recognition);
        } catch (RuntimeException e) {
            // the metadata stream is a second channel: its failure must not stop the Event service's
        }
        if (pulse.isZero()) {
            return;
        }
        String token = channel.sourceToken();
        ScheduledFuture<?> previous = pulses.remove(token);
        boolean wasOn = previous != null && previous.cancel(false);
        if (!wasOn) {
            broker.publish(Recognitions.sourceState(channel, true, "Changed", clock.instant()));
        }
        pulses.put(token, scheduler.schedule(() -> {
            pulses.remove(token);
            broker.publish(Recognitions.sourceState(channel, false, "Changed", clock.instant()));
        }, pulse.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Override
    public void close() {
        ids.clear();
        ids.offer(STOP);
        worker.interrupt();
        try {
            worker.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pulses.values().forEach(future -> future.cancel(false));
    }
}

package io.vigil.onvif.internal.device;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.xml.namespace.QName;

/**
 * The Vigil device's subscriptions: PullPoints (CreatePullPointSubscription) and WS-BaseNotification
 * push subscriptions (Subscribe). Each has a bounded queue: when it is full the oldest message
 * goes and is counted, so a VMS that stops pulling costs at most {@code queueCapacity} references
 * to shared, immutable notifications. At most {@code maxSubscriptions} exist at once; expired
 * ones are removed by {@link #reap()}. Each subscription belongs to the service account that made
 * it: only that account can pull, renew or end it, and one account holds at most
 * {@code maxSubscriptionsPerAccount} (so one account cannot take every slot and lock the VMS out).
 *
 * <p>PullMessages is a long poll that holds no thread: a waiting pull is a future completed by a
 * publish or by a scheduled timeout. A second pull while one waits is refused
 * ({@code tev:UnableToGetMessagesFault}, Core specification). A pull keeps its subscription
 * alive (many VMSs never Renew): while it waits, and for its Timeout after it is answered.
 *
 * <p>Thread-safe: each subscription is guarded by its own lock; futures are completed on
 * {@code responder}, never under a lock.
 */
final class EventBroker {

    /**
     * @param maxSubscriptions   how many subscriptions may exist at once
     * @param queueCapacity      messages kept per subscription
     * @param defaultTermination a subscription's life when the client names none
     * @param maxTermination     the longest life granted at once
     * @param maxPullTimeout     the longest a pull waits (the Core specification asks for at least a minute)
     * @param maxMessageLimit    most messages in one answer
     * @param maxSubscriptionsPerAccount how many of them one service account may hold
     */
    record Options(int maxSubscriptions, int queueCapacity, Duration defaultTermination, Duration maxTermination,
            Duration maxPullTimeout, int maxMessageLimit, int maxSubscriptionsPerAccount) {

        static final Options DEFAULTS = new Options(2_000, 100, Duration.ofMinutes(1), Duration.ofHours(1),
                Duration.ofMinutes(2), 100, 500);

        /** A quarter of all slots per account. */
        Options(int maxSubscriptions, int queueCapacity, Duration defaultTermination, Duration maxTermination,
                Duration maxPullTimeout, int maxMessageLimit) {
            this(maxSubscriptions, queueCapacity, defaultTermination, maxTermination, maxPullTimeout, maxMessageLimit,
                    Math.max(1, maxSubscriptions / 4));
        }

        Options {
            if (maxSubscriptions < 1 || queueCapacity < 1 || maxMessageLimit < 1 || maxSubscriptionsPerAccount < 1) {
                throw new IllegalArgumentException("subscription limits must be positive");
            }
            Objects.requireNonNull(defaultTermination, "defaultTermination");
            Objects.requireNonNull(maxTermination, "maxTermination");
            Objects.requireNonNull(maxPullTimeout, "maxPullTimeout");
        }
    }

    /** Sends a Notify to a push subscription's consumer; completes true when the consumer took it. */
    @FunctionalInterface
    interface PushSender {
        CompletableFuture<Boolean> send(URI consumer, List<Notification> messages);
    }

    /** What a pull answers. */
    record PullResult(Instant currentTime, Instant terminationTime, List<Notification> messages) {
    }

    /** A subscription's state, for tests and status. */
    record Snapshot(String id, boolean pullPoint, Instant termination, int queued, long dropped, long delivered) {
    }

    private final Options options;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final Executor responder;
    private final PushSender push;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong reaped = new AtomicLong();
    private final AtomicLong pushFailures = new AtomicLong();

    EventBroker(Options options, Clock clock, ScheduledExecutorService scheduler, Executor responder, PushSender push) {
        this.options = options;
        this.clock = clock;
        this.scheduler = scheduler;
        this.responder = responder;
        this.push = push;
    }

    Options options() {
        return options;
    }

    private final class Subscription {
        final String id;
        final String owner;
        final TopicFilter filter;
        final Optional<URI> consumer;
        final ArrayDeque<Notification> queue = new ArrayDeque<>();
        Instant termination;
        long droppedHere;
        long delivered;
        Pending pending;
        boolean pushing;
        boolean closed;

        Subscription(String id, String owner, TopicFilter filter, Optional<URI> consumer, Instant termination) {
            this.id = id;
            this.owner = owner;
            this.filter = filter;
            this.consumer = consumer;
            this.termination = termination;
        }
    }

    private record Pending(CompletableFuture<PullResult> future, int limit, Duration timeout, ScheduledFuture<?> timer) {
    }

    /**
     * A new subscription.
     *
     * @param requested the InitialTerminationTime asked for, if any (capped at the maximum)
     * @param consumer  where to push Notify messages; empty for a PullPoint
     * @param owner     the service account that asks
     * @return its id, which goes into its address
     */
    String create(TopicFilter filter, Optional<Instant> requested, Optional<URI> consumer, String owner) throws DeviceFault {
        Objects.requireNonNull(owner, "owner");
        QName refused = DeviceFault.wsnt(consumer.isPresent() ? "SubscribeCreationFailedFault" : "UnableToCreatePullPointFault");
        Instant now = clock.instant();
        Instant termination = termination(requested, now);
        // the check and the insertion under one lock, so that parallel requests cannot overshoot a limit
        synchronized (subscriptions) {
            if (subscriptions.size() >= options.maxSubscriptions() || held(owner) >= options.maxSubscriptionsPerAccount()) {
                reap();
            }
            if (subscriptions.size() >= options.maxSubscriptions()) {
                throw DeviceFault.receiver("Too many subscriptions (" + options.maxSubscriptions() + ")", refused);
            }
            if (held(owner) >= options.maxSubscriptionsPerAccount()) {
                throw DeviceFault.receiver("This account holds the most subscriptions one account may ("
                        + options.maxSubscriptionsPerAccount() + "); unsubscribe or let some expire", refused);
            }
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            String id = HexFormat.of().formatHex(bytes);
            subscriptions.put(id, new Subscription(id, owner, filter, consumer, termination));
            return id;
        }
    }

    private int held(String owner) {
        int held = 0;
        for (Subscription subscription : subscriptions.values()) {
            if (subscription.owner.equals(owner)) {
                held++;
            }
        }
        return held;
    }

    private Instant termination(Optional<Instant> requested, Instant now) throws DeviceFault {
        Instant wanted = requested.orElse(now.plus(options.defaultTermination()));
        if (!wanted.isAfter(now)) {
            throw DeviceFault.sender("The termination time is not in the future",
                    DeviceFault.wsnt(requested.isPresent() ? "UnacceptableInitialTerminationTimeFault" : "UnacceptableTerminationTimeFault"));
        }
        Instant latest = now.plus(options.maxTermination());
        return wanted.isAfter(latest) ? latest : wanted;
    }

    Instant terminationOf(String id, String owner) throws DeviceFault {
        Subscription subscription = live(id, owner);
        synchronized (subscription) {
            return subscription.termination;
        }
    }

    boolean isPullPoint(String id, String owner) throws DeviceFault {
        return live(id, owner).consumer.isEmpty();
    }

    /** wsnt:Renew: the new termination time. */
    Instant renew(String id, String owner, Optional<Instant> requested) throws DeviceFault {
        Subscription subscription = live(id, owner);
        Instant termination;
        try {
            termination = termination(requested, clock.instant());
        } catch (DeviceFault e) {
            throw DeviceFault.sender("The termination time is not in the future", DeviceFault.wsnt("UnacceptableTerminationTimeFault"));
        }
        synchronized (subscription) {
            subscription.termination = termination;
        }
        return termination;
    }

    /** wsnt:Unsubscribe: the subscription is gone; a waiting pull is answered empty. */
    void unsubscribe(String id, String owner) throws DeviceFault {
        Subscription subscription = live(id, owner);
        close(subscription);
    }

    /**
     * tev:PullMessages. Answers at once with what is queued, else waits (without a thread) for a
     * message or the timeout.
     */
    CompletableFuture<PullResult> pull(String id, String owner, Duration timeout, int messageLimit) throws DeviceFault {
        Subscription subscription = live(id, owner);
        if (subscription.consumer.isPresent()) {
            throw DeviceFault.sender("PullMessages on a push subscription", new QName(io.vigil.onvif.soap.Namespaces.TEV,
                    "UnableToGetMessagesFault", "tev"));
        }
        Duration wait = timeout.compareTo(options.maxPullTimeout()) > 0 ? options.maxPullTimeout() : timeout;
        int limit = Math.max(1, Math.min(messageLimit, options.maxMessageLimit()));
        CompletableFuture<PullResult> future = new CompletableFuture<>();
        PullResult immediate;
        synchronized (subscription) {
            if (subscription.pending != null) {
                throw DeviceFault.receiver("A PullMessages request is already waiting on this subscription",
                        new QName(io.vigil.onvif.soap.Namespaces.TEV, "UnableToGetMessagesFault", "tev"));
            }
            Instant now = clock.instant();
            extend(subscription, now.plus(wait).plus(wait));
            if (!subscription.queue.isEmpty() || wait.isZero() || wait.isNegative()) {
                immediate = take(subscription, limit, wait, now);
            } else {
                immediate = null;
                ScheduledFuture<?> timer = scheduler.schedule(() -> expirePull(subscription, future), wait.toMillis(),
                        TimeUnit.MILLISECONDS);
                subscription.pending = new Pending(future, limit, wait, timer);
            }
        }
        if (immediate != null) {
            future.complete(immediate);
        }
        return future;
    }

    private void expirePull(Subscription subscription, CompletableFuture<PullResult> future) {
        PullResult result;
        synchronized (subscription) {
            if (subscription.pending == null || subscription.pending.future() != future) {
                return;
            }
            Pending pending = subscription.pending;
            subscription.pending = null;
            result = take(subscription, pending.limit(), pending.timeout(), clock.instant());
        }
        responder.execute(() -> future.complete(result));
    }

    /** Under the subscription's lock: up to {@code limit} messages, and the keep-alive of an answered pull. */
    private PullResult take(Subscription subscription, int limit, Duration timeout, Instant now) {
        List<Notification> messages = new ArrayList<>(Math.min(limit, subscription.queue.size()));
        while (messages.size() < limit && !subscription.queue.isEmpty()) {
            messages.add(subscription.queue.pollFirst());
        }
        subscription.delivered += messages.size();
        extend(subscription, now.plus(timeout));
        return new PullResult(now, subscription.termination, messages);
    }

    private static void extend(Subscription subscription, Instant until) {
        if (until.isAfter(subscription.termination)) {
            subscription.termination = until;
        }
    }

    /** Queues {@code message} on every live subscription whose filter takes its topic. */
    void publish(Notification message) {
        for (Subscription subscription : subscriptions.values()) {
            offer(subscription, message);
        }
    }

    /**
     * Queues {@code messages} on one subscription only, where its filter takes them: the
     * properties a SetSynchronizationPoint repeats go to the subscription that asked (Core
     * specification), never to the others.
     */
    void publishTo(String id, String owner, List<Notification> messages) throws DeviceFault {
        Subscription subscription = live(id, owner);
        for (Notification message : messages) {
            offer(subscription, message);
        }
    }

    private void offer(Subscription subscription, Notification message) {
        Instant now = clock.instant();
        {
            if (!subscription.filter.matches(message.topic())) {
                return;
            }
            Pending answered = null;
            PullResult result = null;
            boolean startPush = false;
            synchronized (subscription) {
                if (subscription.closed || subscription.termination.isBefore(now)) {
                    return;
                }
                if (subscription.queue.size() >= options.queueCapacity()) {
                    subscription.queue.pollFirst();
                    subscription.droppedHere++;
                    dropped.incrementAndGet();
                }
                subscription.queue.addLast(message);
                if (subscription.pending != null) {
                    answered = subscription.pending;
                    subscription.pending = null;
                    answered.timer().cancel(false);
                    result = take(subscription, answered.limit(), answered.timeout(), now);
                } else if (subscription.consumer.isPresent() && !subscription.pushing) {
                    subscription.pushing = true;
                    startPush = true;
                }
            }
            if (answered != null) {
                CompletableFuture<PullResult> future = answered.future();
                PullResult delivered = result;
                responder.execute(() -> future.complete(delivered));
            }
            if (startPush) {
                pushNext(subscription);
            }
        }
    }

    private void pushNext(Subscription subscription) {
        List<Notification> batch = new ArrayList<>();
        synchronized (subscription) {
            while (batch.size() < options.maxMessageLimit() && !subscription.queue.isEmpty()) {
                batch.add(subscription.queue.pollFirst());
            }
            if (batch.isEmpty() || subscription.closed) {
                subscription.pushing = false;
                return;
            }
        }
        push.send(subscription.consumer.orElseThrow(), batch).whenComplete((ok, failure) -> {
            if (failure != null || !Boolean.TRUE.equals(ok)) {
                pushFailures.incrementAndGet();
            } else {
                synchronized (subscription) {
                    subscription.delivered += batch.size();
                }
            }
            pushNext(subscription);
        });
    }

    /** Removes expired subscriptions (not those with a pull waiting); how many went. */
    int reap() {
        Instant now = clock.instant();
        int removed = 0;
        for (Subscription subscription : subscriptions.values()) {
            boolean expired;
            synchronized (subscription) {
                expired = subscription.pending == null && subscription.termination.isBefore(now);
            }
            if (expired) {
                close(subscription);
                removed++;
            }
        }
        reaped.addAndGet(removed);
        return removed;
    }

    /** Ends every subscription, answering waiting pulls empty. */
    void closeAll() {
        subscriptions.values().forEach(this::close);
    }

    private void close(Subscription subscription) {
        Pending pending;
        PullResult result;
        synchronized (subscription) {
            subscription.closed = true;
            subscription.queue.clear();
            pending = subscription.pending;
            subscription.pending = null;
            result = new PullResult(clock.instant(), subscription.termination, List.of());
        }
        subscriptions.remove(subscription.id, subscription);
        if (pending != null) {
            pending.timer().cancel(false);
            responder.execute(() -> pending.future().complete(result));
        }
    }

    /** The subscription, if it exists, is alive and belongs to {@code owner}; another account's is unknown to it. */
    private Subscription live(String id, String owner) throws DeviceFault {
        Subscription subscription = id == null ? null : subscriptions.get(id);
        if (subscription == null || !subscription.owner.equals(owner)) {
            throw DeviceFault.unknownSubscription();
        }
        synchronized (subscription) {
            if (subscription.closed || (subscription.pending == null && subscription.termination.isBefore(clock.instant()))) {
                throw DeviceFault.unknownSubscription();
            }
        }
        return subscription;
    }

    int size() {
        return subscriptions.size();
    }

    long dropped() {
        return dropped.get();
    }

    long reaped() {
        return reaped.get();
    }

    long pushFailures() {
        return pushFailures.get();
    }

    Optional<Snapshot> snapshot(String id) {
        Subscription subscription = subscriptions.get(id);
        if (subscription == null) {
            return Optional.empty();
        }
        synchronized (subscription) {
            return Optional.of(new Snapshot(id, subscription.consumer.isEmpty(), subscription.termination,
                    subscription.queue.size(), subscription.droppedHere, subscription.delivered));
        }
    }
}

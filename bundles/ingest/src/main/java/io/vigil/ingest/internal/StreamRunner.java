package io.vigil.ingest.internal;

import io.vigil.api.cluster.CameraAssignment;
import io.vigil.api.cluster.OwnedCamera;
import io.vigil.api.media.CameraStreams;
import io.vigil.api.media.CameraStreamsListener;
import io.vigil.api.media.Frame;
import io.vigil.api.media.FrameListener;
import io.vigil.api.media.StreamSpec;
import io.vigil.api.media.StreamStatus;
import io.vigil.api.media.StreamStatuses;
import io.vigil.api.media.StreamTopics;
import io.vigil.api.secret.SecretStore;
import io.vigil.api.secret.SecretStoreException;
import io.vigil.api.status.StatusReporter;
import io.vigil.gstreamer.GStreamerRuntime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Runs the streams offered as {@link CameraStreams} (the camera registry's, hand-written stream
 * configurations): one stream per camera id, started when its spec comes, restarted when it
 * changes, stopped when it goes. Which offers run on this node is decided in {@link NodeStreams}:
 * all of them on a single node; on a cluster member (a {@link CameraAssignment} is present) only
 * the cameras the cluster assigned to this node, followed as ownership moves.
 * Offers are followed on one worker thread, so SCR's and the providers' threads return at once.
 * Frames go to every {@link FrameListener} registered for the frame's camera ({@code camera.id})
 * or for all cameras; each stream is a module of {@code vigil status} ({@code ingest/<camera>}).
 */
@Component(immediate = true, service = {CameraStreamsListener.class, StreamStatuses.class})
public class StreamRunner implements CameraStreamsListener, StreamStatuses {

    private final SecretStore secrets;
    private final DecoderSelector decoders;
    private final Logger logger;
    private final Function<RunningStream, Runnable> publishStatus;
    private final ExecutorService worker;
    /** The offering services by service id: the earliest offer of a camera wins. */
    private final Map<Long, CameraStreams> offers = new ConcurrentSkipListMap<>();
    private final Map<FrameListener, String> listeners = new ConcurrentHashMap<>();
    /** What runs, by camera id; changed on the worker only. */
    private final Map<String, RunningStream> running = new ConcurrentHashMap<>();
    private final Map<String, Runnable> unpublish = new HashMap<>();
    private final Map<String, StreamSpec> reportedDuplicates = new HashMap<>();

    /**
     * How long the cluster's thread waits for the streams of cameras taken from this node to stop: well under the
     * group's session timeout (20 s by default, 3 s at the least a test uses), so a camera is stopped here before
     * Kafka can give it to another node, and never analysed twice.
     */
    static final long REVOKED_STOP_BOUND_MS = 2_000;

    /**
     * Framework property the launcher sets to "true" when the node has a cluster configuration: it runs no camera
     * until the assignment binds, rather than every offered camera while its cluster component is not up yet.
     */
    static final String CLUSTER_MEMBER_PROPERTY = "vigil.cluster.member";

    /** The cluster's assignment followed now, or null on a single node; its subscription in {@link #subscription}. */
    private volatile CameraAssignment assignment;
    private AutoCloseable subscription;
    private BooleanSupplier assignmentStopping = () -> false;
    /** The cameras the cluster assigned to this node; empty (not an empty set) on a single node: run everything. */
    private volatile Optional<Set<String>> owned = Optional.empty();
    /** The epoch of each owned camera's ownership ({@link OwnedCamera#epoch()}); empty on a single node. */
    private volatile Map<String, Long> epochs = Map.of();
    /** The epoch each running stream started under, stamped on its frames; changed on the worker only. */
    private final Map<String, Long> startedUnder = new HashMap<>();
    private final Map<String, String> reportedUnoffered = new HashMap<>();

    /** Optional: without Event Admin, state changes are only logged. */
    private volatile EventAdmin eventAdmin;

    @Activate
    public StreamRunner(BundleContext context, @Reference GStreamerRuntime gstreamer, @Reference SecretStore secrets,
            @Reference(service = LoggerFactory.class) Logger logger) {
        this(new DecoderSelector(gstreamer::elementRank), secrets, logger, stream -> {
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put("vigil.module", "ingest/" + stream.spec().cameraId());
            ServiceRegistration<StatusReporter> registration = context.registerService(StatusReporter.class,
                    stream::moduleStatus, properties);
            return () -> {
                try {
                    registration.unregister();
                } catch (IllegalStateException e) {
                    // the bundle is stopping: the framework has taken it down already
                }
            };
        });
        if (Boolean.parseBoolean(context.getProperty(CLUSTER_MEMBER_PROPERTY))) {
            memberAtStart();
        }
    }

    /**
     * This node has a cluster configuration: until its assignment binds, it owns nothing and runs no camera (the
     * others may run them). A configuration removed later, or refused, leaves it so until the assignment comes and
     * goes: a member that runs nothing is the safe side of a camera analysed twice.
     */
    synchronized void memberAtStart() {
        if (assignment == null) {
            owned = Optional.of(Set.of());
            logger.info("Cluster member: no camera runs until the cluster assigns this node its own");
        }
    }

    /** For tests: {@code publishStatus} registers a stream's status line and returns how to withdraw it. */
    StreamRunner(DecoderSelector decoders, SecretStore secrets, Logger logger, Function<RunningStream, Runnable> publishStatus) {
        this.decoders = decoders;
        this.secrets = secrets;
        this.logger = logger;
        this.publishStatus = publishStatus;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "vigil-ingest-streams");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindEventAdmin(EventAdmin admin) {
        eventAdmin = admin;
    }

    void unbindEventAdmin(EventAdmin admin) {
        if (eventAdmin == admin) {
            eventAdmin = null;
        }
    }

    /**
     * A cluster member's assignment: from now on only the cameras it gives this node run here. Until it first tells
     * which they are this node runs none (subscribing tells at once what it owns); before it is bound, a node the
     * launcher marked a member ({@link #CLUSTER_MEMBER_PROPERTY}) runs none either.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindAssignment(CameraAssignment bound, ServiceReference<CameraAssignment> reference) {
        Bundle provider = reference.getBundle();
        followAssignment(bound, () -> provider != null && provider.getState() == Bundle.STOPPING);
    }

    void unbindAssignment(CameraAssignment unbound) {
        leaveAssignment(unbound);
    }

    /** As SCR binds an assignment; {@code providerStopping} tells whether the bundle providing it is stopping. */
    synchronized void followAssignment(CameraAssignment bound, BooleanSupplier providerStopping) {
        endSubscription();
        owned = Optional.of(Set.of());
        assignment = bound;
        assignmentStopping = providerStopping;
        subscription = bound.subscribe(cameras -> assignmentChanged(bound, cameras));
        follow();
    }

    /**
     * The assignment is gone. When its bundle is stopping (an update, the node shutting down) this node stays a member
     * that owns nothing: its member leaves the group only after this returns, so every stream is stopped first and
     * none runs here once another node has it. Otherwise the cluster configuration was removed: a single node again,
     * running every camera it is offered.
     */
    synchronized void leaveAssignment(CameraAssignment unbound) {
        if (assignment != unbound) {
            return; // a greedy replacement was bound first
        }
        endSubscription();
        assignment = null;
        owned = assignmentStopping.getAsBoolean() ? Optional.of(Set.of()) : Optional.empty();
        Future<?> done;
        try {
            done = worker.submit(this::reconcile);
        } catch (RejectedExecutionException e) {
            return;
        }
        if (owned.isPresent()) {
            awaitStopped(done);
        }
    }

    private void endSubscription() {
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                logger.warn("Closing the cluster subscription failed: {}", e.getMessage());
            }
            subscription = null;
        }
    }

    /**
     * On the cluster's poll thread, which also keeps this node's membership: cameras added only queue their start,
     * but when cameras were taken away the call waits (bounded) until their streams stopped, so they are not
     * analysed here once another node may have started them.
     */
    private void assignmentChanged(CameraAssignment from, Map<String, OwnedCamera> cameras) {
        if (assignment != from) {
            return; // a subscription being replaced
        }
        Set<String> now = Set.copyOf(cameras.keySet());
        Set<String> before = owned.orElse(Set.of());
        Map<String, Long> nowEpochs = new HashMap<>();
        cameras.forEach((camera, ownedCamera) -> nowEpochs.put(camera, ownedCamera.epoch()));
        epochs = Map.copyOf(nowEpochs);
        owned = Optional.of(now);
        // also a camera owned before but not running yet: a reconcile queued or under way may be starting it
        boolean lost = before.stream().anyMatch(camera -> !now.contains(camera))
                || running.keySet().stream().anyMatch(camera -> !now.contains(camera));
        Future<?> done;
        try {
            done = worker.submit(this::reconcile);
        } catch (RejectedExecutionException e) {
            return; // deactivated: nothing runs any more
        }
        if (lost) {
            awaitStopped(done);
        }
    }

    private void awaitStopped(Future<?> reconciled) {
        try {
            reconciled.get(REVOKED_STOP_BOUND_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            logger.error("Cameras taken from this node were not stopped within {} ms: {}", REVOKED_STOP_BOUND_MS,
                    e.toString());
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, unbind = "removeStreams",
            updated = "updatedStreams")
    void addStreams(CameraStreams streams, Map<String, Object> properties) {
        offers.put(serviceId(properties), streams);
        follow();
    }

    void updatedStreams(CameraStreams streams, Map<String, Object> properties) {
        follow();
    }

    void removeStreams(CameraStreams streams, Map<String, Object> properties) {
        offers.remove(serviceId(properties), streams);
        follow();
    }

    private static long serviceId(Map<String, Object> properties) {
        return ((Number) properties.getOrDefault(Constants.SERVICE_ID, 0L)).longValue();
    }

    @Override
    public void streamsChanged(CameraStreams source) {
        follow();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addFrameListener(FrameListener listener, Map<String, Object> properties) {
        listeners.put(listener, String.valueOf(properties.getOrDefault("camera.id", "")));
    }

    void removeFrameListener(FrameListener listener) {
        listeners.remove(listener);
    }

    /** Brings what runs in line with what is offered, on the worker. */
    void follow() {
        try {
            worker.execute(this::reconcile);
        } catch (RejectedExecutionException e) {
            // deactivated: nothing runs any more
        }
    }

    private void reconcile() {
        List<StreamSpec> offered = new ArrayList<>();
        for (CameraStreams source : offers.values()) {
            try {
                offered.addAll(source.streams());
            } catch (RuntimeException e) {
                logger.error("Stream offer {} failed: {}", source, e.getMessage());
            }
        }
        Optional<Set<String>> assigned = owned;
        NodeStreams.Choice choice = NodeStreams.choose(offered, assigned);
        reportUnoffered(assigned, offered);
        for (StreamSpec duplicate : choice.duplicates()) {
            if (!duplicate.equals(reportedDuplicates.put(duplicate.cameraId(), duplicate))) {
                logger.warn("Camera {} is offered twice (a stream configuration and an ONVIF camera with the same id?): "
                        + "only the first offer runs", duplicate.cameraId());
            }
        }
        reportedDuplicates.keySet().retainAll(choice.duplicates().stream().map(StreamSpec::cameraId).toList());
        for (String camera : List.copyOf(running.keySet())) {
            StreamSpec wanted = choice.run().get(camera);
            RunningStream current = running.get(camera);
            // a refused spec is tried again on every change of the offers (its password may be in the store now);
            // a camera lost and given back meanwhile restarts, so its frames carry the new epoch, never the old one
            if (wanted == null || !wanted.equals(current.spec()) || current.stream().isEmpty()
                    || startedUnder.getOrDefault(camera, Frame.NO_EPOCH) != epochOf(camera, assigned)) {
                stop(camera);
            }
        }
        choice.run().forEach((camera, spec) -> {
            if (!running.containsKey(camera)) {
                start(spec, epochOf(camera, assigned));
            }
        });
    }

    /** A camera the cluster gave this node that nothing offers here (its camera file missing on this node?): said once. */
    private void reportUnoffered(Optional<Set<String>> assigned, List<StreamSpec> offered) {
        Set<String> unoffered = new TreeSet<>(assigned.orElse(Set.of()));
        offered.forEach(spec -> unoffered.remove(spec.cameraId()));
        reportedUnoffered.keySet().retainAll(unoffered);
        for (String camera : unoffered) {
            if (reportedUnoffered.putIfAbsent(camera, camera) == null) {
                logger.warn("Camera {} is assigned to this node by the cluster but not offered here (is its camera "
                        + "configuration on every node?): it is not analysed", camera);
            }
        }
    }

    /** The epoch a stream of {@code camera} starts under now: its ownership's on a member, none on a single node. */
    private long epochOf(String camera, Optional<Set<String>> assigned) {
        return assigned.isPresent() ? epochs.getOrDefault(camera, Frame.NO_EPOCH) : Frame.NO_EPOCH;
    }

    private void start(StreamSpec spec, long epoch) {
        RunningStream stream;
        try {
            StreamSettings settings = StreamSettings.of(spec, secrets);
            AtomicReference<CameraStream> self = new AtomicReference<>();
            Consumer<Frame> frames = epoch == Frame.NO_EPOCH ? this::deliver : frame -> deliver(new Frame(frame.cameraId(),
                    frame.width(), frame.height(), frame.stride(), frame.pixels(), frame.ptsNanos(), frame.captureTime(),
                    frame.captureClock(), epoch));
            stream = RunningStream.start(spec, settings, decoders, frames, state -> stateChanged(self.get(), state));
            stream.stream().ifPresent(self::set);
            logger.info("Camera {}: stream {} started", spec.cameraId(), settings);
        } catch (SecretStoreException | RuntimeException e) {
            logger.error("Camera {}: stream not started: {}", spec.cameraId(), e.getMessage());
            stream = RunningStream.refused(spec, "not started: " + e.getMessage());
        }
        running.put(spec.cameraId(), stream);
        startedUnder.put(spec.cameraId(), epoch);
        unpublish.put(spec.cameraId(), publishStatus.apply(stream));
    }

    private void stop(String camera) {
        Optional.ofNullable(unpublish.remove(camera)).ifPresent(Runnable::run);
        RunningStream stream = running.remove(camera);
        startedUnder.remove(camera);
        if (stream != null) {
            try {
                stream.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void deliver(Frame frame) {
        listeners.forEach((listener, camera) -> {
            if (camera.isEmpty() || camera.equals(frame.cameraId())) {
                try {
                    listener.onFrame(frame);
                } catch (RuntimeException e) {
                    // one broken consumer must not stop the stream for the others
                    logger.error("Frame listener {} failed on camera {}", listener, frame.cameraId(), e);
                }
            }
        });
    }

    private void stateChanged(CameraStream stream, CameraStream.StreamState state) {
        String camera = stream == null ? "?" : stream.cameraId();
        logger.info("Camera {}: {} ({})", camera, state.phase(), state.detail());
        EventAdmin events = eventAdmin;
        if (events != null && stream != null) {
            StreamFigures.Snapshot figures = stream.figures();
            Map<String, Object> properties = new HashMap<>();
            properties.put("camera.id", camera);
            properties.put("phase", state.phase().name());
            properties.put("detail", state.detail());
            state.decoder().ifPresent(d -> properties.put("decoder", d));
            state.codec().ifPresent(c -> properties.put("codec", c.name()));
            properties.put("decoded", figures.decoded());
            properties.put("analysed", figures.analysed());
            properties.put("dropped", figures.dropped());
            properties.put("reconnects", figures.reconnects());
            events.postEvent(new Event(StreamTopics.STATE, properties));
        }
    }

    @Override
    public List<StreamStatus> streams() {
        return running.values().stream().map(RunningStream::status).toList();
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        synchronized (this) {
            endSubscription();
            assignment = null;
        }
        worker.execute(() -> List.copyOf(running.keySet()).forEach(this::stop));
        worker.shutdown();
        if (!worker.awaitTermination(15, TimeUnit.SECONDS)) {
            worker.shutdownNow();
        }
    }
}

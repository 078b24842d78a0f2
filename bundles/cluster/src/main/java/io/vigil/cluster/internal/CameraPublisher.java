package io.vigil.cluster.internal;

import io.vigil.api.cluster.CameraAssignment;
import io.vigil.api.cluster.ClusterException;
import io.vigil.api.media.CameraStreams;
import io.vigil.api.media.CameraStreamsListener;
import io.vigil.api.media.StreamSpec;
import io.vigil.support.json.Json;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Puts the cameras offered on this node ({@link CameraStreams}: the camera registry's, hand-written stream
 * configurations) on the cluster's camera topic, so that one node of the cluster owns each, and withdraws a camera
 * whose offer goes away. Lives here, not in ingest, so ingest knows nothing of Kafka: it only follows the
 * {@link CameraAssignment}. Exists only on a cluster member (it needs the assignment).
 *
 * <p>The configuration published is the camera's {@link StreamSpec} as JSON ({@link #configuration}): the password
 * is never in it, only its alias, which must exist in every node's secret store. Every node gets the same camera
 * files today, so every node publishes the same text; ingest runs its own offer of an owned camera.
 *
 * <p>A camera whose offer goes away because its bundle or the framework is stopping is not withdrawn: a node going
 * down (or a bundle being updated) must not remove its cameras from the cluster; the survivors take them.
 */
// the cluster's configuration required, as the assignment's: on a single node this component does not exist at all,
// rather than waiting for an assignment that never comes (vigil status reports a waiting component as a problem)
@Component(immediate = true, service = CameraStreamsListener.class, configurationPid = KafkaCameraAssignment.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public class CameraPublisher implements CameraStreamsListener {

    /** How long after a failed publish (Kafka unreachable) the offers are published again. */
    static final long RETRY_MS = 10_000;

    private final CameraAssignment assignment;
    private final Logger log;
    /** Whether the framework is stopping: the node is going down. */
    private final BooleanSupplier nodeStopping;
    private final ScheduledExecutorService worker;
    /** The offering services by service id (the earliest offer of a camera wins, as in ingest), with their bundle. */
    private final Map<Long, Offer> offers = new ConcurrentSkipListMap<>();
    /** What this node published, by camera id; changed on the worker only. */
    private final Map<String, String> published = new HashMap<>();
    private ScheduledFuture<?> retry;

    /** An offering service and whether its bundle is stopping (then its cameras go with it, not from the cluster). */
    private record Offer(CameraStreams streams, BooleanSupplier providerStopping) {
    }

    @Activate
    public CameraPublisher(@Reference CameraAssignment assignment, @Reference(service = LoggerFactory.class) Logger log,
            BundleContext context) {
        this(assignment, log, stopping(context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION)));
        if (KafkaCameraAssignment.ONE_SHOT.equals(context.getProperty(KafkaCameraAssignment.MODE_PROPERTY))) {
            // a container made for one command runs no camera: the running nodes publish theirs
            worker.shutdown();
        }
    }

    /** For tests: {@code nodeStopping} tells whether the framework is stopping. */
    CameraPublisher(CameraAssignment assignment, Logger log, BooleanSupplier nodeStopping) {
        this.assignment = assignment;
        this.log = log;
        this.nodeStopping = nodeStopping;
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "vigil-cluster-publisher");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, unbind = "removeStreams",
            updated = "updatedStreams")
    void addStreams(CameraStreams streams, ServiceReference<CameraStreams> reference) {
        addOffer(serviceId(reference), streams, stopping(reference.getBundle()));
    }

    /** For tests, and as SCR binds an offer: {@code providerStopping} tells whether its bundle is stopping. */
    void addOffer(long serviceId, CameraStreams streams, BooleanSupplier providerStopping) {
        offers.put(serviceId, new Offer(streams, providerStopping));
        sync();
    }

    void updatedStreams(CameraStreams streams, ServiceReference<CameraStreams> reference) {
        sync();
    }

    void removeStreams(CameraStreams streams, ServiceReference<CameraStreams> reference) {
        removeOffer(serviceId(reference));
    }

    void removeOffer(long serviceId) {
        Offer offer = offers.remove(serviceId);
        if (offer != null && (offer.providerStopping().getAsBoolean() || nodeStopping.getAsBoolean())) {
            // going down, not removed: keep the cameras on the topic for the other nodes
            Set<String> leaving = cameras(offer.streams());
            run(() -> published.keySet().removeAll(leaving));
        }
        sync();
    }

    private static BooleanSupplier stopping(Bundle bundle) {
        return () -> bundle != null && bundle.getState() == Bundle.STOPPING;
    }

    private static long serviceId(ServiceReference<?> reference) {
        return ((Number) reference.getProperty(Constants.SERVICE_ID)).longValue();
    }

    @Override
    public void streamsChanged(CameraStreams source) {
        sync();
    }

    /** Brings the camera topic in line with what this node is offered, on the worker. */
    void sync() {
        run(this::publishOffers);
    }

    private void run(Runnable task) {
        try {
            worker.execute(task);
        } catch (RejectedExecutionException e) {
            // deactivated
        }
    }

    private void publishOffers() {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (Offer offer : offers.values()) {
            for (StreamSpec spec : specs(offer.streams())) {
                wanted.putIfAbsent(spec.cameraId(), configuration(spec));
            }
        }
        boolean failed = false;
        for (Map.Entry<String, String> camera : wanted.entrySet()) {
            if (!camera.getValue().equals(published.get(camera.getKey()))) {
                try {
                    assignment.publish(camera.getKey(), camera.getValue());
                    published.put(camera.getKey(), camera.getValue());
                    log.info("cluster: camera {} published", camera.getKey());
                } catch (ClusterException | RuntimeException e) {
                    failed = true;
                    log.warn("cluster: camera {} not published (again in {} s): {}", camera.getKey(), RETRY_MS / 1000,
                            e.getMessage());
                }
            }
        }
        for (String camera : List.copyOf(published.keySet())) {
            if (!wanted.containsKey(camera)) {
                try {
                    assignment.withdraw(camera);
                    published.remove(camera);
                    log.info("cluster: camera {} withdrawn (no longer offered on this node)", camera);
                } catch (ClusterException | RuntimeException e) {
                    failed = true;
                    log.warn("cluster: camera {} not withdrawn (again in {} s): {}", camera, RETRY_MS / 1000, e.getMessage());
                }
            }
        }
        if (failed && (retry == null || retry.isDone())) {
            retry = worker.schedule(this::publishOffers, RETRY_MS, TimeUnit.MILLISECONDS);
        }
    }

    private List<StreamSpec> specs(CameraStreams streams) {
        try {
            return streams.streams();
        } catch (RuntimeException e) {
            log.error("cluster: stream offer {} failed: {}", streams, e.getMessage());
            return List.of();
        }
    }

    private Set<String> cameras(CameraStreams streams) {
        return specs(streams).stream().map(StreamSpec::cameraId).collect(Collectors.toSet());
    }

    /** A camera's record on the topic: its stream spec as JSON (a version field first), never a password. */
    static String configuration(StreamSpec spec) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", 1);
        json.put("cameraId", spec.cameraId());
        json.put("uri", spec.uri().toString());
        json.put("user", spec.user());
        json.put("passwordAlias", spec.passwordAlias());
        json.put("transport", spec.transport().name());
        json.put("latencyMs", spec.latency().toMillis());
        json.put("maxFps", spec.maxFps());
        json.put("keyframesOnly", spec.keyframesOnly());
        json.put("maxWidth", spec.maxWidth());
        json.put("maxHeight", spec.maxHeight());
        json.put("decoder", spec.decoder());
        json.put("allowBasic", spec.allowBasic());
        return Json.compact(json);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        // nothing withdrawn: a node stopping leaves its cameras to the others
        worker.shutdownNow();
        worker.awaitTermination(10, TimeUnit.SECONDS);
    }
}

package io.vigil.onvif.internal.device;

import io.vigil.api.camera.Camera;
import io.vigil.api.camera.CameraState;
import io.vigil.api.media.MediaException;
import io.vigil.api.media.MetadataKeepAlive;
import io.vigil.api.media.MetadataMount;
import io.vigil.api.media.RtspCredentials;
import io.vigil.api.media.RtspMount;
import io.vigil.api.media.RtspServer;
import io.vigil.api.media.StreamSource;
import io.vigil.api.media.VideoCodec;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Vigil's restream of each STREAMING camera at {@code /vigil/<camera id>} of the product RTSP
 * server, and its ONVIF metadata stream at {@code /vigil/<camera id>/metadata}, under Vigil's own
 * RTSP login for the VMS: the profiles' stream URIs play them, and neither the camera's address
 * nor its password reaches the VMS. A camera that stops streaming (or leaves the registry) is
 * unmounted. Reconciled on a worker of its own when a camera changes
 * ({@link #changed()} only schedules) and every few seconds, so a missed event heals.
 *
 * <p>The RTSP server builds each restream from what the camera really sends, not from its
 * profile's label, and refuses one it cannot play; such a camera's restream is reported as
 * failed with the reason ({@link #videoProblem}), and tried again after {@link #RETRY_MILLIS} ms.
 */
final class Restreams implements AutoCloseable {

    /** How to pull one camera's stream: its address and, if it asks for one, its login. */
    record Source(URI uri, Optional<RtspCredentials> login) {
    }

    private final Supplier<List<Camera>> cameras;
    private final Supplier<Optional<RtspServer>> server;
    private final Function<Camera, Optional<Source>> sourceOf;
    private final Supplier<Optional<RtspCredentials>> vigilLogin;
    private final ScheduledExecutorService worker;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Map<String, RtspMount> mounts = new HashMap<>();
    private final Map<String, URI> mountedFrom = new HashMap<>();
    /** Why a streaming camera's restream is not mounted; read by status and `vigil cameras`. */
    private final Map<String, String> videoProblems = new ConcurrentHashMap<>();
    /** When a failed restream may be tried again (System.nanoTime), so a camera is not pulled every few seconds. */
    private final Map<String, Long> retryAfter = new HashMap<>();
    static final long RETRY_MILLIS = 15_000;
    // read by the inference threads for every analysed frame: no lock there
    private final Map<String, MetadataMount> metadata = new ConcurrentHashMap<>();
    private final MetadataKeepAlive keepAlive;
    private volatile String state = "no cameras streaming";

    Restreams(Supplier<List<Camera>> cameras, Supplier<Optional<RtspServer>> server, Function<Camera, Optional<Source>> sourceOf,
            Supplier<Optional<RtspCredentials>> vigilLogin, MetadataKeepAlive keepAlive, long periodMillis) {
        this.cameras = cameras;
        this.keepAlive = keepAlive;
        this.server = server;
        this.sourceOf = sourceOf;
        this.vigilLogin = vigilLogin;
        this.worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "vigil-onvif-restreams");
            thread.setDaemon(true);
            return thread;
        });
        worker.scheduleWithFixedDelay(this::reconcile, 0, periodMillis, TimeUnit.MILLISECONDS);
    }

    static final String METADATA_SUFFIX = "/metadata";

    static String path(String cameraId) {
        return "/vigil/" + URLEncoder.encode(cameraId, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A camera changed: reconcile soon, on the worker. Never blocks. */
    void changed() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                worker.execute(() -> {
                    scheduled.set(false);
                    reconcile();
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                scheduled.set(false); // closing
            }
        }
    }

    String state() {
        return state;
    }

    synchronized Set<String> mounted() {
        return Set.copyOf(mounts.keySet());
    }

    /** Why the camera's restream cannot play, while it is streaming and its restream is not mounted. Never blocks. */
    Optional<String> videoProblem(String cameraId) {
        return Optional.ofNullable(videoProblems.get(cameraId));
    }

    /** The camera's metadata stream, while it is mounted. Never blocks. */
    Optional<MetadataMount> metadata(String cameraId) {
        return Optional.ofNullable(metadata.get(cameraId));
    }

    /** Documents sent and dropped over all metadata streams. */
    long[] metadataCounts() {
        long sent = 0;
        long dropped = 0;
        for (MetadataMount mount : metadata.values()) {
            sent += mount.sent();
            dropped += mount.dropped();
        }
        return new long[] {sent, dropped};
    }

    private synchronized void reconcile() {
        try {
            Optional<RtspServer> rtsp = server.get();
            Map<String, Camera> streaming = cameras.get().stream()
                    .filter(c -> c.state().phase() == CameraState.Phase.STREAMING)
                    .collect(Collectors.toMap(Camera::id, c -> c, (a, b) -> a));
            for (String id : List.copyOf(metadata.keySet())) {
                if (rtsp.isEmpty() || !streaming.containsKey(id)) {
                    unmountMetadata(id);
                }
            }
            videoProblems.keySet().retainAll(streaming.keySet());
            retryAfter.keySet().retainAll(streaming.keySet());
            // gone, or no longer streaming, or now streaming from elsewhere: unmount
            for (String id : List.copyOf(mounts.keySet())) {
                Camera camera = streaming.get(id);
                Optional<URI> now = camera == null ? Optional.empty() : sourceOf.apply(camera).map(Source::uri);
                if (rtsp.isEmpty() || now.isEmpty() || !now.get().equals(mountedFrom.get(id))) {
                    unmount(id);
                }
            }
            if (rtsp.isEmpty()) {
                state = "no RTSP server: profiles' streams do not play";
                return;
            }
            Optional<RtspCredentials> login = vigilLogin.get();
            if (login.isEmpty()) {
                state = "no RTSP login for the VMS (rtsp.user and its password): restreams are not mounted";
                return;
            }
            int failed = 0;
            String lastFailure = "";
            for (Camera camera : streaming.values()) {
                if (!metadata.containsKey(camera.id())) {
                    try {
                        metadata.put(camera.id(), rtsp.get().mountMetadata(path(camera.id()) + METADATA_SUFFIX,
                                Optional.of(copy(login.get())), keepAlive));
                    } catch (MediaException | RuntimeException e) {
                        failed++;
                        lastFailure = camera.id() + " metadata: " + e.getMessage();
                    }
                }
                if (mounts.containsKey(camera.id())) {
                    continue;
                }
                Optional<Source> source = sourceOf.apply(camera);
                if (source.isEmpty()) {
                    videoProblems.put(camera.id(), "no stream address for the camera");
                    continue;
                }
                Long retry = retryAfter.get(camera.id());
                if (retry != null && System.nanoTime() - retry < 0) {
                    continue;
                }
                try {
                    // the label is only a hint: the server relays what the camera really sends
                    RtspMount mount = rtsp.get().mount(path(camera.id()), new StreamSource.Relay(source.get().uri(),
                            source.get().login(), codec(camera)), Optional.of(copy(login.get())));
                    mounts.put(camera.id(), mount);
                    mountedFrom.put(camera.id(), source.get().uri());
                    videoProblems.remove(camera.id());
                    retryAfter.remove(camera.id());
                } catch (MediaException | RuntimeException e) {
                    videoProblems.put(camera.id(), String.valueOf(e.getMessage()));
                    retryAfter.put(camera.id(), System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RETRY_MILLIS));
                }
            }
            wipe(login.get());
            failed += videoProblems.size();
            if (!videoProblems.isEmpty()) {
                lastFailure = (lastFailure.isEmpty() ? "" : lastFailure + "; ") + videoProblems.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                        .sorted().collect(Collectors.joining("; "));
            }
            state = mounts.size() + " restream(s) and " + metadata.size() + " metadata stream(s) mounted" + (failed == 0 ? ""
                    : ", " + failed + " cannot play (" + lastFailure + ")");
        } catch (RuntimeException e) {
            state = "failed: " + e.getMessage();
        }
    }

    private static VideoCodec codec(Camera camera) {
        String encoding = camera.streamProfile().encoding().toUpperCase(java.util.Locale.ROOT);
        return encoding.contains("265") || encoding.contains("HEVC") ? VideoCodec.H265 : VideoCodec.H264;
    }

    private static RtspCredentials copy(RtspCredentials login) {
        return new RtspCredentials(login.user(), login.password().clone());
    }

    private static void wipe(RtspCredentials login) {
        Arrays.fill(login.password(), '\0');
    }

    private void unmountMetadata(String id) {
        MetadataMount mount = metadata.remove(id);
        if (mount != null) {
            try {
                mount.close();
            } catch (RuntimeException e) {
                // the server is going too
            }
        }
    }

    private void unmount(String id) {
        RtspMount mount = mounts.remove(id);
        mountedFrom.remove(id);
        if (mount != null) {
            try {
                mount.close();
            } catch (RuntimeException e) {
                // the server is going too
            }
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            for (String id : List.copyOf(mounts.keySet())) {
                unmount(id);
            }
            for (String id : List.copyOf(metadata.keySet())) {
                unmountMetadata(id);
            }
        }
    }
}

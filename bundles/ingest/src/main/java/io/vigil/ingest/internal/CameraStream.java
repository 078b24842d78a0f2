package io.vigil.ingest.internal;

import io.vigil.api.media.CaptureClock;
import io.vigil.api.media.Frame;
import io.vigil.api.media.VideoCodec;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.freedesktop.gstreamer.Bin;
import org.freedesktop.gstreamer.Buffer;
import org.freedesktop.gstreamer.Bus;
import org.freedesktop.gstreamer.Caps;
import org.freedesktop.gstreamer.Clock;
import org.freedesktop.gstreamer.Element;
import org.freedesktop.gstreamer.ElementFactory;
import org.freedesktop.gstreamer.FlowReturn;
import org.freedesktop.gstreamer.Gst;
import org.freedesktop.gstreamer.GstObject;
import org.freedesktop.gstreamer.Pad;
import org.freedesktop.gstreamer.PadLinkException;
import org.freedesktop.gstreamer.PadProbeReturn;
import org.freedesktop.gstreamer.PadProbeType;
import org.freedesktop.gstreamer.Pipeline;
import org.freedesktop.gstreamer.Sample;
import org.freedesktop.gstreamer.Structure;
import org.freedesktop.gstreamer.elements.AppSink;

/**
 * One camera's stream: rtspsrc, then (once the camera's SDP is known) depayload, parse, decode,
 * rate cap, BGR, appsink. Starting returns at once; the stream reports its state rather than
 * throwing, reconnects with backoff after an error, an end of stream or a stall, and falls
 * back from a hardware decoder that fails to the next candidate.
 */
final class CameraStream implements AutoCloseable {

    enum Phase { CONNECTING, STREAMING, RECONNECTING, FAILED, STOPPED }

    /** Where the stream is, for status and events; {@code detail} never holds a secret. */
    record StreamState(Phase phase, String detail, Instant since, Optional<String> decoder, Optional<VideoCodec> codec) {
    }

    private final StreamSettings settings;
    private final DecoderSelector selector;
    private final Consumer<Frame> frames;
    private final Consumer<StreamState> stateListener;
    private final ScheduledExecutorService scheduler;
    private final ReconnectBackoff backoff;
    private final StreamFigures figures = new StreamFigures();
    private final SenderReportWatch senderReports = new SenderReportWatch();
    private final OnvifTimestamps onvifTimestamps = new OnvifTimestamps();
    private final RtspAuthCheck authCheck = new RtspAuthCheck(Duration.ofSeconds(5));
    /** Why the current pipeline's rtspsrc has no credentials although the camera has some; set by build(). */
    private volatile Optional<String> withheld = Optional.empty();

    /*
     * Two locks, never nested: `lifecycle` serialises building and tearing down the pipeline
     * (scheduler threads and close() only, since tearing down waits for GStreamer's streaming
     * threads); `decoders` guards the decoder choice, which GStreamer's threads touch briefly.
     */
    private final ReentrantLock lifecycle = new ReentrantLock();
    private final Object decoders = new Object();
    /** Guards {@link #rate}, read by status while a reconnect may dispose it. */
    private final Object rateLock = new Object();
    private Element rate;

    private volatile StreamState state;
    private volatile boolean closed;
    private volatile long lastFrameNanos;
    private volatile Pipeline pipeline;
    private List<DecoderSelector.Candidate> candidates = List.of();
    private int candidateIndex;
    private volatile ScheduledFuture<?> pending;
    /** Why the stream runs on a fallback decoder, shown with its state until it reconnects. */
    private volatile Optional<String> fallbackNote = Optional.empty();
    private ScheduledFuture<?> stallCheck;

    CameraStream(StreamSettings settings, DecoderSelector selector, Consumer<Frame> frames,
            Consumer<StreamState> stateListener, ScheduledExecutorService scheduler) {
        this.settings = settings;
        this.selector = selector;
        this.frames = frames;
        this.stateListener = stateListener;
        this.scheduler = scheduler;
        this.backoff = new ReconnectBackoff(settings.backoffInitial(), settings.backoffMax());
        this.state = new StreamState(Phase.CONNECTING, "starting", Instant.now(), Optional.empty(), Optional.empty());
    }

    String cameraId() {
        return settings.cameraId();
    }

    StreamState state() {
        return state;
    }

    StreamFigures.Snapshot figures() {
        synchronized (rateLock) {
            return figures.snapshot(rateCounters());
        }
    }

    /** The current pipeline's videorate counters; callers hold {@link #rateLock}. */
    private StreamFigures.RateCounters rateCounters() {
        Element current = rate;
        if (current == null) {
            return StreamFigures.RateCounters.NONE;
        }
        return new StreamFigures.RateCounters(((Number) current.get("in")).longValue(),
                ((Number) current.get("out")).longValue());
    }

    /** Starts connecting in the background. */
    void start() {
        pending = scheduler.schedule(this::connect, 0, TimeUnit.MILLISECONDS);
        stallCheck = scheduler.scheduleWithFixedDelay(this::checkStall, 1, 1, TimeUnit.SECONDS);
    }

    private void connect() {
        lifecycle.lock();
        try {
            if (!closed) {
                teardown();
                build();
            }
        } finally {
            lifecycle.unlock();
        }
    }

    private void build() {
        setState(Phase.CONNECTING, "connecting to " + settings.uri());
        boolean sendCredentials = settings.user().isPresent();
        withheld = Optional.empty();
        if (settings.needsDigest()) {
            RtspAuthCheck.Result check = authCheck.check(settings.uri());
            switch (check.answer()) {
                case DIGEST -> sendCredentials = true;
                case BASIC_ONLY -> {
                    // the password would cross the network in clear: not without the administrator's say
                    retry("the camera offers only RTSP Basic authentication, which sends the password in clear over "
                            + "rtsp://; Vigil did not send it (use Digest or rtsps:// on the camera, or allow Basic "
                            + "for this camera: rtsp.allow.basic=true)", backoff.nextDelay());
                    return;
                }
                default -> {
                    // no login asked, or no telling: rtspsrc goes without the password and says what happens
                    sendCredentials = false;
                    withheld = Optional.of(check.detail());
                }
            }
        }
        pipeline = new Pipeline("camera-" + settings.cameraId());
        Element source = ElementFactory.make("rtspsrc", "src");
        source.set("location", settings.uri().toString());
        source.setAsString("protocols", settings.transport() == StreamSettings.Transport.TCP ? "tcp" : "udp");
        source.set("latency", (int) settings.latency().toMillis());
        // the jitter buffer maps RTP time to the camera's clock through RTCP sender reports
        source.set("ntp-sync", true);
        if (sendCredentials) {
            settings.user().ifPresent(user -> source.set("user-id", user));
            settings.password().ifPresent(password -> source.set("user-pw", new String(password)));
        }
        senderReports.watch(source);
        pipeline.add(source);
        source.connect((Element.PAD_ADDED) this::padAdded);
        Bus bus = pipeline.getBus();
        bus.connect((Bus.ERROR) this::busError);
        bus.connect((Bus.EOS) this::endOfStream);
        lastFrameNanos = System.nanoTime();
        pipeline.play();
    }

    private void padAdded(Element source, Pad pad) {
        Caps caps = pad.getCurrentCaps();
        if (caps == null || caps.size() == 0) {
            return;
        }
        Structure structure = caps.getStructure(0);
        if (!"video".equals(structure.getString("media"))) {
            return; // audio and metadata streams of the camera are not analysed here
        }
        String encoding = structure.getString("encoding-name");
        Optional<VideoCodec> codec = ChainDescription.codecOf(encoding);
        if (codec.isEmpty()) {
            fail("unsupported video encoding '" + encoding + "': Vigil decodes H.264, H.265 and MJPEG; "
                    + "choose another stream profile on the camera");
            return;
        }
        Pipeline current = pipeline;
        if (current == null) {
            return;
        }
        watchOnvifTimestamps(pad);
        synchronized (decoders) {
            if (candidates.isEmpty()) {
                candidates = selector.candidates(codec.get(), settings.decoder());
                candidateIndex = 0;
            }
            // a decoder the registry lists may still not be made (its device is gone, its
            // library fails to load): fall back along the candidates at once
            Optional<String> previousFailure = Optional.empty();
            while (candidateIndex < candidates.size()) {
                DecoderSelector.Candidate decoder = candidates.get(candidateIndex);
                Bin chain;
                try {
                    chain = Gst.parseBinFromDescription(ChainDescription.describe(codec.get(), decoder.element(), settings), true);
                } catch (RuntimeException e) {
                    previousFailure = Optional.of("decoder " + decoder.element() + " cannot be used (building its chain: "
                            + e.getMessage() + ")");
                    candidateIndex++;
                    continue;
                }
                wire(chain);
                current.add(chain);
                chain.syncStateWithParent();
                try {
                    pad.link(chain.getStaticPad("sink"));
                } catch (PadLinkException e) {
                    fail("cannot link the camera's " + encoding + " stream: " + e.getLinkResult());
                    return;
                }
                String detail = "negotiating " + codec.get() + " with " + decoder.element()
                        + previousFailure.map(f -> "; " + f + ", fell back").orElse("");
                fallbackNote = previousFailure.map(f -> f + ", fell back to " + decoder.element());
                state = new StreamState(Phase.CONNECTING, detail, Instant.now(), Optional.of(decoder.element()), codec);
                return;
            }
            fail("no decoder for " + codec.get() + " on this machine" + previousFailure.map(f -> " (" + f + ")").orElse("")
                    + "; install gstreamer1.0-libav");
        }
    }

    /**
     * Reads the ONVIF capture-time extension from the camera's packets. A camera that sends none
     * in its first packets sends none at all, and the probe removes itself.
     */
    private void watchOnvifTimestamps(Pad rtpPad) {
        java.util.concurrent.atomic.AtomicInteger withoutExtension = new java.util.concurrent.atomic.AtomicInteger();
        rtpPad.addProbe(PadProbeType.BUFFER, (pad, info) -> {
            Buffer packet = info.getBuffer();
            ByteBuffer bytes = packet.map(false);
            try {
                Optional<Instant> captured = bytes == null ? Optional.empty() : OnvifTimestamps.parse(bytes);
                if (captured.isPresent()) {
                    onvifTimestamps.remember(packet.getPresentationTimestamp(), captured.get());
                    withoutExtension.set(Integer.MIN_VALUE);
                } else if (withoutExtension.incrementAndGet() > 200) {
                    return PadProbeReturn.REMOVE;
                }
            } finally {
                packet.unmap();
            }
            return PadProbeReturn.OK;
        });
    }

    /** Counting probes and the frame callback. */
    private void wire(Bin chain) {
        synchronized (rateLock) {
            rate = chain.getElementByName(ChainDescription.RATE);
        }
        if (settings.keyframesOnly()) {
            chain.getElementByName(ChainDescription.PARSER).getStaticPad("src").addProbe(PadProbeType.BUFFER,
                    (pad, info) -> info.getBuffer().getFlags().contains(org.freedesktop.gstreamer.BufferFlags.DELTA_UNIT)
                            ? PadProbeReturn.DROP : PadProbeReturn.OK);
        }
        AppSink sink = (AppSink) chain.getElementByName(ChainDescription.SINK);
        sink.connect((AppSink.NEW_SAMPLE) this::newSample);
    }

    private FlowReturn newSample(AppSink sink) {
        Sample sample = sink.pullSample();
        if (sample == null) {
            return FlowReturn.EOS;
        }
        try {
            Structure caps = sample.getCaps().getStructure(0);
            int width = caps.getInteger("width");
            int height = caps.getInteger("height");
            Buffer buffer = sample.getBuffer();
            ByteBuffer pixels = buffer.map(false);
            try {
                long pts = buffer.getPresentationTimestamp();
                Optional<Instant> stamped = onvifTimestamps.captured(pts);
                Instant captureTime = stamped.orElseGet(() -> captureTime(pts));
                CaptureClock clock = stamped.isPresent() ? CaptureClock.CAMERA_ONVIF_EXTENSION
                        : senderReports.seen() ? CaptureClock.CAMERA_RTCP : CaptureClock.RECEIVER;
                figures.analysed.incrementAndGet();
                lastFrameNanos = System.nanoTime();
                if (state.phase() != Phase.STREAMING) {
                    onStreaming();
                }
                frames.accept(new Frame(settings.cameraId(), width, height, rowStride(width), pixels.asReadOnlyBuffer(),
                        pts, captureTime, clock));
            } finally {
                buffer.unmap();
            }
            return FlowReturn.OK;
        } finally {
            sample.dispose();
        }
    }

    /** GStreamer pads each packed BGR row to a multiple of four bytes. */
    static int rowStride(int width) {
        return (width * 3 + 3) & ~3;
    }

    /**
     * The frame's age in the pipeline's running time, taken from the wall clock now. With
     * ntp-sync the jitter buffer has put the camera's capture time (from its sender reports) into
     * the timestamps; before the first report, they are arrival times.
     */
    private Instant captureTime(long pts) {
        Pipeline current = pipeline;
        Clock clock = current == null ? null : current.getClock();
        if (clock == null || pts < 0) {
            return Instant.now();
        }
        long ageNanos = clock.getTime() - current.getBaseTime() - pts;
        figures.latency(ageNanos / 1e6);
        return Instant.now().minusNanos(Math.max(0, ageNanos));
    }

    private void onStreaming() {
        synchronized (decoders) {
            if (state.phase() == Phase.STREAMING) {
                return;
            }
            state = new StreamState(Phase.STREAMING, fallbackNote.map(n -> "streaming; " + n).orElse("streaming"),
                    Instant.now(), state.decoder(), state.codec());
        }
        stateListener.accept(state);
        // a connection that delivers frames counts as healthy once it has lasted a while
        scheduler.schedule(() -> {
            if (state.phase() == Phase.STREAMING) {
                backoff.reset();
            }
        }, 10, TimeUnit.SECONDS);
    }

    private void busError(GstObject source, int code, String message) {
        String element = source == null ? "" : source.getName();
        boolean decoderFailed = ChainDescription.DECODER.equals(element);
        synchronized (decoders) {
            if (decoderFailed && state.decoder().isPresent() && candidateIndex + 1 < candidates.size()) {
                DecoderSelector.Candidate failed = candidates.get(candidateIndex);
                candidateIndex++;
                fallbackNote = Optional.of("decoder " + failed.element() + " failed while running (" + message
                        + "), fell back to " + candidates.get(candidateIndex).element());
                retry("decoder " + failed.element() + " failed (" + message + "); falling back to "
                        + candidates.get(candidateIndex).element(), Duration.ZERO);
                return;
            }
        }
        retry(describeError(message, withheld), backoff.nextDelay());
    }

    private static String describeError(String message, Optional<String> withheld) {
        String lower = message.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("unauthorized") || lower.contains("401")) {
            return withheld.map(w -> "the camera asked for a login (401 Unauthorized) that Vigil withheld, as it had not "
                    + "seen the camera offer Digest (" + w + ")").orElse("the camera refused the credentials (401 Unauthorized)");
        }
        if (lower.contains("could not open resource") || lower.contains("connection refused")) {
            return "cannot connect: " + message;
        }
        return message;
    }

    private void endOfStream(GstObject source) {
        retry("the camera ended the stream", backoff.nextDelay());
    }

    private void checkStall() {
        if (closed || state.phase() != Phase.STREAMING) {
            return;
        }
        long silentNanos = System.nanoTime() - lastFrameNanos;
        if (silentNanos > settings.stallTimeout().toNanos()) {
            retry("no frame for " + silentNanos / 1_000_000_000 + " s", backoff.nextDelay());
        }
    }

    /** Called from GStreamer's threads too: only schedules; the scheduler rebuilds the pipeline. */
    private void retry(String reason, Duration delay) {
        if (closed || state.phase() == Phase.RECONNECTING && pending != null && !pending.isDone()) {
            return; // one error often comes with more from the same failure
        }
        figures.reconnects.incrementAndGet();
        setState(Phase.RECONNECTING, reason + "; reconnecting in " + delay.toMillis() + " ms");
        pending = scheduler.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A failure that retrying cannot mend (an unsupported codec): stop and say why. */
    private void fail(String reason) {
        setState(Phase.FAILED, reason);
        pending = scheduler.schedule(() -> {
            lifecycle.lock();
            try {
                teardown();
            } finally {
                lifecycle.unlock();
            }
        }, 0, TimeUnit.MILLISECONDS);
    }

    private void setState(Phase phase, String detail) {
        state = new StreamState(phase, detail, Instant.now(), state.decoder(), state.codec());
        stateListener.accept(state);
    }

    private void teardown() {
        synchronized (rateLock) {
            figures.pipelineEnded(rateCounters());
            rate = null;
        }
        Pipeline old = pipeline;
        pipeline = null;
        if (old != null) {
            old.setState(org.freedesktop.gstreamer.State.NULL);
            old.getBus().dispose();
            old.dispose();
        }
        senderReports.reset();
        onvifTimestamps.clear();
    }

    @Override
    public void close() {
        closed = true;
        ScheduledFuture<?> next = pending;
        if (next != null) {
            next.cancel(false);
        }
        if (stallCheck != null) {
            stallCheck.cancel(false);
        }
        lifecycle.lock();
        try {
            teardown();
        } finally {
            lifecycle.unlock();
        }
        state = new StreamState(Phase.STOPPED, "stopped", Instant.now(), state.decoder(), state.codec());
        stateListener.accept(state);
    }

}

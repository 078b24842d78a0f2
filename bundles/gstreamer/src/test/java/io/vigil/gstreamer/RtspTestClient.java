package io.vigil.gstreamer;

import io.vigil.gstreamer.internal.GStreamerInit;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.freedesktop.gstreamer.Buffer;
import org.freedesktop.gstreamer.ClockTime;
import org.freedesktop.gstreamer.FlowReturn;
import org.freedesktop.gstreamer.Gst;
import org.freedesktop.gstreamer.Pipeline;
import org.freedesktop.gstreamer.Sample;
import org.freedesktop.gstreamer.State;
import org.freedesktop.gstreamer.Structure;
import org.freedesktop.gstreamer.elements.AppSink;

/**
 * A real RTSP client for tests: rtspsrc over TCP, decoded to BGR into an appsink, counting
 * frames and collecting bus errors. Loopback servers only.
 */
public final class RtspTestClient implements AutoCloseable {

    /** Sees each decoded frame on the streaming thread; {@code bgr} is valid only during the call. */
    @FunctionalInterface
    public interface FrameInspector {
        void inspect(int width, int height, int stride, ByteBuffer bgr);
    }

    private final Pipeline pipeline;
    private final AtomicInteger frames = new AtomicInteger();
    private final Set<String> sizes = ConcurrentHashMap.newKeySet();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final AtomicInteger backwards = new AtomicInteger();
    private long lastTimestamp = -1; // the streaming thread's
    private volatile boolean ended;

    private RtspTestClient(URI uri, String user, String password, FrameInspector inspector) {
        GStreamerInit.ensureInitialised();
        pipeline = (Pipeline) Gst.parseLaunch("rtspsrc name=src protocols=tcp latency=200 ! decodebin ! videoconvert"
                + " ! video/x-raw,format=BGR ! appsink name=sink");
        var source = pipeline.getElementByName("src");
        source.set("location", uri.toString());
        if (user != null) {
            source.set("user-id", user);
            source.set("user-pw", password);
        }
        AppSink sink = (AppSink) pipeline.getElementByName("sink");
        sink.set("emit-signals", true);
        sink.set("sync", false);
        sink.set("max-buffers", 2);
        sink.set("drop", true);
        sink.connect((AppSink.NEW_SAMPLE) appSink -> {
            Sample sample = appSink.pullSample();
            try {
                Structure caps = sample.getCaps().getStructure(0);
                int width = caps.getInteger("width");
                int height = caps.getInteger("height");
                sizes.add(width + "x" + height);
                Buffer buffer = sample.getBuffer();
                try {
                    long timestamp = buffer.getPresentationTimestamp();
                    if (timestamp != ClockTime.NONE && timestamp <= lastTimestamp) {
                        backwards.incrementAndGet();
                    }
                    lastTimestamp = timestamp;
                    if (inspector != null) {
                        ByteBuffer bgr = buffer.map(false);
                        try {
                            inspector.inspect(width, height, (width * 3 + 3) & ~3, bgr);
                        } finally {
                            buffer.unmap();
                        }
                    }
                } finally {
                    buffer.dispose();
                }
                frames.incrementAndGet();
            } finally {
                sample.dispose();
            }
            return FlowReturn.OK;
        });
        pipeline.getBus().connect((org.freedesktop.gstreamer.Bus.ERROR) (object, code, message) ->
                errors.add(object.getName() + ": " + message));
        pipeline.getBus().connect((org.freedesktop.gstreamer.Bus.EOS) object -> ended = true);
        pipeline.play();
    }

    public static RtspTestClient play(URI uri) {
        return new RtspTestClient(uri, null, null, null);
    }

    public static RtspTestClient play(URI uri, String user, String password) {
        return new RtspTestClient(uri, user, password, null);
    }

    public static RtspTestClient play(URI uri, FrameInspector inspector) {
        return new RtspTestClient(uri, null, null, inspector);
    }

    /** Whether {@code count} frames arrived (in all) before {@code timeout}, an error or the end. */
    public boolean awaitFrames(int count, Duration timeout) {
        return await(() -> frames.get() >= count || !errors.isEmpty() || ended, timeout) && frames.get() >= count;
    }

    public boolean awaitError(Duration timeout) {
        return await(() -> !errors.isEmpty(), timeout);
    }

    /** Whether the stream ended or failed, as it does when the server drops the connection. */
    public boolean awaitEndOrError(Duration timeout) {
        return await(() -> ended || !errors.isEmpty(), timeout);
    }

    public boolean awaitCondition(BooleanSupplier condition, Duration timeout) {
        return await(condition, timeout);
    }

    private static boolean await(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    public int frameCount() {
        return frames.get();
    }

    /** Frames whose presentation time was not after the one before: a live stream has none. */
    public int framesBackInTime() {
        return backwards.get();
    }

    /** "WIDTHxHEIGHT" of every frame seen. */
    public Set<String> sizes() {
        return Set.copyOf(sizes);
    }

    public List<String> errors() {
        return List.copyOf(errors);
    }

    public boolean ended() {
        return ended;
    }

    /** For assertion messages. */
    public String describe() {
        return frames.get() + " frames (" + backwards + " back in time), sizes " + sizes + ", ended " + ended
                + ", errors " + errors;
    }

    @Override
    public void close() {
        pipeline.setState(State.NULL);
        pipeline.dispose();
    }
}

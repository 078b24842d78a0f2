package io.vigil.gstreamer.internal;

import io.vigil.api.media.MetadataKeepAlive;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.freedesktop.gstreamer.Bin;
import org.freedesktop.gstreamer.Buffer;
import org.freedesktop.gstreamer.Caps;
import org.freedesktop.gstreamer.Clock;
import org.freedesktop.gstreamer.Element;
import org.freedesktop.gstreamer.FlowReturn;
import org.freedesktop.gstreamer.elements.AppSrc;

/**
 * Feeds a metadata mount's documents to the pipeline gst-rtsp-server currently runs for it, if
 * any: each document cut into RTP packets ({@link RtpPacketiser}) and pushed into that
 * pipeline's appsrc ({@link LaunchDescription#metadata}), stamped with the running time of its
 * capture, so the RTP time and the RTCP sender reports put it on the server's wall clock.
 *
 * <p>Callers only queue ({@link #send}); one thread of its own does all the GStreamer work, so a
 * caller never waits for a pipeline, and never on a stalled client. The queue is short: what
 * does not fit is dropped and counted, since late metadata is worth less than current metadata.
 *
 * <p>The keep-alive document goes to each new pipeline at once: gst-rtsp-server prepares a live
 * media only once its stream has produced a packet, so nobody could play the mount before the
 * first document otherwise. After that it goes whenever nothing was sent for a second.
 */
final class MetadataFeed implements AutoCloseable {

    static final int QUEUE_CAPACITY = 64;
    private static final long KEEP_ALIVE_AFTER = TimeUnit.SECONDS.toNanos(1);
    /** How often a pipeline not yet accepting packets is asked again, and how long the thread idles. */
    private static final long RETRY_MILLIS = 100;
    /** A pipeline that never started by then was abandoned by gst-rtsp-server before it played. */
    private static final long GIVE_UP_STARTING = TimeUnit.SECONDS.toNanos(60);

    private record Document(Instant captureTime, byte[] bytes) { }

    private final MetadataKeepAlive keepAlive;
    private final BlockingQueue<Document> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final RandomGenerator random = new SecureRandom();
    private final Thread thread;
    // the pipeline gst-rtsp-server's thread has handed over and the feed's thread not yet taken
    private MetadataStream next; // guarded by this
    private volatile boolean closed;
    private MetadataStream current; // the feed thread's

    private MetadataFeed(MetadataKeepAlive keepAlive, String name) {
        this.keepAlive = keepAlive;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
    }

    /** Starts the feed's thread; {@code name} names it, e.g. after the mount's path. */
    static MetadataFeed start(MetadataKeepAlive keepAlive, String name) {
        MetadataFeed feed = new MetadataFeed(Objects.requireNonNull(keepAlive, "keepAlive"), name);
        feed.thread.start();
        return feed;
    }

    /**
     * Queues a copy of {@code document}; never blocks.
     *
     * @return false when the queue was full and the document dropped
     */
    boolean send(Instant captureTime, byte[] document) {
        Objects.requireNonNull(captureTime, "captureTime");
        Objects.requireNonNull(document, "document");
        if (closed) {
            return true; // nobody plays a closed mount: discarded, as with nobody playing
        }
        if (!queue.offer(new Document(captureTime, document.clone()))) {
            dropped.incrementAndGet();
            return false;
        }
        return true;
    }

    long sent() {
        return sent.get();
    }

    long dropped() {
        return dropped.get();
    }

    /**
     * Sends the documents from now on to {@code media}, a pipeline gst-rtsp-server has just built
     * for the mount, instead of to the one before. On gst-rtsp-server's thread.
     */
    void attach(Bin media) {
        Element element = media.getElementByName(LaunchDescription.METADATA_SOURCE);
        if (!(element instanceof AppSrc source)) {
            if (element != null) {
                element.dispose();
            }
            return;
        }
        RtpPacketiser packetiser = RtpPacketiser.random(random);
        // as a payloader's caps: rtpbin then announces the SSRC the packets carry (SETUP's Transport)
        Caps caps = Caps.fromString(LaunchDescription.METADATA_CAPS
                + ",ssrc=(uint)" + packetiser.ssrc()
                + ",timestamp-offset=(uint)" + packetiser.timestampOffset()
                + ",seqnum-offset=(uint)" + packetiser.nextSequence());
        source.setCaps(caps);
        caps.dispose();
        MetadataStream replaced;
        synchronized (this) {
            if (closed) {
                source.dispose();
                return;
            }
            replaced = next;
            next = new MetadataStream(source, packetiser, System.nanoTime());
        }
        if (replaced != null) {
            replaced.close(); // never sent to: the feed's thread has not seen it
        }
    }

    private void run() {
        try {
            while (!closed) {
                Document document = queue.poll(RETRY_MILLIS, TimeUnit.MILLISECONDS);
                takeNewPipeline();
                if (current != null && !current.started()) {
                    greet();
                }
                if (document != null && current != null && current.started()) {
                    deliver(document.captureTime(), document.bytes(), true);
                } // else nobody plays the mount: discarded
                if (current != null && current.started() && current.idleNanos() >= KEEP_ALIVE_AFTER) {
                    sendKeepAlive();
                }
            }
        } catch (InterruptedException e) {
            // closing
        } finally {
            if (current != null) {
                current.close();
                current = null;
            }
        }
    }

    private void takeNewPipeline() {
        MetadataStream fresh;
        synchronized (this) {
            fresh = next;
            next = null;
        }
        if (fresh != null) {
            if (current != null) {
                current.close();
            }
            current = fresh;
        }
    }

    /** Sends the keep-alive to a pipeline that has not taken a packet yet; gives up on one that never will. */
    private void greet() {
        if (!sendKeepAlive() && current != null && current.startingNanos() > GIVE_UP_STARTING) {
            current.close();
            current = null;
        }
    }

    private boolean sendKeepAlive() {
        Instant now = Instant.now();
        byte[] document;
        try {
            document = keepAlive.document(now);
        } catch (RuntimeException e) {
            return false; // the caller's bug, on our thread: no keep-alive this time, the next one is tried
        }
        return document != null && deliver(now, document, false);
    }

    /** Pushes the document to the current pipeline; lets go of that pipeline once it has stopped for good. */
    private boolean deliver(Instant captureTime, byte[] document, boolean counted) {
        FlowReturn pushed;
        try {
            pushed = current.push(captureTime, document);
        } catch (RuntimeException e) {
            pushed = FlowReturn.ERROR;
        }
        if (pushed == FlowReturn.OK) {
            if (counted) {
                sent.incrementAndGet();
            }
            return true;
        }
        // FLUSHING before the first packet went through is a pipeline still starting
        if (current.started() || pushed != FlowReturn.FLUSHING) {
            current.close();
            current = null;
        }
        return false;
    }

    /** Stops the thread and lets go of the pipelines; safe to call more than once. */
    @Override
    public void close() {
        MetadataStream pending;
        synchronized (this) {
            closed = true;
            pending = next;
            next = null;
        }
        if (pending != null) {
            pending.close();
        }
        thread.interrupt();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        queue.clear();
    }

    /** The appsrc of one pipeline built for the mount, its packetiser, and what it has been sent. */
    private static final class MetadataStream implements AutoCloseable {

        private final AppSrc source;
        private final RtpPacketiser packetiser;
        private final long attached;
        private long lastPresentation; // running time of the last document sent, in ns
        private long lastSent;
        private boolean started;

        MetadataStream(AppSrc source, RtpPacketiser packetiser, long attached) {
            this.source = source;
            this.packetiser = packetiser;
            this.attached = attached;
        }

        boolean started() {
            return started;
        }

        long idleNanos() {
            return System.nanoTime() - lastSent;
        }

        long startingNanos() {
            return System.nanoTime() - attached;
        }

        /**
         * Pushes {@code document}'s packets, stamped with the running time of {@code captureTime}
         * on this pipeline's clock: never before the document sent last, nor before the pipeline
         * started. FLUSHING also when the pipeline has no clock, not playing yet or any more.
         */
        FlowReturn push(Instant captureTime, byte[] document) {
            // the pipeline's clock, normally the system clock every pipeline shares: never disposed here
            Clock clock = source.getClock();
            if (clock == null) {
                return FlowReturn.FLUSHING;
            }
            long now = clock.getTime() - source.getBaseTime();
            long presentation = Math.max(lastPresentation, Math.max(0, now - age(captureTime)));
            for (byte[] packet : packetiser.packets(document, presentation)) {
                Buffer buffer = new Buffer(packet.length);
                ByteBuffer data = buffer.map(true);
                data.put(packet);
                buffer.unmap();
                buffer.setPresentationTimestamp(presentation);
                FlowReturn pushed = source.pushBuffer(buffer); // takes the buffer
                if (pushed != FlowReturn.OK) {
                    return pushed;
                }
            }
            lastPresentation = presentation;
            lastSent = System.nanoTime();
            started = true;
            return FlowReturn.OK;
        }

        /** How long ago {@code captureTime} was, in ns; 0 for a time in the future. */
        private static long age(Instant captureTime) {
            try {
                return Math.max(0, Duration.between(captureTime, Instant.now()).toNanos());
            } catch (ArithmeticException e) {
                return Long.MAX_VALUE / 2; // centuries ago: as early as the pipeline goes
            }
        }

        /** Releases the appsrc; gst-rtsp-server owns the pipeline itself. */
        @Override
        public void close() {
            source.dispose();
        }
    }
}

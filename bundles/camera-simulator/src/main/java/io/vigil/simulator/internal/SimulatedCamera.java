package io.vigil.simulator.internal;

import com.sun.net.httpserver.HttpServer;
import io.vigil.onvif.discovery.DiscoveryResponder;
import io.vigil.onvif.security.UsernameTokenVerifier;
import io.vigil.onvif.soap.Namespaces;
import io.vigil.onvif.xml.SecureXmlParser;
import io.vigil.onvif.xml.XmlLimits;
import io.vigil.simulator.internal.discovery.DiscoverySettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small ONVIF camera on 127.0.0.1: the device service at {@code /onvif/device_service}, Media1
 * at {@code /onvif/media_service} and, unless switched off, Media2 at {@code /onvif/media2_service},
 * served by the JDK's HTTP server. Several run at once on different ports; each has its own clock
 * (possibly off), users and replay cache.
 */
public final class SimulatedCamera implements AutoCloseable {

    /** Requests are small; a camera has no reason to read more. */
    private static final XmlLimits REQUEST_LIMITS = new XmlLimits(64 * 1024, 32, 2_000);
    private static final int THREADS = 4;
    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();

    private final SimulatedCameraSettings settings;
    private final AtomicLong refusedTokens = new AtomicLong();
    /** Null: the camera takes no part in WS-Discovery. */
    private final DiscoverySettings discovery;
    private HttpServer server;
    private ExecutorService executor;
    private DiscoveryResponder responder;

    public SimulatedCamera(SimulatedCameraSettings settings) {
        this(settings, null);
    }

    /** A camera that also answers WS-Discovery probes as {@code discovery} says. */
    public SimulatedCamera(SimulatedCameraSettings settings, DiscoverySettings discovery) {
        this.settings = settings;
        this.discovery = discovery;
    }

    /** Binds its port and starts answering. */
    public synchronized void start() throws IOException {
        if (server != null) {
            throw new IllegalStateException("the simulated camera is already running at " + deviceService());
        }
        HttpServer created = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port()), 16);
        URI base = URI.create("http://127.0.0.1:" + created.getAddress().getPort());
        Clock cameraClock = Clock.offset(Clock.systemUTC(), settings.clockOffset());
        // the verifier judges Created by the camera's own clock, off as it may be: clients must follow it
        UsernameTokenVerifier verifier = new UsernameTokenVerifier(UsernameTokenVerifier.Options.DEFAULTS, cameraClock);
        CameraOperations operations = new CameraOperations(settings, cameraClock, base);
        SecureXmlParser parser = new SecureXmlParser(REQUEST_LIMITS);
        created.createContext(CameraOperations.DEVICE_PATH,
                new OnvifEndpoint(Namespaces.TDS, operations, verifier, settings.user(), parser, refusedTokens));
        created.createContext(CameraOperations.MEDIA_PATH,
                new OnvifEndpoint(Namespaces.TRT, operations, verifier, settings.user(), parser, refusedTokens));
        if (settings.media2()) {
            created.createContext(CameraOperations.MEDIA2_PATH,
                    new OnvifEndpoint(Namespaces.TR2, operations, verifier, settings.user(), parser, refusedTokens));
        }
        executor = Executors.newFixedThreadPool(THREADS, runnable -> {
            Thread thread = new Thread(runnable, "simulated-camera-" + THREAD_NUMBER.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        created.setExecutor(executor);
        created.start();
        server = created;
        if (discovery != null) {
            DiscoveryResponder started = discovery.responder(deviceService());
            try {
                started.start(); // after the HTTP server, so the XAddr in its Hello already answers
            } catch (IOException | RuntimeException e) {
                stop();
                throw e;
            }
            responder = started;
        }
    }

    /** Its WS-Discovery responder while running, if it has one. */
    public synchronized Optional<DiscoveryResponder> discoveryResponder() {
        return Optional.ofNullable(responder);
    }

    /** {@code http://127.0.0.1:port/onvif/device_service}, the address clients start from. */
    public synchronized URI deviceService() {
        if (server == null) {
            throw new IllegalStateException("the simulated camera is not running");
        }
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + CameraOperations.DEVICE_PATH);
    }

    /** How many requests were refused for their UsernameToken since start. */
    public long refusedTokens() {
        return refusedTokens.get();
    }

    /** Stops answering and frees the port; waits at most about a second. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        if (responder != null) {
            responder.close(); // Bye first, while the device service still answers
            responder = null;
        }
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server = null;
        executor = null;
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "SimulatedCamera[user=" + settings.user().username() + ", media2=" + settings.media2()
                + ", clockOffset=" + settings.clockOffset() + "]";
    }
}

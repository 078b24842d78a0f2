package io.vigil.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.wiring.BundleRevision;

/**
 * The OSGi framework with Vigil's platform bundles from {@code system/}. Feature bundles come
 * and go through the {@code deploy/} folder, which fileinstall watches; the launcher only
 * keeps {@code system/} and the cache in step.
 */
final class Container {

    private static final Logger LOG = Logger.getLogger("io.vigil.launcher");
    /** The framework's errors (a bundle's failure, a service a factory could not make): the log's, not a one-shot command's terminal. */
    private static final Logger FRAMEWORK = Logger.getLogger("io.vigil.launcher.framework");

    private final Framework framework;
    private final AtomicLong lastChange = new AtomicLong(System.nanoTime());

    private Container(Framework framework) {
        this.framework = framework;
    }

    /** Start level of the bundles named in {@value #EARLY_PROPERTY}: extenders and logging. */
    static final int EARLY_LEVEL = 1;
    /** Start level of the other platform bundles; the hot folder's bundles start after them. */
    static final int PLATFORM_LEVEL = 2;
    static final String EARLY_PROPERTY = "vigil.startlevel.early";

    static Container start(Path systemDir, Map<String, String> properties) {
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new LauncherException("No OSGi framework on the class path (lib/felix.jar missing?)."));
        Framework framework = factory.newFramework(properties);
        Container container = new Container(framework);
        try {
            framework.init();
            BundleContext context = framework.getBundleContext();
            context.addBundleListener(e -> container.touched());
            context.addServiceListener(e -> container.touched());
            context.addFrameworkListener(container::frameworkEvent);
            List<Bundle> installed = container.syncSystemBundles(systemDir);
            assignStartLevels(installed, properties.getOrDefault(EARLY_PROPERTY, ""));
            // Before framework.start() the active start level is 0, so start() only marks each
            // bundle for starting; the framework then starts them level by level.
            for (Bundle bundle : installed) {
                container.startQuietly(bundle);
            }
            framework.start();
            return container;
        } catch (BundleException e) {
            throw new LauncherException("The OSGi framework could not start: " + e.getMessage(), e);
        }
    }

    /**
     * Extenders (SPI Fly, SCR) and logging start before everything else, so that the bundles
     * they serve find them already active.
     */
    private static void assignStartLevels(List<Bundle> bundles, String early) {
        java.util.Set<String> earlyNames = new java.util.HashSet<>();
        for (String name : early.split(",")) {
            earlyNames.add(name.strip());
        }
        for (Bundle bundle : bundles) {
            bundle.adapt(BundleStartLevel.class)
                    .setStartLevel(earlyNames.contains(bundle.getSymbolicName()) ? EARLY_LEVEL : PLATFORM_LEVEL);
        }
    }

    private void touched() {
        lastChange.set(System.nanoTime());
    }

    private void frameworkEvent(FrameworkEvent event) {
        touched();
        if (event.getType() == FrameworkEvent.ERROR) {
            String who = event.getBundle() == null ? "" : " [" + event.getBundle().getSymbolicName() + "]";
            FRAMEWORK.log(Level.SEVERE, "Framework error" + who, event.getThrowable());
        }
    }

    /**
     * Installs what is new in {@code system/}, updates what changed and uninstalls platform
     * bundles whose file was removed; the framework cache remembers the rest.
     */
    private List<Bundle> syncSystemBundles(Path systemDir) throws BundleException {
        BundleContext context = framework.getBundleContext();
        Map<String, Bundle> byLocation = new HashMap<>();
        for (Bundle bundle : context.getBundles()) {
            byLocation.put(bundle.getLocation(), bundle);
        }
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(systemDir, "*.jar")) {
            stream.forEach(jars::add);
        } catch (IOException e) {
            throw new LauncherException("Cannot read " + systemDir + ": " + e.getMessage(), e);
        }
        jars.sort(null);
        List<Bundle> result = new ArrayList<>();
        for (Path jar : jars) {
            String location = jar.toUri().toString();
            Bundle existing = byLocation.remove(location);
            try {
                if (existing == null) {
                    result.add(context.installBundle(location));
                } else {
                    if (Files.getLastModifiedTime(jar).toMillis() > existing.getLastModified()) {
                        try (InputStream in = Files.newInputStream(jar)) {
                            existing.update(in);
                        }
                    }
                    result.add(existing);
                }
            } catch (BundleException | IOException e) {
                // one broken platform jar is reported and the rest still start
                LOG.log(Level.SEVERE, "Cannot install " + jar + ": " + e.getMessage(), e);
            }
        }
        String systemPrefix = systemDir.toUri().toString();
        for (Bundle stale : byLocation.values()) {
            if (stale.getLocation().startsWith(systemPrefix)) {
                stale.uninstall();
            }
        }
        return result;
    }

    private void startQuietly(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        if (revision != null && (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0) {
            return;
        }
        try {
            bundle.start();
        } catch (BundleException e) {
            LOG.log(Level.SEVERE, "Cannot start " + bundle.getSymbolicName() + ": " + e.getMessage());
        }
    }

    /**
     * Waits until no bundle, service or framework event has happened for {@code quietMillis}
     * (fileinstall has installed the hot folder and components have settled), or
     * {@code maxMillis} passed.
     */
    void awaitSettled(long quietMillis, long maxMillis) throws InterruptedException {
        awaitSettled(quietMillis, maxMillis, null);
    }

    /**
     * As {@link #awaitSettled(long, long)}, and every jar in {@code deploy} must have become an
     * active bundle: a bundle whose activation takes seconds (native libraries unpacked on a first
     * start) produces no events meanwhile, and fileinstall starts the rest only after it. A jar
     * that cannot start holds the wait for {@link #STUCK_QUIET_MS} of quiet at most.
     */
    void awaitSettled(long quietMillis, long maxMillis, Path deploy) throws InterruptedException {
        long deadline = System.nanoTime() + maxMillis * 1_000_000;
        while (System.nanoTime() < deadline) {
            long quietFor = (System.nanoTime() - lastChange.get()) / 1_000_000;
            if (quietFor >= quietMillis && (deploy == null || quietFor >= STUCK_QUIET_MS || allActive(deploy))) {
                return;
            }
            Thread.sleep(100);
        }
    }

    static final long STUCK_QUIET_MS = 10_000;

    private boolean allActive(Path deploy) {
        List<String> jars;
        try (var files = Files.list(deploy)) {
            jars = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".jar")).toList();
        } catch (IOException e) {
            return true;
        }
        Bundle[] bundles = framework.getBundleContext().getBundles();
        for (String jar : jars) {
            boolean active = false;
            for (Bundle b : bundles) {
                if (b.getLocation().endsWith("/" + jar) && (b.getState() == Bundle.ACTIVE
                        || b.getHeaders().get(org.osgi.framework.Constants.FRAGMENT_HOST) != null && b.getState() == Bundle.RESOLVED)) {
                    active = true;
                    break;
                }
            }
            if (!active) {
                return false;
            }
        }
        return true;
    }

    BundleContext context() {
        return framework.getBundleContext();
    }

    /** Blocks until the framework stops, for whatever reason. */
    void awaitStop() throws InterruptedException {
        framework.waitForStop(0);
    }

    void stop() {
        try {
            framework.stop();
            FrameworkEvent event = framework.waitForStop(30_000);
            if (event.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                LOG.warning("The framework did not stop within 30 s; exiting anyway.");
            }
        } catch (BundleException | InterruptedException e) {
            LOG.log(Level.WARNING, "Stopping the framework: " + e.getMessage(), e);
        }
    }
}

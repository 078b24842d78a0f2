package io.vigil.admin.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleListener;
import org.osgi.framework.ServiceListener;

/**
 * Whether the container is still starting, and what: the framework itself, or jars of the hot
 * folder that are not active bundles yet. The admin channel opens at start level 2, before
 * fileinstall has even listed {@code deploy/}; a command given then must wait for its bundle
 * rather than be called unknown. A jar that never becomes active (broken, or missing a
 * dependency) stops counting once nothing has changed for {@link #STUCK_QUIET_MILLIS}, so a
 * mistyped command is not held for long by someone else's broken bundle.
 */
final class ContainerStartup implements Supplier<Optional<String>> {

    static final long STUCK_QUIET_MILLIS = 10_000;
    static final long SETTLE_MILLIS = 1_500;
    private static final String STARTING = " (starting)";

    private final BundleContext context;
    private final Path deploy;
    private final AtomicLong lastChange = new AtomicLong(System.nanoTime());
    private final BundleListener bundles = event -> touched();
    private final ServiceListener services = event -> touched();

    ContainerStartup(BundleContext context) {
        this.context = context;
        String dir = context.getProperty("vigil.deploy");
        this.deploy = dir == null ? null : Path.of(dir).toAbsolutePath().normalize();
        context.addBundleListener(bundles);
        context.addServiceListener(services);
    }

    private void touched() {
        lastChange.set(System.nanoTime());
    }

    void close() {
        context.removeBundleListener(bundles);
        context.removeServiceListener(services);
    }

    /** What is still starting, or empty once the container has started. */
    @Override
    public Optional<String> get() {
        Bundle framework = context.getBundle(0);
        if (framework.getState() != Bundle.ACTIVE) {
            return Optional.of("the framework (its platform bundles)");
        }
        long quiet = (System.nanoTime() - lastChange.get()) / 1_000_000;
        if (deploy == null) {
            return Optional.empty();
        }
        List<String> pending = pending(deploy, context.getBundles());
        // a bundle whose activator runs (native libraries unpacked on a first start) makes no event
        // for seconds but is starting; one that is not started after a long quiet is stuck
        if (quiet >= STUCK_QUIET_MILLIS) {
            pending.removeIf(p -> !p.endsWith(STARTING));
        }
        if (!pending.isEmpty()) {
            return Optional.of("bundles in deploy/: " + String.join(", ", pending));
        }
        // every bundle is active (or stuck); their components register services for a moment longer
        return quiet < SETTLE_MILLIS ? Optional.of("the components of bundles that have just started") : Optional.empty();
    }

    /** Each jar of the hot folder that is not an active bundle (or a resolved fragment), with where it stands. */
    static List<String> pending(Path deploy, Bundle[] bundles) {
        List<String> pending = new ArrayList<>();
        if (!Files.isDirectory(deploy)) {
            return pending;
        }
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(deploy, "*.jar")) {
            for (Path jar : jars) {
                Path normal = jar.toAbsolutePath().normalize();
                Bundle bundle = null;
                for (Bundle b : bundles) {
                    if (DeployFolderScan.locationPath(b.getLocation()).map(normal::equals).orElse(false)) {
                        bundle = b;
                        break;
                    }
                }
                String name = jar.getFileName().toString();
                if (bundle == null) {
                    pending.add(name + " (not installed yet)");
                } else if (bundle.getState() != Bundle.ACTIVE
                        && !(BundleDiagnosis.isFragment(bundle) && bundle.getState() == Bundle.RESOLVED)) {
                    pending.add(name + (bundle.getState() == Bundle.STARTING ? STARTING : " (not started yet)"));
                }
            }
        } catch (IOException e) {
            // an unreadable folder is status's to report; it holds no command back
        }
        pending.sort(null);
        return pending;
    }
}

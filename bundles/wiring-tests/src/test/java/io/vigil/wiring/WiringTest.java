package io.vigil.wiring;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.admin.AdminCommand;
import io.vigil.api.compliance.ComplianceLedger;
import io.vigil.api.compliance.LedgerStatus;
import io.vigil.api.watchlist.WatchlistAdministration;
import io.vigil.api.watchlist.WatchlistCategory;
import io.vigil.wiring.Components.Configuration;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * The wiring only a framework shows, on every bundle the distribution ships: each feature bundle
 * (the ones in {@code deploy/}) stopped and started, then hot-replaced, while the others keep
 * running; the components of other bundles that use its services through optional dynamic
 * references stay active (the same configuration, never reactivated) and bind its services again,
 * those that also need it (a mandatory or static reference) come back with it; the watchlist and
 * compliance bundles, which use each other, still serve each other after either restarts; and in
 * the end no Declarative Services component is unsatisfied or failed. The tests share one framework
 * and run in order.
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WiringTest {

    /** Quiet time after which the components count as settled; activations come in bursts. */
    static final long QUIET_MS = 1_500;
    /** Model loading (inference) and GStreamer's first start take seconds on a loaded machine. */
    static final long SETTLE_MAX_MS = 90_000;

    /** The feature bundles: what the distribution installs in deploy/ (dist/src/assembly/distribution.xml). */
    static List<String> features() {
        return List.of("io.vigil.ingest", "io.vigil.alerts", "io.vigil.simulator", "io.vigil.onvif", "io.vigil.inference",
                "io.vigil.watchlist", "io.vigil.compliance", "io.vigil.console", "io.vigil.cluster", "io.vigil.bench");
    }

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 60_000)
    ServiceComponentRuntime scr;

    Components components;

    @BeforeEach
    void components() {
        components = new Components(context, scr);
    }

    @Test
    @Order(1)
    void everyComponentWorksOnceStarted() throws InterruptedException {
        List<Configuration> all = components.awaitSettled(QUIET_MS, SETTLE_MAX_MS);
        assertEquals(List.of(), components.problems());
        // the configured components are there too (conf/ of this run): the device side, the cluster member
        Set<String> names = all.stream().map(c -> c.key().component()).collect(java.util.stream.Collectors.toSet());
        assertTrue(names.contains("io.vigil.onvif.internal.device.OnvifDeviceComponent"), names::toString);
        assertTrue(names.contains("io.vigil.cluster.internal.KafkaCameraAssignment"), names::toString);
        assertAllBundlesActive();
    }

    /**
     * A component of another bundle bound to services of the bundle under test. {@code optionalOnly}:
     * every such reference is optional and dynamic, so the component must ride out the provider's
     * absence untouched; otherwise (a mandatory or static reference too) it goes down with the
     * provider by design and must come back with it.
     */
    record Consumer(Configuration configuration, List<String> references, boolean optionalOnly) {
        @Override
        public String toString() {
            return configuration.key() + " " + references;
        }
    }

    @Test
    @Order(2)
    void consumersOfEachFeatureBundleKeepWorkingWhileItStopsAndStarts() {
        assertAll(features().stream().map(feature -> () -> stopAndStart(feature)));
    }

    private void stopAndStart(String feature) throws Exception {
        System.out.println("wiring: " + feature + " stopped and started");
        Bundle provider = bundle(feature);
        List<Consumer> consumers = consumersOf(feature, components.awaitSettled(QUIET_MS, SETTLE_MAX_MS));
        assertFalse(consumers.isEmpty(), "no other bundle uses a service of " + feature);
        System.out.println("wiring: consumers of " + feature + ": " + consumers.stream()
                .map(c -> c + (c.optionalOnly() ? " (optional, dynamic)" : " (goes down with it)")).toList());
        try {
            provider.stop();
            List<Configuration> stopped = components.awaitSettled(QUIET_MS, SETTLE_MAX_MS);
            List<String> wrong = new ArrayList<>();
            for (Consumer c : consumers) {
                if (!c.optionalOnly()) {
                    continue;
                }
                Configuration now = same(c.configuration(), stopped);
                if (now == null) {
                    wrong.add(c + ": reactivated or disposed when " + feature + " stopped");
                } else if (!now.working()) {
                    wrong.add(now.describe() + " while " + feature + " is stopped");
                } else {
                    c.references().stream().filter(r -> boundTo(feature, now, r))
                            .forEach(r -> wrong.add(c.configuration().key() + "." + r + " still bound to the stopped " + feature));
                }
            }
            assertEquals(List.of(), wrong, feature + " stopped");
        } finally {
            provider.start();
        }
        components.awaitSettled(QUIET_MS, SETTLE_MAX_MS);
        assertRebound(feature, consumers);
        assertEquals(List.of(), components.problems(), "after " + feature + " started again");
    }

    @Test
    @Order(3)
    void eachFeatureBundleIsHotReplacedWhileTheOthersKeepRunning() {
        assertAll(features().stream().map(feature -> () -> hotReplace(feature)));
    }

    private void hotReplace(String feature) throws Exception {
        System.out.println("wiring: " + feature + " hot-replaced");
        Bundle bundle = bundle(feature);
        List<Configuration> before = components.awaitSettled(QUIET_MS, SETTLE_MAX_MS);
        List<Consumer> consumers = consumersOf(feature, before);
        List<Long> ownBefore = before.stream().filter(c -> c.key().bundle().equals(feature)).map(Configuration::id).toList();
        Set<String> othersStopped = ConcurrentHashMap.newKeySet();
        BundleListener listener = e -> {
            if (e.getType() == BundleEvent.STOPPING && !e.getBundle().getSymbolicName().equals(feature)) {
                othersStopped.add(e.getBundle().getSymbolicName());
            }
        };
        context.addBundleListener(listener);
        try {
            // what fileinstall does when the jar in deploy/ is overwritten: update from the same location, then refresh
            long revisionBefore = bundle.getLastModified();
            bundle.update();
            CountDownLatch refreshed = new CountDownLatch(1);
            context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(bundle), e -> refreshed.countDown());
            assertTrue(refreshed.await(60, TimeUnit.SECONDS), "refresh of " + feature + " did not finish");
            List<Configuration> after = components.awaitSettled(QUIET_MS, SETTLE_MAX_MS);

            assertEquals(Bundle.ACTIVE, bundle.getState(), feature);
            assertTrue(bundle.getLastModified() > revisionBefore, feature + ": not a new revision");
            assertEquals(Set.of(), othersStopped, "bundles stopped while " + feature + " was replaced");
            List<Long> ownAfter = after.stream().filter(c -> c.key().bundle().equals(feature)).map(Configuration::id).toList();
            assertEquals(ownBefore.size(), ownAfter.size(), feature + "'s component configurations before and after");
            for (Long id : ownAfter) {
                assertFalse(ownBefore.contains(id), feature + " component #" + id + " was not made anew");
            }
            assertRebound(feature, consumers);
            assertEquals(List.of(), components.problems(), "after " + feature + " was replaced");
        } finally {
            context.removeBundleListener(listener);
            if (bundle.getState() != Bundle.ACTIVE) {
                bundle.start();
            }
        }
    }

    /**
     * The two bundles that use each other, each through an optional dynamic reference: the watchlist
     * bundle records its changes in the compliance bundle's audit trail ({@code WatchlistService.setAudit}),
     * and the compliance bundle's ledger counts the watchlist bundle's facial-data inventory
     * ({@code LedgerService.setInventory}). Whichever of the two is restarted, the other goes on
     * serving it, through its service, not only in the DTOs.
     */
    @Test
    @Order(4)
    void watchlistChangesReachTheAuditTrailAfterTheComplianceBundleRestarts() throws Exception {
        restart("io.vigil.compliance");
        String name = "wiring-" + Long.toString(System.nanoTime(), 36);
        WatchlistAdministration watchlists = service(WatchlistAdministration.class, null);
        watchlists.create(name, WatchlistCategory.OTHER, "wiring test", "none", "wiring-test");
        try {
            String listed = run("audit", "list", "--action", "watchlist.created", "--last", "50");
            assertTrue(listed.contains(name), "the audit trail has no watchlist.created for " + name + ":\n" + listed);
        } finally {
            watchlists.delete(name, "wiring-test");
        }
    }

    @Test
    @Order(5)
    void theLedgerCountsTheInventoryAgainAfterTheWatchlistBundleRestarts() throws Exception {
        restart("io.vigil.watchlist");
        Instant restarted = Instant.now();
        // the ledger recounts about a second after the inventory is bound again
        long deadline = System.nanoTime() + 30_000_000_000L;
        LedgerStatus status = service(ComplianceLedger.class, null).status(Optional.empty());
        while (!status.takenAt().isAfter(restarted) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            status = service(ComplianceLedger.class, null).status(Optional.empty());
        }
        assertTrue(status.takenAt().isAfter(restarted), "no count since the watchlist bundle restarted: " + status.takenAt());
        assertEquals(Optional.empty(), status.problem());
    }

    private void restart(String symbolicName) throws Exception {
        components.awaitSettled(QUIET_MS, SETTLE_MAX_MS);
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                b.stop();
                components.awaitSettled(QUIET_MS, SETTLE_MAX_MS);
                b.start();
                components.awaitSettled(QUIET_MS, SETTLE_MAX_MS);
                assertEquals(List.of(), components.problems());
                return;
            }
        }
        throw new AssertionError(symbolicName + " is not installed");
    }

    /** An admin command as bin/vigil runs it; its standard output. */
    private String run(String command, String... args) throws Exception {
        AdminCommand admin = service(AdminCommand.class, "(" + AdminCommand.NAME + "=" + command + ")");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = admin.execute(List.of(args), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(AdminCommand.OK, exit, err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    private <T> T service(Class<T> type, String filter) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            var refs = context.getServiceReferences(type, filter);
            if (!refs.isEmpty()) {
                ServiceReference<T> ref = refs.iterator().next();
                T service = context.getService(ref);
                if (service != null) {
                    return service;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + type.getSimpleName() + (filter == null ? "" : " " + filter));
            }
            Thread.sleep(100);
        }
    }
    @Test
    @Order(9)
    void noComponentIsUnsatisfiedOrFailingAfterAll() throws InterruptedException {
        components.awaitSettled(QUIET_MS, SETTLE_MAX_MS);
        assertEquals(List.of(), components.problems());
        assertAllBundlesActive();
    }

    private void assertAllBundlesActive() {
        for (Bundle bundle : context.getBundles()) {
            if (!fragment(bundle) && !Components.lazy(bundle)) {
                assertEquals(Bundle.ACTIVE, bundle.getState(), bundle.getSymbolicName());
            }
        }
    }

    /** After the provider is back: each consumer working and bound to its new services; optional-only ones never reactivated. */
    private void assertRebound(String feature, List<Consumer> consumers) {
        List<Configuration> now = components.snapshot();
        List<String> wrong = new ArrayList<>();
        for (Consumer c : consumers) {
            Configuration after = c.optionalOnly() ? same(c.configuration(), now)
                    : now.stream().filter(n -> n.key().equals(c.configuration().key())).findFirst().orElse(null);
            if (after == null) {
                wrong.add(c + ": reactivated or disposed (was #" + c.configuration().id() + ")");
            } else if (!after.working()) {
                wrong.add(after.describe());
            } else {
                c.references().stream().filter(r -> !boundTo(feature, after, r))
                        .forEach(r -> wrong.add(c.configuration().key() + "." + r + " not bound to " + feature + " again"));
            }
        }
        assertEquals(List.of(), wrong, "after " + feature + " came back");
    }

    private List<Consumer> consumersOf(String feature, List<Configuration> configurations) {
        List<Consumer> consumers = new ArrayList<>();
        for (Configuration c : configurations) {
            if (c.key().bundle().equals(feature)) {
                continue;
            }
            List<String> references = c.bound().keySet().stream().filter(r -> boundTo(feature, c, r)).toList();
            if (!references.isEmpty()) {
                boolean optionalOnly = references.stream()
                        .allMatch(r -> Components.optionalAndDynamic(components.declared(c.key(), r)));
                consumers.add(new Consumer(c, references, optionalOnly));
            }
        }
        return consumers;
    }

    private boolean boundTo(String feature, Configuration c, String reference) {
        return c.bound().getOrDefault(reference, List.of()).stream().anyMatch(id -> feature.equals(components.provider(id)));
    }

    private static Configuration same(Configuration c, List<Configuration> in) {
        return in.stream().filter(n -> n.key().equals(c.key()) && n.id() == c.id()).findFirst().orElse(null);
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError(symbolicName + " is not installed");
    }

    private static boolean fragment(Bundle bundle) {
        return bundle.getHeaders().get(org.osgi.framework.Constants.FRAGMENT_HOST) != null;
    }
}

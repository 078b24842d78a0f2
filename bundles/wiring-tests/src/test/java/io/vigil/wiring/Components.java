package io.vigil.wiring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.ReferenceDTO;
import org.osgi.service.component.runtime.dto.SatisfiedReferenceDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/**
 * What Declarative Services says about Vigil's components, read from the
 * {@link ServiceComponentRuntime} DTOs: each configuration's state and id, and which service each
 * reference is bound to.
 */
final class Components {

    /** A component of a bundle, by the names DS gives it. */
    record Key(String bundle, String component) {
        @Override
        public String toString() {
            return bundle + "/" + component;
        }
    }

    /** One component configuration: its id (a new one after every reactivation) and state. */
    record Configuration(Key key, long id, int state, String failure, Map<String, List<Long>> bound,
            List<String> unsatisfied) {

        boolean working() {
            return state == ComponentConfigurationDTO.ACTIVE || state == ComponentConfigurationDTO.SATISFIED;
        }

        String describe() {
            String name = switch (state) {
                case ComponentConfigurationDTO.ACTIVE -> "ACTIVE";
                case ComponentConfigurationDTO.SATISFIED -> "SATISFIED";
                case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> "UNSATISFIED_REFERENCE " + unsatisfied;
                case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> "UNSATISFIED_CONFIGURATION";
                case ComponentConfigurationDTO.FAILED_ACTIVATION -> "FAILED_ACTIVATION: " + failure;
                default -> "state " + state;
            };
            return key + " #" + id + " " + name;
        }
    }

    private final BundleContext context;
    private final ServiceComponentRuntime scr;

    Components(BundleContext context, ServiceComponentRuntime scr) {
        this.context = context;
        this.scr = scr;
    }

    /** Every configuration of every enabled component of Vigil's bundles. */
    List<Configuration> snapshot() {
        List<Configuration> all = new ArrayList<>();
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            if (!description.bundle.symbolicName.startsWith("io.vigil.")) {
                continue;
            }
            Key key = new Key(description.bundle.symbolicName, description.name);
            for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(description)) {
                Map<String, List<Long>> bound = new TreeMap<>();
                for (SatisfiedReferenceDTO r : c.satisfiedReferences) {
                    List<Long> ids = new ArrayList<>();
                    for (var s : r.boundServices) {
                        ids.add(s.id);
                    }
                    bound.put(r.name, ids);
                }
                List<String> unsatisfied = new ArrayList<>();
                for (UnsatisfiedReferenceDTO r : c.unsatisfiedReferences) {
                    unsatisfied.add(r.name);
                }
                all.add(new Configuration(key, c.id, c.state, c.failure, bound, unsatisfied));
            }
        }
        all.sort(java.util.Comparator.comparing((Configuration c) -> c.key().toString()).thenComparingLong(Configuration::id));
        return all;
    }

    /** The reference of a component as declared: cardinality and policy. */
    ReferenceDTO declared(Key key, String reference) {
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            if (description.bundle.symbolicName.equals(key.bundle()) && description.name.equals(key.component())) {
                for (ReferenceDTO r : description.references) {
                    if (r.name.equals(reference)) {
                        return r;
                    }
                }
            }
        }
        throw new AssertionError("no reference " + reference + " in " + key);
    }

    static boolean optionalAndDynamic(ReferenceDTO r) {
        return r.cardinality.startsWith("0..") && "dynamic".equals(r.policy);
    }

    /** The bundle that registered a service, or null when the service is gone. */
    String provider(long serviceId) {
        try {
            ServiceReference<?>[] refs = context.getAllServiceReferences(null, "(service.id=" + serviceId + ")");
            if (refs == null || refs.length == 0) {
                return null;
            }
            Bundle bundle = refs[0].getBundle();
            return bundle == null ? null : bundle.getSymbolicName();
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean lazy(Bundle b) {
        return b.getHeaders().get(org.osgi.framework.Constants.BUNDLE_ACTIVATIONPOLICY) != null;
    }

    /** Configurations not ACTIVE or SATISFIED: unsatisfied references or failed activations. */
    List<String> problems() {
        return snapshot().stream().filter(c -> !c.working()).map(Configuration::describe).toList();
    }

    /**
     * Waits until the components have settled: the same configurations in the same states and
     * bindings for {@code quietMillis}, every bundle out of STARTING and STOPPING.
     */
    List<Configuration> awaitSettled(long quietMillis, long maxMillis) throws InterruptedException {
        long deadline = System.nanoTime() + maxMillis * 1_000_000;
        List<Configuration> last = snapshot();
        long quietSince = System.nanoTime();
        String lastChange = "none";
        while (System.nanoTime() < deadline) {
            Thread.sleep(100);
            List<Configuration> now = snapshot();
            if (!now.equals(last) || transitional()) {
                lastChange = difference(last, now);
                last = now;
                quietSince = System.nanoTime();
            } else if ((System.nanoTime() - quietSince) / 1_000_000 >= quietMillis) {
                return now;
            }
        }
        throw new AssertionError("components did not settle within " + maxMillis + " ms; last change: " + lastChange
                + "; not working: " + problems());
    }

    /** What changed between two snapshots, for a message. */
    static String difference(List<Configuration> before, List<Configuration> after) {
        List<String> gone = before.stream().filter(c -> !after.contains(c)).map(c -> c.describe() + " " + c.bound()).toList();
        List<String> came = after.stream().filter(c -> !before.contains(c)).map(c -> c.describe() + " " + c.bound()).toList();
        return "was " + gone + ", now " + came;
    }

    /** A bundle starting or stopping (not one that waits, lazily, in STARTING for its first class load). */
    private boolean transitional() {
        for (Bundle b : context.getBundles()) {
            if (b.getState() == Bundle.STOPPING || b.getState() == Bundle.STARTING && !lazy(b)) {
                return true;
            }
        }
        return false;
    }
}

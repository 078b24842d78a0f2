package io.vigil.admin.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.resource.Namespace;

/** Why a bundle is not doing what it should, in words an administrator can act on. */
final class BundleDiagnosis {

    private final FrameworkWiring wiring;

    BundleDiagnosis(FrameworkWiring wiring) {
        this.wiring = wiring;
    }

    static boolean isFragment(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        return revision != null && (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
    }

    /** Empty when the bundle is as it should be: active, or a resolved fragment. */
    Optional<String> problem(Bundle bundle) {
        switch (bundle.getState()) {
            case Bundle.ACTIVE:
                return Optional.empty();
            case Bundle.RESOLVED:
                return isFragment(bundle) ? Optional.empty() : Optional.of("resolved but not started (see the log for its start failure)");
            case Bundle.STARTING:
                return Optional.of("starting (waiting for lazy activation or still activating)");
            case Bundle.STOPPING:
                return Optional.of("stopping");
            case Bundle.INSTALLED:
                List<String> missing = missingRequirements(bundle);
                return Optional.of(missing.isEmpty()
                        ? "installed but not resolved (a requirement conflicts; see the log)"
                        : "cannot resolve, missing " + String.join("; ", missing));
            default:
                return Optional.of("uninstalled");
        }
    }

    /** Mandatory requirements nothing in the framework can satisfy. */
    List<String> missingRequirements(Bundle bundle) {
        List<String> missing = new ArrayList<>();
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        if (revision == null) {
            return missing;
        }
        for (BundleRequirement requirement : revision.getDeclaredRequirements(null)) {
            String resolution = requirement.getDirectives().get(Namespace.REQUIREMENT_RESOLUTION_DIRECTIVE);
            String effective = requirement.getDirectives().get(Namespace.REQUIREMENT_EFFECTIVE_DIRECTIVE);
            if (Namespace.RESOLUTION_OPTIONAL.equals(resolution)
                    || (effective != null && !Namespace.EFFECTIVE_RESOLVE.equals(effective))) {
                continue;
            }
            Collection<?> providers = wiring.findProviders(requirement);
            if (providers.isEmpty()) {
                missing.add(describe(requirement));
            }
        }
        return missing;
    }

    private static String describe(BundleRequirement requirement) {
        String filter = requirement.getDirectives().getOrDefault(Namespace.REQUIREMENT_FILTER_DIRECTIVE, "");
        if (PackageNamespace.PACKAGE_NAMESPACE.equals(requirement.getNamespace())) {
            return "package " + filter;
        }
        return requirement.getNamespace() + " " + filter;
    }
}

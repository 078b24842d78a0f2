package io.vigil.api.status;

import org.osgi.annotation.versioning.ConsumerType;

/** Implemented by each Vigil module so that {@code vigil status} can say how it is. */
@ConsumerType
public interface StatusReporter {

    ModuleStatus status();
}

package io.vigil.api.status;

import java.util.Objects;

/**
 * One part of Vigil's own account of whether it works.
 *
 * @param module the part, e.g. "ingest"
 * @param health how it is
 * @param detail why, in words for an administrator; never a secret
 */
public record ModuleStatus(String module, Health health, String detail) {

    public enum Health { OK, DEGRADED, FAILED }

    public ModuleStatus {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(detail, "detail");
    }
}

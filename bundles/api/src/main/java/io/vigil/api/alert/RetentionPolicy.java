package io.vigil.api.alert;

import java.util.Objects;

/**
 * The alert retention in force.
 *
 * @param days        alerts stored longer ago than this and not on legal hold are deleted (at least 1)
 * @param defaultDays the store's default, in force when nothing else is configured
 * @param setting     where an administrator sets it, e.g. {@code io.vigil.alerts retention.days}
 */
public record RetentionPolicy(int days, int defaultDays, String setting) {

    public RetentionPolicy {
        Objects.requireNonNull(setting, "setting");
        if (days < 1 || defaultDays < 1) {
            throw new IllegalArgumentException("retention days must be at least 1, not " + days + " (default " + defaultDays + ")");
        }
    }
}

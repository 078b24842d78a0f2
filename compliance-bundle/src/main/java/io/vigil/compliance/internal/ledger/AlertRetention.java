package io.vigil.compliance.internal.ledger;

import java.io.IOException;
import java.util.Optional;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The alert retention the filing pack states: {@code retention.days} of the alert store's
 * configuration ({@code io.vigil.alerts}), read from Config Admin without creating it; the alert
 * store's own default (31) when it is unset. No contract of the alerts bundle exposes it, and the
 * pack must state the value in force, not point to where it is kept.
 */
final class AlertRetention {

    static final String PID = "io.vigil.alerts";
    static final String PROPERTY = "retention.days";
    static final int DEFAULT_DAYS = 31;

    private AlertRetention() {
    }

    /** What the pack states, from the configured value (a number or its text; empty when unset). */
    static String ofValue(Optional<Object> configured) {
        if (configured.isEmpty()) {
            return DEFAULT_DAYS + " days (default; " + PID + " " + PROPERTY + " not set)";
        }
        Object value = configured.get();
        String text = (value instanceof Object[] array && array.length == 1 ? array[0] : value).toString().strip();
        try {
            int days = Integer.parseInt(text);
            if (days < 1) {
                return "invalid: " + PID + " " + PROPERTY + " = " + days + " (at least 1; the alert store refuses it)";
            }
            return days + " days (" + PID + " " + PROPERTY + ")";
        } catch (NumberFormatException e) {
            return "invalid: " + PID + " " + PROPERTY + " = '" + text + "' is not a number of days (the alert store refuses it)";
        }
    }

    /** Reads the value from Config Admin; {@code cm} may be absent (then: unknown, said so). */
    static String read(Optional<ConfigurationAdmin> cm) {
        if (cm.isEmpty()) {
            return "unknown: Config Admin is not running (" + PID + " " + PROPERTY + ", default " + DEFAULT_DAYS + " days)";
        }
        try {
            Configuration[] found = cm.get().listConfigurations("(service.pid=" + PID + ")");
            if (found == null || found.length == 0 || found[0].getProperties() == null) {
                return ofValue(Optional.empty());
            }
            return ofValue(Optional.ofNullable(found[0].getProperties().get(PROPERTY)));
        } catch (IOException | InvalidSyntaxException e) {
            return "unknown: the configuration " + PID + " could not be read (" + e.getMessage() + ")";
        }
    }
}

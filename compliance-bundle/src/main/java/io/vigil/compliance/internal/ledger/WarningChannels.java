package io.vigil.compliance.internal.ledger;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Where ledger warnings go besides {@code vigil compliance status}, which always shows them: the
 * log, {@code vigil status} (the compliance module's line) and Event Admin (topic
 * {@code io/vigil/compliance/WARNING}, which the ONVIF device carries to the VMS).
 */
public record WarningChannels(boolean log, boolean status, boolean eventAdmin) {

    public static final WarningChannels ALL = new WarningChannels(true, true, true);

    /**
     * Parses the configured names; each value may itself be a comma-separated list (a {@code .cfg}
     * file gives one string). An unknown name is refused rather than silently dropping a warning.
     */
    public static WarningChannels parse(String[] configured) {
        Set<String> names = new LinkedHashSet<>();
        for (String value : configured) {
            for (String name : value.split(",")) {
                if (!name.isBlank()) {
                    names.add(name.strip().toLowerCase(Locale.ROOT));
                }
            }
        }
        for (String name : names) {
            if (!Set.of("log", "status", "eventadmin").contains(name)) {
                throw new IllegalArgumentException("unknown warning channel '" + name + "' in warnings.channels"
                        + " (log, status, eventadmin)");
            }
        }
        return new WarningChannels(names.contains("log"), names.contains("status"), names.contains("eventadmin"));
    }
}

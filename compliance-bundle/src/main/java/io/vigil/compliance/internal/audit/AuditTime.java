package io.vigil.compliance.internal.audit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Times as the trail stores and hashes them: UTC, always six fractional digits, so the text is the
 * same on every machine and sorts in time order (Instant.toString drops zero fractions, and then
 * "10:00Z" sorts after "10:00.5Z").
 */
public final class AuditTime {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private AuditTime() {
    }

    public static String format(Instant instant) {
        return FORMAT.format(instant.truncatedTo(ChronoUnit.MICROS));
    }
}

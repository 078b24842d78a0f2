package io.vigil.onvif.internal.events;

import io.vigil.onvif.message.NotificationMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

/**
 * One notification as one line a person reads:
 * {@code 2026-03-01T10:42:03.120Z tns1:RuleEngine/Recognition/Face source=VS_lobby EnrollmentID=S-...
 * Likelihood=0.8300 ObjectId=42 BoundingBox=(-0.750,0.444)-(-0.594,0.167) Label=Blacklisted, received 140 ms after it}.
 * The time is the message's UtcTime (for a recognition, the frame's capture time), so the delay at
 * the end is capture to receipt.
 */
final class EventLine {

    /** The items every reader wants first, in this order; the rest follow as they came. */
    private static final List<String> FIRST = List.of("EnrollmentID", "Likelihood");
    /** Source items that repeat the source already shown. */
    private static final Set<String> SAME_SOURCE = Set.of("VideoSourceConfigurationToken");

    private EventLine() {
    }

    static String format(NotificationMessage message, Instant received) {
        StringBuilder line = new StringBuilder();
        line.append(DateTimeFormatter.ISO_INSTANT.format(message.utcTime().truncatedTo(ChronoUnit.MILLIS)));
        line.append(' ').append(message.topicExpression());
        message.propertyOperation().ifPresent(operation -> line.append(" (").append(operation).append(')'));
        if (!message.source().isEmpty()) {
            line.append(" source=").append(message.source().get(0).value());
            message.source().stream().skip(1).filter(item -> !SAME_SOURCE.contains(item.name()))
                    .forEach(item -> line.append(' ').append(item.name()).append('=').append(item.value()));
        }
        for (String name : FIRST) {
            message.data().stream().filter(item -> item.name().equals(name)).findFirst()
                    .ifPresent(item -> line.append(' ').append(name).append('=').append(item.value()));
        }
        message.objectId().ifPresent(id -> line.append(" ObjectId=").append(id));
        message.boundingBox().ifPresent(box -> line.append(" BoundingBox=").append(box));
        message.data().stream().filter(item -> !FIRST.contains(item.name()))
                .forEach(item -> line.append(' ').append(item.name()).append('=').append(item.value()));
        long millis = Duration.between(message.utcTime(), received).toMillis();
        line.append(", received ").append(millis).append(" ms after it");
        return line.toString();
    }
}

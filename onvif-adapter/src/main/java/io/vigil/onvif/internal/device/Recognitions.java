package io.vigil.onvif.internal.device;

import io.vigil.api.alert.Alert;
import io.vigil.api.face.BoundingBox;
import io.vigil.api.watchlist.WatchlistCategory;
import io.vigil.onvif.soap.Namespaces;
import io.vigil.onvif.xml.XmlOutput;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Alerts as ONVIF notifications (Analytics specification, "Face Recognition" and "Generic
 * recognition event fields"; DESIGN.md, "ONVIF event contract").
 *
 * <ul>
 * <li>Source: {@code VideoSource} and {@code VideoSourceConfigurationToken} (the same token: the
 * camera's channel), {@code Rule} (the configured rule name).</li>
 * <li>Data: {@code Likelihood} (the similarity score clamped to 0..1), {@code EnrollmentID} (the
 * subject's pseudonym, never a name), {@code ObjectId} (ElementItem {@code tt:ObjectId} with the
 * track id), {@code Label} (from the watchlist's category: SUSPECT is {@code Blacklisted},
 * MISSING_PERSON {@code Temporary}; other lists carry no Label), {@code BoundingBox}
 * (ElementItem {@code tt:Rectangle} in normalised -1..1 coordinates, y up) when the box is known.</li>
 * <li>UtcTime: the capture time of the frame, not when Vigil stored or sent it.</li>
 * </ul>
 */
final class Recognitions {

    private Recognitions() {
    }

    /** The spec's Label for a watchlist category; empty for lists whose meaning none of its values fits. */
    static Optional<String> label(WatchlistCategory category) {
        return switch (category) {
            case SUSPECT -> Optional.of("Blacklisted");
            case MISSING_PERSON -> Optional.of("Temporary");
            case OTHER -> Optional.empty();
        };
    }

    /** The label configured for a watchlist, {@code Blacklisted}/{@code Whitelisted}/{@code Temporary} or a category name. */
    static Optional<String> labelOf(String configured) {
        String value = configured.strip();
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "" , "none" -> Optional.empty();
            case "suspect" -> label(WatchlistCategory.SUSPECT);
            case "missing_person", "missing-person" -> label(WatchlistCategory.MISSING_PERSON);
            case "other" -> Optional.empty();
            case "blacklisted" -> Optional.of("Blacklisted");
            case "whitelisted" -> Optional.of("Whitelisted");
            case "temporary" -> Optional.of("Temporary");
            default -> throw new IllegalArgumentException("unknown label '" + configured
                    + "' (Blacklisted, Whitelisted, Temporary, suspect, missing_person, other or none)");
        };
    }

    static Notification recognition(Alert alert, Channel channel, String rule, Optional<String> label,
            Optional<NormalisedBox> box) {
        List<Notification.Item> source = List.of(
                new Notification.Item("VideoSource", channel.sourceToken()),
                new Notification.Item("VideoSourceConfigurationToken", channel.sourceToken()),
                new Notification.Item("Rule", rule));
        List<Notification.Item> data = new ArrayList<>();
        data.add(new Notification.Item("Likelihood", likelihood(alert.score())));
        data.add(new Notification.Item("EnrollmentID", alert.subjectPseudonym()));
        label.ifPresent(value -> data.add(new Notification.Item("Label", value)));
        List<Notification.ElementItem> elements = new ArrayList<>();
        long track = alert.trackId();
        elements.add(new Notification.ElementItem("ObjectId", out -> {
            XmlOutput.startElement(out, Namespaces.tt("ObjectId"));
            XmlOutput.attribute(out, "ObjectId", Long.toString(track));
            out.writeEndElement();
        }));
        box.ifPresent(b -> elements.add(new Notification.ElementItem("BoundingBox", out -> {
            XmlOutput.startElement(out, Namespaces.tt("BoundingBox"));
            XmlOutput.attribute(out, "bottom", Float.toString(b.bottom()));
            XmlOutput.attribute(out, "top", Float.toString(b.top()));
            XmlOutput.attribute(out, "right", Float.toString(b.right()));
            XmlOutput.attribute(out, "left", Float.toString(b.left()));
            out.writeEndElement();
        })));
        return new Notification(EventTopic.RECOGNITION_FACE, alert.captureTime(), Optional.empty(), source, data, elements);
    }

    /** The per-source state for NVR alarm linkage: Initialized (synchronisation) or Changed. */
    static Notification sourceState(Channel channel, boolean state, String operation, Instant at) {
        return new Notification(EventTopic.SOURCE_ALARM, at, Optional.of(operation),
                List.of(new Notification.Item("Source", channel.sourceToken())),
                List.of(new Notification.Item("State", Boolean.toString(state))), List.of());
    }

    static String likelihood(float score) {
        float clamped = Float.isNaN(score) ? 0f : Math.max(0f, Math.min(1f, score));
        return String.format(Locale.ROOT, "%.4f", clamped);
    }

    /**
     * A box in ONVIF's normalised screen coordinates (Analytics, "Spatial relation"): x from -1
     * (left edge) to 1 (right edge), y from -1 (bottom) to 1 (top).
     */
    record NormalisedBox(float left, float top, float right, float bottom) {

        /** The pixel box of a face in a frame of {@code width}×{@code height} pixels. */
        static NormalisedBox of(BoundingBox pixels, int width, int height) {
            if (width <= 0 || height <= 0) {
                throw new IllegalArgumentException("frame size must be positive: " + width + "x" + height);
            }
            return new NormalisedBox(x(pixels.x(), width), y(pixels.y(), height), x(pixels.x() + pixels.width(), width),
                    y(pixels.y() + pixels.height(), height));
        }

        private static float x(float px, int width) {
            return clamp(2f * px / width - 1f);
        }

        private static float y(float py, int height) {
            return clamp(1f - 2f * py / height);
        }

        private static float clamp(float v) {
            return Math.max(-1f, Math.min(1f, v));
        }
    }
}

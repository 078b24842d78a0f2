package io.vigil.admin.internal;

import io.vigil.api.status.ModuleStatus;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code vigil status --json}: a {@link StatusReport} in the shape documented in
 * docs/administrators.md ("vigil status --json"). A field is only ever added within a format;
 * renaming or removing one raises {@link #FORMAT}. (The admin bundle has no JSON library: this
 * writes the one shape by hand, to move to the shared Jackson writer when there is one.)
 * Streams' typed figures may join it later as a field of their own, beside the modules' prose.
 */
final class StatusJson {

    static final int FORMAT = 1;

    private final StringBuilder b = new StringBuilder();

    private StatusJson() {
    }

    static String write(StatusReport r) {
        StatusJson j = new StatusJson();
        j.b.append("{\n  \"format\": ").append(FORMAT).append(",\n  \"vigil\": ");
        StatusReport.Header h = r.header();
        j.b.append("{\"version\": ").append(quote(h.version())).append(", \"mode\": ").append(quote(h.mode()))
                .append(", \"uptime_seconds\": ").append(h.uptimeSeconds().map(String::valueOf).orElse("null"))
                .append(", \"starting\": ").append(h.starting()).append(", \"home\": ").append(quote(h.home()))
                .append(", \"data\": ").append(quote(h.data())).append('}');
        j.list("bundles", r.bundles(), x -> j.b.append("{\"id\": ").append(x.id()).append(", \"state\": ")
                .append(quote(x.state())).append(", \"symbolic_name\": ").append(quote(x.symbolicName()))
                .append(", \"version\": ").append(quote(x.version())).append(", \"origin\": ").append(quote(x.origin()))
                .append(", \"problem\": ").append(quote(x.problem())).append('}'));
        j.list("deploy_not_installed", r.deployNotInstalled(), x -> j.b.append("{\"file\": ").append(quote(x.file()))
                .append(", \"reason\": ").append(quote(x.reason())).append('}'));
        j.list("components", r.components(), x -> j.b.append("{\"name\": ").append(quote(x.name()))
                .append(", \"state\": ").append(quote(x.state())).append(", \"problem\": ").append(quote(x.problem()))
                .append('}'));
        j.b.append(",\n  \"components_satisfied\": ").append(r.componentsSatisfied());
        j.list("modules", r.modules(), (ModuleStatus x) -> j.b.append("{\"module\": ").append(quote(x.module()))
                .append(", \"health\": ").append(quote(x.health().name())).append(", \"detail\": ")
                .append(quote(x.detail())).append('}'));
        j.list("problems", r.problems(), x -> j.b.append(quote(x)));
        j.b.append(",\n  \"ok\": ").append(r.ok()).append("\n}\n");
        return j.b.toString();
    }

    /** A list field, one element a line. */
    private <T> void list(String name, List<T> items, Consumer<T> element) {
        b.append(",\n  ").append(quote(name)).append(": [");
        for (int i = 0; i < items.size(); i++) {
            b.append(i == 0 ? "\n    " : ",\n    ");
            element.accept(items.get(i));
        }
        b.append(items.isEmpty() ? "]" : "\n  ]");
    }

    private static String quote(Optional<String> value) {
        return value.map(StatusJson::quote).orElse("null");
    }

    /** A JSON string: quotes, backslashes and control characters escaped (RFC 8259 section 7). */
    static String quote(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder s = new StringBuilder(value.length() + 2).append('"');
        value.chars().forEach(c -> {
            if (c == '"' || c == '\\') {
                s.append('\\').append((char) c);
            } else if (c < 0x20) {
                s.append(String.format("\\u%04x", c));
            } else {
                s.append((char) c);
            }
        });
        return s.append('"').toString();
    }
}

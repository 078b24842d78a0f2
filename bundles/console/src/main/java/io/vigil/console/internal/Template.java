package io.vigil.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A page template: an HTML file under {@code templates/} in this bundle with {@code {{name}}}
 * placeholders, nothing else (no logic, no loops: the servlet decides, the template lays out).
 * Every value is HTML-escaped unless it is {@link Markup}, which only a template or {@link Html}
 * makes: escaping is the default and cannot be forgotten at a call site. A placeholder without a
 * value, or a value no placeholder takes, is a programming error and fails the render.
 */
final class Template {

    /** HTML that is already safe: a rendered template or one of {@link Html}'s fragments. */
    record Markup(String html) {
        static final Markup EMPTY = new Markup("");

        Markup {
            Objects.requireNonNull(html);
        }

        /** These fragments one after the other. */
        static Markup concat(Markup... parts) {
            StringBuilder b = new StringBuilder();
            for (Markup m : parts) {
                b.append(m.html());
            }
            return new Markup(b.toString());
        }

        @Override
        public String toString() {
            return html;
        }
    }

    private final String name;
    private final List<String> texts = new ArrayList<>();
    private final List<String> names = new ArrayList<>();

    private Template(String name, String source) {
        this.name = name;
        int at = 0;
        while (true) {
            int open = source.indexOf("{{", at);
            if (open < 0) {
                texts.add(source.substring(at));
                return;
            }
            int close = source.indexOf("}}", open);
            if (close < 0) {
                throw new IllegalArgumentException("template " + name + ": '{{' without '}}' at " + open);
            }
            texts.add(source.substring(at, open));
            String key = source.substring(open + 2, close).strip();
            if (!key.matches("[a-zA-Z][a-zA-Z0-9.-]*")) {
                throw new IllegalArgumentException("template " + name + ": bad placeholder '{{" + key + "}}'");
            }
            names.add(key);
            at = close + 2;
        }
    }

    /** The template {@code templates/NAME.html} of this bundle. */
    static Template load(String name) {
        try (InputStream in = Template.class.getResourceAsStream("templates/" + name + ".html")) {
            if (in == null) {
                throw new IllegalArgumentException("no template " + name);
            }
            // the files end with a newline for editors; pages and fragments do not want it
            return parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8).stripTrailing());
        } catch (IOException e) {
            throw new UncheckedIOException("template " + name + " unreadable", e);
        }
    }

    static Template parse(String name, String source) {
        return new Template(name, source);
    }

    Markup render(Map<String, ?> values) {
        for (String key : values.keySet()) {
            if (!names.contains(key)) {
                throw new IllegalArgumentException("template " + name + " has no {{" + key + "}}");
            }
        }
        StringBuilder b = new StringBuilder(texts.stream().mapToInt(String::length).sum() + 256);
        for (int i = 0; i < names.size(); i++) {
            b.append(texts.get(i));
            String key = names.get(i);
            if (!values.containsKey(key)) {
                throw new IllegalArgumentException("template " + name + ": no value for {{" + key + "}}");
            }
            Object v = values.get(key);
            b.append(v instanceof Markup m ? m.html() : Html.esc(v));
        }
        b.append(texts.get(texts.size() - 1));
        return new Markup(b.toString());
    }

    /** This template once per item, joined: a table's rows. */
    <T> Markup each(Iterable<T> items, Function<T, Map<String, ?>> values) {
        StringBuilder b = new StringBuilder();
        for (T item : items) {
            b.append(render(values.apply(item)).html());
        }
        return new Markup(b.toString());
    }
}

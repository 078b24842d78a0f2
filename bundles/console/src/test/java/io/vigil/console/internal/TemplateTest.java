package io.vigil.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.console.internal.Template.Markup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The page templates escape every value but rendered markup, and refuse a placeholder without a value. */
class TemplateTest {

    @Test
    void valuesAreEscapedByDefault() {
        Template t = Template.parse("t", "<td title=\"{{a}}\">{{a}}</td>");
        assertEquals("<td title=\"&lt;script&gt;&quot;&#39;&amp;\">&lt;script&gt;&quot;&#39;&amp;</td>",
                t.render(Map.of("a", "<script>\"'&")).html());
    }

    @Test
    void onlyRenderedMarkupIsInsertedAsIs() {
        Template cell = Template.parse("cell", "<td>{{v}}</td>");
        Template row = Template.parse("row", "<tr>{{cells}}</tr>");
        Markup cells = cell.each(List.of("x<y", "z"), v -> Map.of("v", v));
        assertEquals("<tr><td>x&lt;y</td><td>z</td></tr>", row.render(Map.of("cells", cells)).html());
        // the same text as a String is escaped: no way to pass raw HTML but a Markup
        assertEquals("<tr>&lt;td&gt;</tr>", row.render(Map.of("cells", "<td>")).html());
    }

    @Test
    void aMissingOrUnknownValueFailsTheRender() {
        Template t = Template.parse("t", "<p>{{a}}{{b}}</p>");
        assertThrows(IllegalArgumentException.class, () -> t.render(Map.of("a", "1")));
        assertThrows(IllegalArgumentException.class, () -> t.render(Map.of("a", "1", "b", "2", "c", "3")));
        assertThrows(IllegalArgumentException.class, () -> Template.parse("t", "<p>{{a</p>"));
        assertThrows(IllegalArgumentException.class, () -> Template.parse("t", "<p>{{<b>}}</p>"));
    }

    @Test
    void everyShippedTemplateParses() throws Exception {
        List<String> names;
        try (var files = Files.list(Path.of(Template.class.getResource("templates").toURI()))) {
            names = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".html"))
                    .map(n -> n.substring(0, n.length() - ".html".length())).toList();
        }
        assertTrue(names.containsAll(List.of("page", "login", "status", "alerts", "alert", "watchlists", "compliance")), names.toString());
        for (String name : names) {
            Template.load(name); // throws on a malformed placeholder
        }
        assertThrows(IllegalArgumentException.class, () -> Template.load("no-such-page"));
    }
}

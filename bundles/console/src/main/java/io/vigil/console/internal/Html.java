package io.vigil.console.internal;

import io.vigil.console.internal.Template.Markup;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Server-rendered pages: escaping and the common frame (skip link, navigation, logout form). */
final class Html {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    // immutable, parsed once from this bundle's own files
    private static final Template PAGE = Template.load("page");
    private static final Template NAVIGATION = Template.load("navigation");
    private static final Template NAV_ITEM = Template.load("nav-item");
    private static final Template FLASH = Template.load("flash");
    private static final Template ERROR = Template.load("error");
    private static final Template CSRF = Template.load("csrf");

    private Html() {
    }

    static String esc(Object value) {
        String s = String.valueOf(value);
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * A whole page around HTML its caller built and escaped itself (the compliance and watchlist
     * pages, until they have templates of their own); {@code session} empty for the login page.
     */
    static String page(String title, Optional<Sessions.Session> session, String current, Optional<String> flash, String body) {
        return page(title, session, current, flash, new Markup(body));
    }

    /** A whole page around a rendered template. */
    static String page(String title, Optional<Sessions.Session> session, String current, Optional<String> flash, Markup body) {
        return PAGE.render(Map.of("title", title,
                "navigation", session.map(s -> navigation(s, current)).orElse(Markup.EMPTY),
                "flash", flash.map(f -> FLASH.render(Map.of("message", f))).orElse(Markup.EMPTY),
                "body", body)).html() + "\n";
    }

    private static Markup navigation(Sessions.Session s, String current) {
        List<String[]> items = new ArrayList<>();
        items.add(new String[] {"/console/status", "Status"});
        if (s.role.seesAlerts()) {
            items.add(new String[] {"/console/alerts", "Alerts"});
        }
        if (s.role.seesWatchlists()) {
            items.add(new String[] {"/console/watchlists", "Watchlists"});
            items.add(new String[] {"/console/deployments", "Deployments"});
        }
        if (s.role.seesCompliance()) {
            items.add(new String[] {"/console/compliance", "Compliance"});
        }
        Markup links = NAV_ITEM.each(items, i -> Map.of("href", i[0], "label", i[1],
                "current", i[1].equalsIgnoreCase(current) ? new Markup(" aria-current=\"page\"") : Markup.EMPTY));
        return NAVIGATION.render(Map.of("items", links, "user", s.user, "role", s.role.word, "csrf", csrfField(s)));
    }

    /** The session's CSRF token as a hidden form field. */
    static Markup csrfField(Sessions.Session s) {
        return CSRF.render(Map.of("token", s.csrf));
    }

    static String csrf(Sessions.Session s) {
        return csrfField(s).html();
    }

    static Markup errorMessage(String message) {
        return ERROR.render(Map.of("message", message));
    }

    static String error(String message) {
        return errorMessage(message).html();
    }
}

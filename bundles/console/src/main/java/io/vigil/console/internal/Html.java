package io.vigil.console.internal;

import java.util.Optional;

/** Server-rendered pages: escaping and the common frame (skip link, navigation, logout form). */
final class Html {

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

    /** A whole page; {@code session} empty for the login page. */
    static String page(String title, Optional<Sessions.Session> session, String current, Optional<String> flash, String body) {
        StringBuilder b = new StringBuilder(4096);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(esc(title)).append(" – Vigil console</title>")
                .append("<link rel=\"stylesheet\" href=\"/console/static/console.css\">")
                .append("<script src=\"/console/static/console.js\" defer></script></head><body>")
                .append("<a class=\"skip\" href=\"#main\">Skip to content</a><header><span class=\"brand\">Vigil</span>");
        session.ifPresent(s -> {
            b.append("<nav aria-label=\"Main\"><ul>");
            nav(b, "/console/status", "Status", current);
            if (s.role.seesAlerts()) {
                nav(b, "/console/alerts", "Alerts", current);
            }
            if (s.role.seesWatchlists()) {
                nav(b, "/console/watchlists", "Watchlists", current);
                nav(b, "/console/deployments", "Deployments", current);
            }
            if (s.role.seesCompliance()) {
                nav(b, "/console/compliance", "Compliance", current);
            }
            b.append("</ul></nav><div class=\"who\"><span id=\"user\">").append(esc(s.user)).append("</span> (")
                    .append(esc(s.role.word)).append(")")
                    .append("<form method=\"post\" action=\"/console/logout\" class=\"inline\">").append(csrf(s))
                    .append("<button type=\"submit\">Log out</button></form></div>");
        });
        b.append("</header><main id=\"main\" tabindex=\"-1\"><h1>").append(esc(title)).append("</h1>");
        flash.ifPresent(f -> b.append("<p class=\"flash\" role=\"status\" id=\"flash\">").append(esc(f)).append("</p>"));
        b.append(body).append("</main></body></html>\n");
        return b.toString();
    }

    private static void nav(StringBuilder b, String href, String label, String current) {
        b.append("<li><a href=\"").append(href).append('"');
        if (label.equalsIgnoreCase(current)) {
            b.append(" aria-current=\"page\"");
        }
        b.append('>').append(label).append("</a></li>");
    }

    static String csrf(Sessions.Session s) {
        return "<input type=\"hidden\" name=\"csrf\" value=\"" + esc(s.csrf) + "\">";
    }

    static String error(String message) {
        return "<p class=\"error\" role=\"alert\" id=\"error\">" + esc(message) + "</p>";
    }
}

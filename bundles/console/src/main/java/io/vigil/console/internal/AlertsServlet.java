package io.vigil.console.internal;

import io.vigil.api.alert.Alert;
import io.vigil.api.alert.AlertStore;
import io.vigil.api.alert.AlertStoreException;
import io.vigil.console.internal.Template.Markup;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The alerts list ({@code /console/alerts}) and its refresh as JSON ({@code /console/alerts.json}). */
final class AlertsServlet extends AreaServlet {

    private static final long serialVersionUID = 1L;
    static final String[] PATTERNS = {"/console/alerts", "/console/alerts.json"};
    private final transient ConsoleSources sources;
    private final transient Template page = Template.load("alerts");
    private final transient Template row = Template.load("alerts-row");

    AlertsServlet(ConsoleSources sources) {
        super(Role::seesAlerts);
        this.sources = sources;
    }

    @Override
    void handle(Sessions.Session s, String path, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (path.equals("/alerts.json")) {
            alertsJson(req, resp);
        } else {
            alertsPage(s, resp);
        }
    }

    private void alertsPage(Sessions.Session s, HttpServletResponse resp) throws IOException {
        Optional<AlertStore> store = sources.alerts();
        Markup body;
        if (store.isEmpty()) {
            body = Html.errorMessage("The alert store is not running (see the status page).");
        } else {
            Markup error = Markup.EMPTY;
            List<Alert> all;
            try {
                all = new ArrayList<>(store.get().since(Optional.empty(), 1000));
            } catch (AlertStoreException e) {
                all = List.of();
                error = Html.errorMessage("The alert store failed: " + e.getMessage());
            }
            String newest = all.isEmpty() ? "" : all.get(all.size() - 1).id();
            Collections.reverse(all);
            // console.js asks alerts.json for what came after the newest shown (data-newest) and adds it on top
            Markup rows = all.isEmpty() ? new Markup("<tr id=\"no-alerts\"><td colspan=\"7\">No alerts.</td></tr>")
                    : row.each(all, a -> Map.of("id", a.id(), "captured", Html.TIME.format(a.captureTime()), "camera", a.cameraId(),
                            "watchlist", a.watchlistId(), "subject", a.subjectPseudonym(),
                            "score", String.format("%.3f / %.3f", a.score(), a.threshold()), "state", a.state().name()));
            body = page.render(Map.of("error", error, "newest", newest, "rows", rows));
        }
        Responses.html(resp, HttpServletResponse.SC_OK, Html.page("Alerts", Optional.of(s), "Alerts", s.takeFlash(), body));
    }

    /**
     * The alerts after {@code after} (an alert id), oldest first, for the alerts page's refresh:
     * what the table shows, no evidence. Not audited: it is the list the page already shows.
     */
    private void alertsJson(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Optional<AlertStore> store = sources.alerts();
        if (store.isEmpty()) {
            resp.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "The alert store is not running");
            return;
        }
        String after = req.getParameter("after");
        List<Alert> fresh;
        try {
            fresh = store.get().since(after == null || after.isBlank() ? Optional.empty() : Optional.of(after), 200);
        } catch (AlertStoreException e) {
            resp.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, e.getMessage());
            return;
        }
        StringBuilder b = new StringBuilder("[");
        for (Alert a : fresh) {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append("{\"id\":").append(Json.string(a.id())).append(",\"captured\":").append(Json.string(Html.TIME.format(a.captureTime())))
                    .append(",\"camera\":").append(Json.string(a.cameraId())).append(",\"watchlist\":")
                    .append(Json.string(a.watchlistId())).append(",\"subject\":").append(Json.string(a.subjectPseudonym()))
                    .append(",\"score\":").append(Json.string(String.format("%.3f / %.3f", a.score(), a.threshold())))
                    .append(",\"state\":").append(Json.string(a.state().name())).append('}');
        }
        Responses.json(resp, b.append(']').toString());
    }
}

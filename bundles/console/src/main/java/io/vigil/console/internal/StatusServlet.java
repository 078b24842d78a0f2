package io.vigil.console.internal;

import static io.vigil.console.internal.Html.esc;

import io.vigil.api.camera.Camera;
import io.vigil.api.media.StreamStatus;
import io.vigil.api.status.ModuleStatus;
import io.vigil.console.internal.Template.Markup;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The status page (modules, cameras with their streams, bundles), which every role sees. It is
 * also the console's root and, registered on {@code /console/*}, gets every path no other
 * servlet claims: those are not found.
 */
final class StatusServlet extends AreaServlet {

    private static final long serialVersionUID = 1L;
    static final String[] PATTERNS = {"/console/*"};
    private final transient ConsoleSources sources;
    private final transient StreamFigures streams = new StreamFigures();
    private final transient Template page = Template.load("status");
    private final transient Template module = Template.load("status-module");
    private final transient Template camera = Template.load("status-camera");
    private final transient Template streamOnly = Template.load("status-stream-only");
    private final transient Template bundle = Template.load("status-bundle");

    StatusServlet(ConsoleSources sources) {
        super(role -> true);
        this.sources = sources;
    }

    @Override
    void handle(Sessions.Session s, String path, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!path.equals("/") && !path.equals("/status")) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        List<ModuleStatus> modules = new ArrayList<>(sources.modules());
        modules.sort((x, y) -> x.module().compareTo(y.module()));
        Markup moduleRows = module.each(modules, m -> Map.of("module", m.module(), "health", m.health().name(), "detail", m.detail()));
        List<Camera> cameras = sources.cameras();
        Map<String, StreamStatus> ingest = new LinkedHashMap<>();
        for (StreamStatus stream : sources.streams()) {
            ingest.put(stream.cameraId(), stream);
        }
        StringBuilder rows = new StringBuilder();
        if (cameras.isEmpty() && ingest.isEmpty()) {
            rows.append("<tr><td colspan=\"9\">No cameras known.</td></tr>");
        }
        Instant now = Instant.now();
        for (Camera c : cameras) {
            rows.append(camera.render(Map.of("id", c.id(), "name", c.name(), "location", c.location(),
                    "phase", c.state().phase().name(), "detail", c.state().detail(), "since", Html.TIME.format(c.state().since()),
                    "stream", streamCells(Optional.ofNullable(ingest.remove(c.id())), now))).html());
        }
        // streams ingested from a configured RTSP address, without an ONVIF camera behind them
        for (Map.Entry<String, StreamStatus> e : ingest.entrySet()) {
            rows.append(streamOnly.render(Map.of("id", e.getKey(), "stream", streamCells(Optional.of(e.getValue()), now)))
                    .html());
        }
        Markup bundleRows = bundle.each(sources.bundles(), row -> Map.of("name", row[0], "version", row[1],
                "health", "ACTIVE".equals(row[2]) ? "OK" : "DEGRADED", "state", row[2]));
        Markup body = page.render(Map.of("modules", moduleRows, "cameras", new Markup(rows.toString()), "bundles", bundleRows));
        Responses.html(resp, HttpServletResponse.SC_OK, Html.page("Status", Optional.of(s), "Status", s.takeFlash(), body));
    }

    /** Stream, decoder, frames per second and frame counts as ingest reports them, or that there is no stream. */
    private Markup streamCells(Optional<StreamStatus> status, Instant now) {
        StringBuilder b = new StringBuilder();
        if (status.isEmpty()) {
            b.append("<td colspan=\"4\">not ingested</td>");
            return new Markup(b.toString());
        }
        StreamFigures.Reading r = streams.read(status.get(), now);
        StreamStatus x = r.status();
        b.append("<td>").append(x.phase().name()).append(x.codec().map(k -> " " + k.name()).orElse(""))
                .append(x.phase() == StreamStatus.Phase.STREAMING ? "" : " <small>" + esc(x.detail()) + "</small>")
                .append("</td><td>").append(esc(x.decoder().orElse("—"))).append("</td><td class=\"fps\">")
                .append(r.fps().map(f -> String.format(java.util.Locale.ROOT, "%.1f", f)).orElse("— <small>(reload)</small>"))
                .append("</td><td>").append(x.decoded()).append(" / ").append(x.analysed()).append(" / ").append(x.dropped())
                .append("</td>");
        return new Markup(b.toString());
    }
}

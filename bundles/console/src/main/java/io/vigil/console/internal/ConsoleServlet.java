package io.vigil.console.internal;

import static io.vigil.console.internal.Html.esc;

import io.vigil.api.alert.Alert;
import io.vigil.api.alert.AlertReview;
import io.vigil.api.alert.AlertStore;
import io.vigil.api.alert.AlertStoreException;
import io.vigil.api.alert.RecognitionEvidence;
import io.vigil.api.audit.AuditActions;
import io.vigil.api.audit.AuditException;
import io.vigil.api.audit.AuditTrail;
import io.vigil.api.camera.Camera;
import io.vigil.api.compliance.ComplianceLedger;
import io.vigil.api.deployment.DeploymentRegistry;
import io.vigil.api.media.StreamStatus;
import io.vigil.api.status.ModuleStatus;
import io.vigil.api.watchlist.EnrolmentPhotos;
import io.vigil.api.watchlist.WatchlistAdministration;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console's pages under {@code /console}: login, status, alerts and one alert with its review.
 * Everything refuses plain HTTP (a GET is redirected to HTTPS), every page but the login needs a
 * session, every POST needs the session's CSRF token (the login form a cookie-bound one), and each
 * login and action is recorded in the audit trail before it takes effect.
 */
final class ConsoleServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String SESSION_COOKIE = "__Host-vigil-session";
    static final String LOGIN_COOKIE = "__Host-vigil-login";
    private static final Pattern ALERT = Pattern.compile("/alerts/(A-[0-9]+-[0-9a-zA-Z]+)(/face|/enrolled|/confirm|/dismiss)?");
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    /** What the pages show, from the services present now (any may be absent). */
    interface Sources {
        List<ModuleStatus> modules();

        List<String[]> bundles();

        /** The streams ingest runs, with their figures; empty without ingest. */
        List<StreamStatus> streams();

        List<Camera> cameras();

        Optional<AlertStore> alerts();

        Optional<AlertReview> review();

        Optional<EnrolmentPhotos> photos();

        Optional<ComplianceLedger> compliance();

        Optional<WatchlistAdministration> watchlists();

        Optional<DeploymentRegistry> deployments();
    }

    private final transient UserStore users;
    private final transient Sessions sessions;
    private final transient AuditTrail audit;
    private final transient Sources sources;
    private final transient LoginRateLimit rateLimit;
    private final transient CompliancePages compliance;
    private final transient WatchlistPages watchlists;
    private final transient StreamFigures streams = new StreamFigures();
    private final String httpsHost;
    private final int httpsPort;

    ConsoleServlet(UserStore users, Sessions sessions, AuditTrail audit, Sources sources, LoginRateLimit rateLimit, Path data,
                   String httpsHost, int httpsPort) {
        this.users = users;
        this.sessions = sessions;
        this.audit = audit;
        this.sources = sources;
        this.rateLimit = rateLimit;
        this.compliance = new CompliancePages(sources::compliance, audit, data);
        this.watchlists = new WatchlistPages(sources::watchlists, sources::deployments);
        this.httpsHost = httpsHost;
        this.httpsPort = httpsPort;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("X-Frame-Options", "DENY");
        resp.setHeader("Referrer-Policy", "no-referrer");
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader("Content-Security-Policy", "default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self';"
                + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
        if (!req.isSecure()) {
            if ("GET".equals(req.getMethod()) || "HEAD".equals(req.getMethod())) {
                String host = httpsHost.equals("0.0.0.0") || httpsHost.isBlank() ? req.getServerName() : httpsHost;
                String query = req.getQueryString() == null ? "" : "?" + req.getQueryString();
                resp.setHeader("Location", "https://" + host + ":" + httpsPort + req.getRequestURI() + query);
                resp.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
            } else {
                resp.sendError(HttpServletResponse.SC_FORBIDDEN, "The console answers over HTTPS only");
            }
            return;
        }
        resp.setHeader("Strict-Transport-Security", "max-age=31536000");
        String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
        try {
            if (path.startsWith("/static/")) {
                staticFile(path.substring("/static/".length()), resp);
                return;
            }
            if (path.equals("/login")) {
                if ("POST".equals(req.getMethod())) {
                    login(req, resp);
                } else {
                    loginPage(req, resp, Optional.empty(), "", HttpServletResponse.SC_OK);
                }
                return;
            }
            Optional<Sessions.Session> found = sessions.find(cookie(req, SESSION_COOKIE));
            if (found.isEmpty()) {
                if ("GET".equals(req.getMethod())) {
                    redirect(resp, "/console/login");
                } else {
                    resp.sendError(HttpServletResponse.SC_UNAUTHORIZED, "Your session ended: log in again");
                }
                return;
            }
            Sessions.Session s = found.get();
            if ("POST".equals(req.getMethod()) && !s.csrfMatches(field(req, "csrf").orElse(null))) {
                resp.sendError(HttpServletResponse.SC_FORBIDDEN, "The form was not sent from this session's page (CSRF check)");
                return;
            }
            if (path.equals("/logout") && "POST".equals(req.getMethod())) {
                sessions.end(s.token);
                record("console.logout", s.user, Map.of("role", s.role.word));
                resp.addHeader("Set-Cookie", SESSION_COOKIE + "=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0");
                redirect(resp, "/console/login");
                return;
            }
            if (path.equals("/") || path.equals("/status")) {
                statusPage(s, resp);
                return;
            }
            if (path.equals("/alerts")) {
                if (forbidden(s, s.role.seesAlerts(), resp)) {
                    return;
                }
                alertsPage(s, resp);
                return;
            }
            if (path.equals("/alerts.json")) {
                if (forbidden(s, s.role.seesAlerts(), resp)) {
                    return;
                }
                alertsJson(req, resp);
                return;
            }
            if (path.equals("/compliance") || path.startsWith("/compliance/")) {
                if (!forbidden(s, s.role.seesCompliance(), resp)) {
                    compliance.handle(s, path, req, resp);
                }
                return;
            }
            if (path.equals("/watchlists") || path.startsWith("/watchlists/")) {
                if (!forbidden(s, s.role.seesWatchlists(), resp)) {
                    watchlists.handle(s, path, req, resp);
                }
                return;
            }
            if (path.equals("/deployments")) {
                if (!forbidden(s, s.role.seesWatchlists(), resp)) {
                    watchlists.deploymentsPage(s, resp);
                }
                return;
            }
            Matcher m = ALERT.matcher(path);
            if (m.matches()) {
                if (forbidden(s, s.role.seesAlerts(), resp)) {
                    return;
                }
                alert(s, m.group(1), m.group(2) == null ? "" : m.group(2), req, resp);
                return;
            }
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
        } catch (ConsoleException e) {
            resp.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, e.getMessage());
        }
    }

    // ---- login

    private void loginPage(HttpServletRequest req, HttpServletResponse resp, Optional<String> error, String name, int status)
            throws IOException {
        String token = Sessions.Csrf.token();
        resp.addHeader("Set-Cookie", LOGIN_COOKIE + "=" + token + "; Path=/; Secure; HttpOnly; SameSite=Strict");
        String body = error.map(Html::error).orElse("")
                + "<form method=\"post\" action=\"/console/login\" class=\"login\">"
                + "<input type=\"hidden\" name=\"csrf\" value=\"" + esc(token) + "\">"
                + "<label for=\"name\">User name</label><input id=\"name\" name=\"name\" autocomplete=\"username\" required"
                + " autofocus value=\"" + esc(name) + "\">"
                + "<label for=\"password\">Password</label><input id=\"password\" name=\"password\" type=\"password\""
                + " autocomplete=\"current-password\" required>"
                + "<div><button type=\"submit\" id=\"login\">Log in</button></div></form>";
        html(resp, status, Html.page("Log in", Optional.empty(), "", Optional.empty(), body));
    }

    /**
     * The one answer to a refused login, whether the name is unknown, the password wrong or the
     * account locked: a different answer for a locked account would tell a guesser the name exists.
     * The audit trail records which it was.
     */
    static final String REFUSED = "Wrong user name or password, or the account is locked after repeated wrong passwords"
            + " (an administrator can unlock it).";

    private void login(HttpServletRequest req, HttpServletResponse resp) throws IOException, ConsoleException {
        String name = Optional.ofNullable(req.getParameter("name")).orElse("").strip();
        if (!Sessions.Csrf.matches(cookie(req, LOGIN_COOKIE), req.getParameter("csrf"))) {
            loginPage(req, resp, Optional.of("The login form expired; try again."), name, HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        String from = String.valueOf(req.getRemoteAddr());
        if (!rateLimit.tryAcquire(from)) {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("channel", "console");
            details.put("from", from);
            details.put("result", "rate-limited");
            record(AuditActions.LOGIN, name.isEmpty() ? "(empty)" : name.length() > 64 ? name.substring(0, 64) : name, details);
            loginPage(req, resp, Optional.of("Too many login attempts from your address; try again after "
                    + TIME.format(rateLimit.retryAt(from)) + "."), name, 429);
            return;
        }
        char[] password = Optional.ofNullable(req.getParameter("password")).orElse("").toCharArray();
        UserStore.Attempt attempt;
        try {
            attempt = users.authenticate(name, password);
        } finally {
            Arrays.fill(password, '\0');
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("channel", "console");
        details.put("from", from);
        details.put("result", switch (attempt.outcome()) {
            case OK -> "success";
            case WRONG_PASSWORD -> "wrong-password";
            case UNKNOWN_USER -> "unknown-user";
            case LOCKED -> "locked";
        });
        attempt.user().ifPresent(u -> details.put("role", u.role().word));
        attempt.lockedUntil().ifPresent(t -> details.put("locked.until", t.toString()));
        String actor = name.isEmpty() ? "(empty)" : name.length() > 64 ? name.substring(0, 64) : name;
        // recorded before the session exists: no audit entry, no login
        record(AuditActions.LOGIN, actor, details);
        if (!attempt.succeeded()) {
            loginPage(req, resp, Optional.of(REFUSED), name, HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        UserStore.User user = attempt.user().orElseThrow();
        Sessions.Session s = sessions.create(user.name(), user.role());
        resp.addHeader("Set-Cookie", SESSION_COOKIE + "=" + s.token + "; Path=/; Secure; HttpOnly; SameSite=Strict");
        resp.addHeader("Set-Cookie", LOGIN_COOKIE + "=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0");
        redirect(resp, "/console/status");
    }

    // ---- status

    private void statusPage(Sessions.Session s, HttpServletResponse resp) throws IOException {
        StringBuilder b = new StringBuilder();
        List<ModuleStatus> modules = new ArrayList<>(sources.modules());
        modules.sort((x, y) -> x.module().compareTo(y.module()));
        b.append("<table id=\"modules\"><caption>Modules</caption><thead><tr><th scope=\"col\">Module</th>"
                + "<th scope=\"col\">Health</th><th scope=\"col\">Detail</th></tr></thead><tbody>");
        for (ModuleStatus m : modules) {
            b.append("<tr><td>").append(esc(m.module())).append("</td><td class=\"").append(m.health().name()).append("\">")
                    .append(m.health().name()).append("</td><td>").append(esc(m.detail())).append("</td></tr>");
        }
        b.append("</tbody></table>");
        b.append("<table id=\"cameras\"><caption>Cameras</caption><thead><tr><th scope=\"col\">Camera</th>"
                + "<th scope=\"col\">Location</th><th scope=\"col\">State</th><th scope=\"col\">Detail</th>"
                + "<th scope=\"col\">Since</th><th scope=\"col\">Stream</th><th scope=\"col\">Decoder</th>"
                + "<th scope=\"col\">Frames/s</th><th scope=\"col\">Decoded / analysed / dropped</th></tr></thead><tbody>");
        List<Camera> cameras = sources.cameras();
        Map<String, StreamStatus> ingest = new LinkedHashMap<>();
        for (StreamStatus stream : sources.streams()) {
            ingest.put(stream.cameraId(), stream);
        }
        if (cameras.isEmpty() && ingest.isEmpty()) {
            b.append("<tr><td colspan=\"9\">No cameras known.</td></tr>");
        }
        Instant now = Instant.now();
        for (Camera c : cameras) {
            b.append("<tr id=\"camera-").append(esc(c.id())).append("\"><td>").append(esc(c.name())).append(" <small>(")
                    .append(esc(c.id())).append(")</small></td><td>")
                    .append(esc(c.location())).append("</td><td class=\"").append(c.state().phase().name()).append("\">")
                    .append(c.state().phase().name()).append("</td><td>").append(esc(c.state().detail())).append("</td><td>")
                    .append(TIME.format(c.state().since())).append("</td>");
            streamCells(b, Optional.ofNullable(ingest.remove(c.id())), now);
        }
        // streams ingested from a configured RTSP address, without an ONVIF camera behind them
        for (Map.Entry<String, StreamStatus> e : ingest.entrySet()) {
            b.append("<tr id=\"camera-").append(esc(e.getKey())).append("\"><td>").append(esc(e.getKey()))
                    .append(" <small>(stream only)</small></td><td>—</td><td>—</td><td>not an ONVIF camera of the registry</td>"
                            + "<td>—</td>");
            streamCells(b, Optional.of(e.getValue()), now);
        }
        b.append("</tbody></table>");
        b.append("<table id=\"bundles\"><caption>Bundles</caption><thead><tr><th scope=\"col\">Bundle</th>"
                + "<th scope=\"col\">Version</th><th scope=\"col\">State</th></tr></thead><tbody>");
        for (String[] row : sources.bundles()) {
            b.append("<tr><td>").append(esc(row[0])).append("</td><td>").append(esc(row[1])).append("</td><td class=\"")
                    .append("ACTIVE".equals(row[2]) ? "OK" : "DEGRADED").append("\">").append(esc(row[2])).append("</td></tr>");
        }
        b.append("</tbody></table>");
        html(resp, HttpServletResponse.SC_OK, Html.page("Status", Optional.of(s), "Status", s.takeFlash(), b.toString()));
    }

    /** Stream, decoder, frames per second and frame counts as ingest reports them, or that there is no stream. */
    private void streamCells(StringBuilder b, Optional<StreamStatus> status, Instant now) {
        if (status.isEmpty()) {
            b.append("<td colspan=\"4\">not ingested</td></tr>");
            return;
        }
        StreamFigures.Reading r = streams.read(status.get(), now);
        StreamStatus x = r.status();
        b.append("<td>").append(x.phase().name()).append(x.codec().map(k -> " " + k.name()).orElse(""))
                .append(x.phase() == StreamStatus.Phase.STREAMING ? "" : " <small>" + esc(x.detail()) + "</small>")
                .append("</td><td>").append(esc(x.decoder().orElse("—"))).append("</td><td class=\"fps\">")
                .append(r.fps().map(f -> String.format(java.util.Locale.ROOT, "%.1f", f)).orElse("— <small>(reload)</small>"))
                .append("</td><td>").append(x.decoded()).append(" / ").append(x.analysed()).append(" / ").append(x.dropped())
                .append("</td></tr>");
    }

    // ---- alerts

    private void alertsPage(Sessions.Session s, HttpServletResponse resp) throws IOException {
        Optional<AlertStore> store = sources.alerts();
        StringBuilder b = new StringBuilder();
        if (store.isEmpty()) {
            b.append(Html.error("The alert store is not running (see the status page)."));
        } else {
            List<Alert> all;
            try {
                all = new ArrayList<>(store.get().since(Optional.empty(), 1000));
            } catch (AlertStoreException e) {
                all = List.of();
                b.append(Html.error("The alert store failed: " + e.getMessage()));
            }
            String newest = all.isEmpty() ? "" : all.get(all.size() - 1).id();
            Collections.reverse(all);
            // console.js asks alerts.json for what came after the newest shown and adds it on top
            b.append("<p id=\"live\" role=\"status\" aria-live=\"polite\" class=\"live\">New alerts appear here without"
                    + " reloading.</p>");
            b.append("<table id=\"alerts\" data-newest=\"").append(esc(newest)).append("\"><caption>Alerts, newest first</caption><thead><tr><th scope=\"col\">Alert</th>"
                    + "<th scope=\"col\">Captured</th><th scope=\"col\">Camera</th><th scope=\"col\">Watchlist</th>"
                    + "<th scope=\"col\">Subject</th><th scope=\"col\">Score / threshold</th><th scope=\"col\">State</th>"
                    + "</tr></thead><tbody>");
            if (all.isEmpty()) {
                b.append("<tr id=\"no-alerts\"><td colspan=\"7\">No alerts.</td></tr>");
            }
            for (Alert a : all) {
                b.append("<tr><td><a href=\"/console/alerts/").append(esc(a.id())).append("\">").append(esc(a.id()))
                        .append("</a></td><td>").append(TIME.format(a.captureTime())).append("</td><td>")
                        .append(esc(a.cameraId())).append("</td><td>").append(esc(a.watchlistId())).append("</td><td>")
                        .append(esc(a.subjectPseudonym())).append("</td><td>")
                        .append(String.format("%.3f / %.3f", a.score(), a.threshold())).append("</td><td class=\"")
                        .append(a.state().name()).append("\">").append(a.state().name()).append("</td></tr>");
            }
            b.append("</tbody></table>");
        }
        html(resp, HttpServletResponse.SC_OK, Html.page("Alerts", Optional.of(s), "Alerts", s.takeFlash(), b.toString()));
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
            b.append("{\"id\":").append(Json.string(a.id())).append(",\"captured\":").append(Json.string(TIME.format(a.captureTime())))
                    .append(",\"camera\":").append(Json.string(a.cameraId())).append(",\"watchlist\":")
                    .append(Json.string(a.watchlistId())).append(",\"subject\":").append(Json.string(a.subjectPseudonym()))
                    .append(",\"score\":").append(Json.string(String.format("%.3f / %.3f", a.score(), a.threshold())))
                    .append(",\"state\":").append(Json.string(a.state().name())).append('}');
        }
        byte[] bytes = b.append(']').toString().getBytes(StandardCharsets.UTF_8);
        resp.setContentType("application/json;charset=utf-8");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }

    private void alert(Sessions.Session s, String id, String part, HttpServletRequest req, HttpServletResponse resp)
            throws IOException, ConsoleException {
        Optional<AlertStore> store = sources.alerts();
        Optional<AlertReview> review = sources.review();
        if (store.isEmpty() || review.isEmpty()) {
            resp.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "The alert store is not running");
            return;
        }
        try {
            Optional<Alert> found = store.get().alert(id);
            if (found.isEmpty()) {
                resp.sendError(HttpServletResponse.SC_NOT_FOUND, "No alert " + id);
                return;
            }
            Alert a = found.get();
            boolean post = "POST".equals(req.getMethod());
            switch (part) {
                case "/face" -> {
                    if (forbidden(s, s.role.seesEvidence(), resp)) {
                        return;
                    }
                    Optional<RecognitionEvidence> evidence = review.get().evidence(id, s.user);
                    if (evidence.isEmpty()) {
                        resp.sendError(HttpServletResponse.SC_NOT_FOUND, "No evidence stored");
                        return;
                    }
                    image(resp, evidence.get().faceCrop());
                    Arrays.fill(evidence.get().faceCrop(), (byte) 0);
                    Arrays.fill(evidence.get().frameRegion(), (byte) 0);
                }
                case "/enrolled" -> {
                    if (forbidden(s, s.role.seesEvidence(), resp)) {
                        return;
                    }
                    Optional<byte[]> photo = sources.photos().flatMap(p -> p.enrolmentPhoto(a.watchlistId(), a.subjectPseudonym()));
                    if (photo.isEmpty()) {
                        resp.sendError(HttpServletResponse.SC_NOT_FOUND, "No enrolment photo");
                        return;
                    }
                    record(AuditActions.ALERT_VIEWED, s.user, Map.of("alert", id, "evidence", "enrolled-photo"));
                    image(resp, photo.get());
                    Arrays.fill(photo.get(), (byte) 0);
                }
                case "/confirm" -> {
                    if (!post || forbidden(s, s.role.reviewsAlerts(), resp)) {
                        if (!post) {
                            resp.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
                        }
                        return;
                    }
                    try {
                        Alert after = review.get().confirm(id, s.user);
                        s.flash("You confirmed alert " + id + "; it is now " + after.state().name() + ".");
                    } catch (AlertStoreException e) {
                        s.flash("Refused: " + e.getMessage());
                    }
                    redirect(resp, "/console/alerts/" + id);
                }
                case "/dismiss" -> {
                    if (!post || forbidden(s, s.role.reviewsAlerts(), resp)) {
                        if (!post) {
                            resp.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
                        }
                        return;
                    }
                    String reason = Optional.ofNullable(req.getParameter("reason")).orElse("");
                    if (reason.equals("other")) {
                        reason = Optional.ofNullable(req.getParameter("reason-text")).orElse("");
                    }
                    try {
                        Alert after = review.get().dismiss(id, s.user, reason);
                        s.flash("You dismissed alert " + id + "; it is now " + after.state().name() + ".");
                    } catch (AlertStoreException e) {
                        s.flash("Refused: " + e.getMessage());
                    }
                    redirect(resp, "/console/alerts/" + id);
                }
                default -> alertPage(s, a, review.get(), resp);
            }
        } catch (AlertStoreException e) {
            resp.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, e.getMessage());
        }
    }

    private void alertPage(Sessions.Session s, Alert a, AlertReview review, HttpServletResponse resp)
            throws IOException, AlertStoreException {
        StringBuilder b = new StringBuilder();
        b.append("<dl id=\"alert\"><dt>State</dt><dd id=\"state\" class=\"").append(a.state().name()).append("\">")
                .append(a.state().name()).append("</dd><dt>Captured</dt><dd>").append(TIME.format(a.captureTime()))
                .append("</dd><dt>Camera</dt><dd>").append(esc(a.cameraId())).append("</dd><dt>Deployment</dt><dd>")
                .append(esc(a.deploymentId())).append("</dd><dt>Watchlist</dt><dd>").append(esc(a.watchlistId()))
                .append("</dd><dt>Subject</dt><dd>").append(esc(a.subjectPseudonym())).append("</dd><dt>Score</dt><dd>")
                .append(String.format("%.3f (threshold %.3f)", a.score(), a.threshold())).append("</dd></dl>");
        String base = "/console/alerts/" + esc(a.id());
        if (!s.role.seesEvidence()) {
            b.append("<p id=\"no-evidence\">The faces are shown to reviewers only.</p>");
        } else {
        b.append("<div class=\"evidence\"><figure><img src=\"").append(base).append("/face\" alt=\"The face as camera ")
                .append(esc(a.cameraId())).append(" saw it\"><figcaption>Seen by the camera</figcaption></figure>")
                .append("<figure><img src=\"").append(base).append("/enrolled\" alt=\"The photo subject ")
                .append(esc(a.subjectPseudonym())).append(" was enrolled from\"><figcaption>Enrolled photo</figcaption></figure></div>");
        }
        List<AlertReview.Decision> decisions = review.decisions(a.id());
        b.append("<h2>Decisions</h2><ul id=\"decisions\">");
        if (decisions.isEmpty()) {
            b.append("<li>None yet.</li>");
        }
        for (AlertReview.Decision d : decisions) {
            b.append("<li>").append(d.confirmed() ? "Confirmed" : "Dismissed").append(" by ").append(esc(d.reviewer()))
                    .append(" at ").append(TIME.format(d.at())).append(d.reason().map(r -> " (" + esc(r) + ")").orElse(""))
                    .append("</li>");
        }
        b.append("</ul>");
        boolean open = switch (a.state()) {
            case NEW, CONFIRMED_ONCE -> true;
            default -> false;
        };
        if (open && s.role.reviewsAlerts()) {
            b.append("<h2>Your review</h2><div class=\"review\"><form method=\"post\" action=\"").append(base)
                    .append("/confirm\">").append(Html.csrf(s))
                    .append("<p>Confirm that the person seen is the enrolled subject.</p>")
                    .append("<button type=\"submit\" id=\"confirm\">Confirm match</button></form>")
                    .append("<form method=\"post\" action=\"").append(base).append("/dismiss\" id=\"dismiss-form\">")
                    .append(Html.csrf(s)).append("<label for=\"reason\">Reason for dismissal</label>")
                    .append("<select id=\"reason\" name=\"reason\"><option value=\"false-alert\">Not the subject (false alert)</option>")
                    .append("<option value=\"not-actionable\">The subject, but not actionable</option>")
                    .append("<option value=\"other\">Other</option></select>")
                    .append("<div id=\"reason-text-row\"><label for=\"reason-text\">Other reason</label>")
                    .append("<input id=\"reason-text\" name=\"reason-text\" maxlength=\"500\"></div>")
                    .append("<button type=\"submit\" class=\"danger\" id=\"dismiss\">Dismiss</button></form></div>");
        }
        b.append("<p><a href=\"/console/alerts\">Back to alerts</a></p>");
        html(resp, HttpServletResponse.SC_OK, Html.page("Alert " + a.id(), Optional.of(s), "Alerts", s.takeFlash(), b.toString()));
    }

    // ---- helpers

    static boolean forbidden(Sessions.Session s, boolean allowed, HttpServletResponse resp) throws IOException {
        if (allowed) {
            return false;
        }
        html(resp, HttpServletResponse.SC_FORBIDDEN, Html.page("Not allowed", Optional.of(s), "", Optional.empty(),
                Html.error("Your role (" + s.role.word + ") does not allow this page.")));
        return true;
    }

    private void record(String action, String actor, Map<String, String> details) throws ConsoleException {
        record(audit, action, actor, details);
    }

    static void record(AuditTrail audit, String action, String actor, Map<String, String> details) throws ConsoleException {
        try {
            audit.record(action, actor, details);
        } catch (AuditException | RuntimeException e) {
            throw new ConsoleException("The audit trail refused the record (" + e.getMessage() + "); nothing was done.", e);
        }
    }

    private static String cookie(HttpServletRequest req, String name) {
        Cookie[] cookies = req.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie c : cookies) {
            if (c.getName().equals(name)) {
                return c.getValue();
            }
        }
        return null;
    }

    /**
     * A form field, also from a multipart form (the upload), whose plain fields the container does
     * not always offer as parameters.
     */
    static Optional<String> field(HttpServletRequest req, String name) throws IOException {
        String v;
        try {
            v = req.getParameter(name);
        } catch (IllegalStateException | IllegalArgumentException tooLarge) {
            // a multipart body over the upload limit: nothing of it is read, so no token either
            return Optional.empty();
        }
        if (v != null) {
            return Optional.of(v);
        }
        String type = req.getContentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
            return Optional.empty();
        }
        try {
            jakarta.servlet.http.Part part = req.getPart(name);
            if (part == null || part.getSize() > 4096) {
                return Optional.empty();
            }
            try (InputStream in = part.getInputStream()) {
                return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (jakarta.servlet.ServletException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    static void redirect(HttpServletResponse resp, String to) {
        resp.setStatus(HttpServletResponse.SC_SEE_OTHER);
        resp.setHeader("Location", to);
    }

    static void html(HttpServletResponse resp, int status, String page) throws IOException {
        resp.setStatus(status);
        resp.setContentType("text/html;charset=utf-8");
        byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }

    private static void image(HttpServletResponse resp, byte[] bytes) throws IOException {
        boolean png = bytes.length > 4 && (bytes[0] & 0xff) == 0x89 && bytes[1] == 'P';
        resp.setContentType(png ? "image/png" : "image/jpeg");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }

    private void staticFile(String name, HttpServletResponse resp) throws IOException {
        if (!name.equals("console.css") && !name.equals("console.js")) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        try (InputStream in = ConsoleServlet.class.getResourceAsStream("static/" + name)) {
            if (in == null) {
                resp.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
            byte[] bytes = in.readAllBytes();
            resp.setHeader("Cache-Control", "max-age=300");
            resp.setContentType(name.endsWith(".css") ? "text/css;charset=utf-8" : "text/javascript;charset=utf-8");
            resp.setContentLength(bytes.length);
            resp.getOutputStream().write(bytes);
        }
    }
}

package io.vigil.console.internal;

import io.vigil.api.alert.Alert;
import io.vigil.api.alert.AlertReview;
import io.vigil.api.alert.AlertStore;
import io.vigil.api.alert.AlertStoreException;
import io.vigil.api.alert.RecognitionEvidence;
import io.vigil.api.audit.AuditActions;
import io.vigil.api.audit.AuditTrail;
import io.vigil.console.internal.Template.Markup;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One alert ({@code /console/alerts/ID}): its page with the decisions, its two images for
 * reviewers, and the review itself (confirm, dismiss with a reason). The two-person rule is the
 * alert store's: a refusal (the same reviewer twice) comes back as the flash message.
 */
final class AlertServlet extends AreaServlet {

    private static final long serialVersionUID = 1L;
    static final String[] PATTERNS = {"/console/alerts/*"};
    private static final Pattern ALERT = Pattern.compile("/alerts/(A-[0-9]+-[0-9a-zA-Z]+)(/face|/enrolled|/confirm|/dismiss)?");
    private final transient ConsoleSources sources;
    private final transient AuditTrail audit;
    private final transient Template page = Template.load("alert");
    private final transient Template evidence = Template.load("alert-evidence");
    private final transient Template decision = Template.load("alert-decision");
    private final transient Template reviewForms = Template.load("alert-review");

    AlertServlet(ConsoleSources sources, AuditTrail audit) {
        super(Role::seesAlerts);
        this.sources = sources;
        this.audit = audit;
    }

    @Override
    void handle(Sessions.Session s, String path, HttpServletRequest req, HttpServletResponse resp)
            throws IOException, ConsoleException {
        Matcher m = ALERT.matcher(path);
        if (!m.matches()) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String id = m.group(1);
        String part = m.group(2) == null ? "" : m.group(2);
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
                    if (Responses.forbidden(s, s.role.seesEvidence(), resp)) {
                        return;
                    }
                    Optional<RecognitionEvidence> seen = review.get().evidence(id, s.user);
                    if (seen.isEmpty()) {
                        resp.sendError(HttpServletResponse.SC_NOT_FOUND, "No evidence stored");
                        return;
                    }
                    Responses.image(resp, seen.get().faceCrop());
                    Arrays.fill(seen.get().faceCrop(), (byte) 0);
                    Arrays.fill(seen.get().frameRegion(), (byte) 0);
                }
                case "/enrolled" -> {
                    if (Responses.forbidden(s, s.role.seesEvidence(), resp)) {
                        return;
                    }
                    Optional<byte[]> photo = sources.photos().flatMap(p -> p.enrolmentPhoto(a.watchlistId(), a.subjectPseudonym()));
                    if (photo.isEmpty()) {
                        resp.sendError(HttpServletResponse.SC_NOT_FOUND, "No enrolment photo");
                        return;
                    }
                    AuditRecords.record(audit, AuditActions.ALERT_VIEWED, s.user, Map.of("alert", id, "evidence", "enrolled-photo"));
                    Responses.image(resp, photo.get());
                    Arrays.fill(photo.get(), (byte) 0);
                }
                case "/confirm", "/dismiss" -> {
                    if (!post) {
                        resp.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
                        return;
                    }
                    if (Responses.forbidden(s, s.role.reviewsAlerts(), resp)) {
                        return;
                    }
                    decide(s, id, part.equals("/confirm"), req, review.get());
                    Responses.redirect(resp, "/console/alerts/" + id);
                }
                default -> alertPage(s, a, review.get(), resp);
            }
        } catch (AlertStoreException e) {
            resp.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, e.getMessage());
        }
    }

    /** A reviewer's decision; the store's refusal (two-person rule, already decided) is shown, not thrown. */
    private static void decide(Sessions.Session s, String id, boolean confirm, HttpServletRequest req, AlertReview review) {
        try {
            if (confirm) {
                Alert after = review.confirm(id, s.user);
                s.flash("You confirmed alert " + id + "; it is now " + after.state().name() + ".");
            } else {
                String reason = Optional.ofNullable(req.getParameter("reason")).orElse("");
                if (reason.equals("other")) {
                    reason = Optional.ofNullable(req.getParameter("reason-text")).orElse("");
                }
                Alert after = review.dismiss(id, s.user, reason);
                s.flash("You dismissed alert " + id + "; it is now " + after.state().name() + ".");
            }
        } catch (AlertStoreException e) {
            s.flash("Refused: " + e.getMessage());
        }
    }

    private void alertPage(Sessions.Session s, Alert a, AlertReview review, HttpServletResponse resp)
            throws IOException, AlertStoreException {
        Markup images = s.role.seesEvidence()
                ? evidence.render(Map.of("id", a.id(), "camera", a.cameraId(), "subject", a.subjectPseudonym()))
                : new Markup("<p id=\"no-evidence\">The faces are shown to reviewers only.</p>");
        List<AlertReview.Decision> decisions = review.decisions(a.id());
        Markup decided = decisions.isEmpty() ? new Markup("<li>None yet.</li>")
                : decision.each(decisions, d -> Map.of("decision", d.confirmed() ? "Confirmed" : "Dismissed", "reviewer", d.reviewer(),
                        "at", Html.TIME.format(d.at()), "reason", d.reason().map(r -> " (" + r + ")").orElse("")));
        boolean open = switch (a.state()) {
            case NEW, CONFIRMED_ONCE -> true;
            default -> false;
        };
        Markup forms = open && s.role.reviewsAlerts() ? reviewForms.render(Map.of("id", a.id(), "csrf", Html.csrfField(s)))
                : Markup.EMPTY;
        Markup body = page.render(Map.ofEntries(Map.entry("state", a.state().name()), Map.entry("captured", Html.TIME.format(a.captureTime())),
                Map.entry("camera", a.cameraId()), Map.entry("deployment", a.deploymentId()), Map.entry("watchlist", a.watchlistId()),
                Map.entry("subject", a.subjectPseudonym()),
                Map.entry("score", String.format("%.3f (threshold %.3f)", a.score(), a.threshold())),
                Map.entry("evidence", images), Map.entry("decisions", decided), Map.entry("review", forms)));
        Responses.html(resp, HttpServletResponse.SC_OK, Html.page("Alert " + a.id(), Optional.of(s), "Alerts", s.takeFlash(), body));
    }
}

package io.vigil.console.internal;

import io.vigil.api.deployment.Deployment;
import io.vigil.api.deployment.DeploymentRegistry;
import io.vigil.api.watchlist.WatchlistAdministration;
import io.vigil.api.watchlist.WatchlistCategory;
import io.vigil.api.watchlist.WatchlistOperationException;
import io.vigil.console.internal.Template.Markup;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The watchlists page (list, create, enrol one person from an uploaded photo, delete after a
 * confirmation page) and the deployments page (list with state). Watchlist managers change lists;
 * administrators read. Every change goes through the watchlist service, which audits it with the
 * console user as actor.
 */
final class WatchlistPages {

    private static final Pattern ONE = Pattern.compile("/watchlists/([^/]{1,100})/(enrol|delete)");

    private final Supplier<Optional<WatchlistAdministration>> watchlists;
    private final Supplier<Optional<DeploymentRegistry>> deployments;
    private final Template page = Template.load("watchlists");
    private final Template manageHeads = Template.load("watchlists-manage-heads");
    private final Template empty = Template.load("watchlists-empty");
    private final Template row = Template.load("watchlists-row");
    private final Template manage = Template.load("watchlists-manage");
    private final Template createForm = Template.load("watchlists-create");
    private final Template confirm = Template.load("watchlist-delete");
    private final Template deploymentsTable = Template.load("deployments");
    private final Template deploymentRow = Template.load("deployments-row");

    WatchlistPages(Supplier<Optional<WatchlistAdministration>> watchlists, Supplier<Optional<DeploymentRegistry>> deployments) {
        this.watchlists = watchlists;
        this.deployments = deployments;
    }

    void handle(Sessions.Session s, String path, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Optional<WatchlistAdministration> w = watchlists.get();
        if (w.isEmpty()) {
            Responses.html(resp, HttpServletResponse.SC_SERVICE_UNAVAILABLE, Html.page("Watchlists", Optional.of(s),
                    "Watchlists", Optional.empty(), Html.error("The watchlist service is not running (see the status page).")));
            return;
        }
        boolean post = "POST".equals(req.getMethod());
        if (path.equals("/watchlists")) {
            if (post) {
                if (!Responses.forbidden(s, s.role.managesWatchlists(), resp)) {
                    create(s, w.get(), req, resp);
                }
            } else {
                list(s, w.get(), resp, Optional.empty());
            }
            return;
        }
        Matcher m = ONE.matcher(path);
        if (!m.matches()) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        if (Responses.forbidden(s, s.role.managesWatchlists(), resp)) {
            return;
        }
        String name = java.net.URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
        if (m.group(2).equals("enrol")) {
            if (!post) {
                resp.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
                return;
            }
            enrol(s, w.get(), name, req, resp);
        } else if (post) {
            try {
                w.get().delete(name, s.user);
                s.flash("Watchlist " + name + " deleted with its subjects and its key.");
            } catch (WatchlistOperationException e) {
                s.flash("Refused: " + e.getMessage());
            }
            Responses.redirect(resp, "/console/watchlists");
        } else {
            confirmDelete(s, w.get(), name, resp);
        }
    }

    private static String url(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private void list(Sessions.Session s, WatchlistAdministration w, HttpServletResponse resp, Optional<String> error)
            throws IOException {
        Markup errors = error.map(Html::errorMessage).orElse(Markup.EMPTY);
        List<WatchlistAdministration.Summary> all;
        try {
            all = w.watchlists();
        } catch (WatchlistOperationException e) {
            all = List.of();
            errors = Markup.concat(errors, Html.errorMessage("The watchlists cannot be read: " + e.getMessage()));
        }
        boolean manager = s.role.managesWatchlists();
        Markup rows;
        if (all.isEmpty()) {
            rows = empty.render(Map.of("columns", manager ? 9 : 7));
        } else {
            int[] number = {0};
            rows = row.each(all, x -> {
                number[0]++;
                Markup manage = manager ? this.manage.render(Map.of("path", url(x.name()), "row", number[0], "csrf", Html.csrfField(s),
                        "max-mib", WatchlistAdministration.MAX_PHOTO_BYTES >> 20, "name", x.name())) : Markup.EMPTY;
                return Map.of("name", x.name(), "category", category(x.category()), "legal-basis", String.valueOf(x.legalBasis()),
                        "officer", String.valueOf(x.authorisingOfficer()), "threshold", String.format(Locale.ROOT, "%.3f", x.threshold()),
                        "subjects", x.subjects(), "templates", x.templates(), "manage", manage);
            });
        }
        Markup body = page.render(Map.of("errors", errors, "manage-heads", manager ? manageHeads.render(Map.of()) : Markup.EMPTY,
                "rows", rows, "create", manager ? createForm.render(Map.of("csrf", Html.csrfField(s))) : Markup.EMPTY));
        Responses.html(resp, error.isPresent() ? HttpServletResponse.SC_BAD_REQUEST : HttpServletResponse.SC_OK,
                Html.page("Watchlists", Optional.of(s), "Watchlists", s.takeFlash(), body));
    }

    private static String category(WatchlistCategory c) {
        return switch (c) {
            case SUSPECT -> "suspect";
            case MISSING_PERSON -> "missing person";
            case OTHER -> "other";
        };
    }

    private void create(Sessions.Session s, WatchlistAdministration w, HttpServletRequest req, HttpServletResponse resp)
            throws IOException {
        WatchlistCategory category;
        try {
            category = WatchlistCategory.valueOf(Optional.ofNullable(req.getParameter("category")).orElse(""));
        } catch (IllegalArgumentException e) {
            list(s, w, resp, Optional.of("Choose a category."));
            return;
        }
        String name = Optional.ofNullable(req.getParameter("name")).orElse("").strip();
        try {
            w.create(name, category, Optional.ofNullable(req.getParameter("legal-basis")).orElse(""),
                    Optional.ofNullable(req.getParameter("officer")).orElse(""), s.user);
        } catch (WatchlistOperationException e) {
            list(s, w, resp, Optional.of("The watchlist was not created: " + e.getMessage()));
            return;
        }
        s.flash("Watchlist " + name + " created.");
        Responses.redirect(resp, "/console/watchlists");
    }

    private void enrol(Sessions.Session s, WatchlistAdministration w, String list, HttpServletRequest req, HttpServletResponse resp)
            throws IOException {
        byte[] photo = null;
        try {
            Part part = req.getPart("photo");
            String subject = Requests.field(req, "subject").orElse("").strip();
            if (part == null || part.getSize() == 0 || subject.isEmpty()) {
                list(s, w, resp, Optional.of("Give the person's name and choose a photo."));
                return;
            }
            if (part.getSize() > WatchlistAdministration.MAX_PHOTO_BYTES) {
                list(s, w, resp, Optional.of("The photo is larger than " + (WatchlistAdministration.MAX_PHOTO_BYTES >> 20) + " MiB."));
                return;
            }
            try (InputStream in = part.getInputStream()) {
                photo = in.readAllBytes();
            }
            String file = Optional.ofNullable(part.getSubmittedFileName()).orElse("upload").replaceAll("[^\\w. -]", "_");
            String pseudonym = w.enrol(list, subject, photo, file, s.user);
            s.flash("Enrolled " + subject + " on " + list + " as " + pseudonym + ".");
            Responses.redirect(resp, "/console/watchlists");
        } catch (WatchlistOperationException e) {
            list(s, w, resp, Optional.of("Not enrolled: " + e.getMessage()));
        } catch (ServletException | IllegalStateException e) {
            // IllegalStateException: the upload is above the multipart limit
            list(s, w, resp, Optional.of("The upload was refused: " + e.getMessage()));
        } finally {
            if (photo != null) {
                Arrays.fill(photo, (byte) 0);
            }
        }
    }

    private void confirmDelete(Sessions.Session s, WatchlistAdministration w, String name, HttpServletResponse resp)
            throws IOException {
        Optional<WatchlistAdministration.Summary> found;
        try {
            found = w.watchlists().stream().filter(x -> x.name().equals(name)).findFirst();
        } catch (WatchlistOperationException e) {
            list(s, w, resp, Optional.of(e.getMessage()));
            return;
        }
        if (found.isEmpty()) {
            list(s, w, resp, Optional.of("No watchlist named " + name + "."));
            return;
        }
        Markup body = confirm.render(Map.of("name", name, "subjects", found.get().subjects(), "templates", found.get().templates(),
                "path", url(name), "csrf", Html.csrfField(s)));
        Responses.html(resp, HttpServletResponse.SC_OK, Html.page("Delete watchlist " + name + "?", Optional.of(s),
                "Watchlists", Optional.empty(), body));
    }

    void deploymentsPage(Sessions.Session s, HttpServletResponse resp) throws IOException {
        Markup body;
        Optional<DeploymentRegistry> d = deployments.get();
        if (d.isEmpty()) {
            body = Html.errorMessage("The deployments are not running (see the status page).");
        } else {
            List<Deployment> all = d.get().all();
            Markup rows = all.isEmpty() ? new Markup("<tr><td colspan=\"9\">No deployments.</td></tr>")
                    : deploymentRow.each(all, x -> Map.ofEntries(Map.entry("name", x.name()), Map.entry("state", x.state().name()),
                            Map.entry("cameras", String.join(", ", x.cameraIds())), Map.entry("watchlists", String.join(", ", x.watchlists())),
                            Map.entry("threshold", String.format(Locale.ROOT, "%.3f", x.threshold())),
                            Map.entry("location", String.valueOf(x.location())), Map.entry("purpose", String.valueOf(x.purpose())),
                            Map.entry("authorisation", String.valueOf(x.authorisation())),
                            Map.entry("legal-basis", String.valueOf(x.legalBasis())),
                            Map.entry("from", x.plannedStart() == null ? "" : Html.TIME.format(x.plannedStart())),
                            Map.entry("to", x.plannedEnd() == null ? "" : Html.TIME.format(x.plannedEnd()))));
            body = deploymentsTable.render(Map.of("rows", rows));
        }
        Responses.html(resp, HttpServletResponse.SC_OK, Html.page("Deployments", Optional.of(s), "Deployments",
                s.takeFlash(), body));
    }
}

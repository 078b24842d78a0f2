package io.vigil.console.internal;

import static io.vigil.console.internal.Html.esc;

import io.vigil.api.deployment.Deployment;
import io.vigil.api.deployment.DeploymentRegistry;
import io.vigil.api.watchlist.WatchlistAdministration;
import io.vigil.api.watchlist.WatchlistCategory;
import io.vigil.api.watchlist.WatchlistOperationException;
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
        StringBuilder b = new StringBuilder();
        error.ifPresent(e -> b.append(Html.error(e)));
        List<WatchlistAdministration.Summary> all;
        try {
            all = w.watchlists();
        } catch (WatchlistOperationException e) {
            all = List.of();
            b.append(Html.error("The watchlists cannot be read: " + e.getMessage()));
        }
        b.append("<table id=\"watchlists\"><caption>Watchlists</caption><thead><tr><th scope=\"col\">Name</th>"
                + "<th scope=\"col\">Category</th><th scope=\"col\">Legal basis</th><th scope=\"col\">Authorised by</th>"
                + "<th scope=\"col\">Threshold</th><th scope=\"col\">Subjects</th><th scope=\"col\">Templates</th>");
        boolean manager = s.role.managesWatchlists();
        if (manager) {
            b.append("<th scope=\"col\">Enrol a person</th><th scope=\"col\"><span class=\"visually-hidden\">Delete</span></th>");
        }
        b.append("</tr></thead><tbody>");
        if (all.isEmpty()) {
            b.append("<tr><td colspan=\"").append(manager ? 9 : 7).append("\">No watchlists.</td></tr>");
        }
        int row = 0;
        for (WatchlistAdministration.Summary x : all) {
            row++;
            b.append("<tr><th scope=\"row\">").append(esc(x.name())).append("</th><td>").append(esc(category(x.category())))
                    .append("</td><td>").append(esc(x.legalBasis())).append("</td><td>").append(esc(x.authorisingOfficer()))
                    .append("</td><td>").append(String.format(Locale.ROOT, "%.3f", x.threshold())).append("</td><td>")
                    .append(x.subjects()).append("</td><td>").append(x.templates()).append("</td>");
            if (manager) {
                String base = "/console/watchlists/" + esc(url(x.name()));
                b.append("<td><form method=\"post\" enctype=\"multipart/form-data\" action=\"").append(base)
                        .append("/enrol\" class=\"enrol\">").append(Html.csrf(s))
                        .append("<label for=\"subject-").append(row).append("\">Name</label><input id=\"subject-").append(row)
                        .append("\" name=\"subject\" required maxlength=\"200\" autocomplete=\"off\">")
                        .append("<label for=\"photo-").append(row).append("\">Photo (one face, JPEG or PNG, at most ")
                        .append(WatchlistAdministration.MAX_PHOTO_BYTES >> 20).append(" MiB)</label><input type=\"file\" id=\"photo-")
                        .append(row).append("\" name=\"photo\" accept=\"image/jpeg,image/png\" required>")
                        .append("<button type=\"submit\" id=\"enrol-").append(row).append("\">Enrol on ").append(esc(x.name()))
                        .append("</button></form></td><td><a class=\"danger\" id=\"delete-").append(row).append("\" href=\"")
                        .append(base).append("/delete\">Delete ").append(esc(x.name())).append("…</a></td>");
            }
            b.append("</tr>");
        }
        b.append("</tbody></table>");
        if (manager) {
            b.append("<h2>Create a watchlist</h2><form method=\"post\" action=\"/console/watchlists\" id=\"create-form\">")
                    .append(Html.csrf(s))
                    .append("<label for=\"name\">Name</label><input id=\"name\" name=\"name\" required maxlength=\"100\">")
                    .append("<label for=\"category\">Category</label><select id=\"category\" name=\"category\">")
                    .append("<option value=\"SUSPECT\">Suspect</option><option value=\"MISSING_PERSON\">Missing person</option>")
                    .append("<option value=\"OTHER\">Other</option></select>")
                    .append("<label for=\"legal-basis\">Legal basis</label><input id=\"legal-basis\" name=\"legal-basis\" required"
                            + " maxlength=\"500\">")
                    .append("<label for=\"officer\">Authorising officer</label><input id=\"officer\" name=\"officer\" required"
                            + " maxlength=\"200\">")
                    .append("<div><button type=\"submit\" id=\"create\">Create watchlist</button></div></form>");
        }
        Responses.html(resp, error.isPresent() ? HttpServletResponse.SC_BAD_REQUEST : HttpServletResponse.SC_OK,
                Html.page("Watchlists", Optional.of(s), "Watchlists", s.takeFlash(), b.toString()));
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
        String body = "<p id=\"confirm-text\">Delete watchlist <strong>" + esc(name) + "</strong> with its "
                + found.get().subjects() + " subjects and " + found.get().templates() + " templates? Its key is destroyed:"
                + " this cannot be undone.</p><form method=\"post\" action=\"/console/watchlists/" + esc(url(name)) + "/delete\">"
                + Html.csrf(s) + "<button type=\"submit\" class=\"danger\" id=\"confirm-delete\">Delete " + esc(name)
                + "</button> <a href=\"/console/watchlists\" id=\"cancel\">Cancel</a></form>";
        Responses.html(resp, HttpServletResponse.SC_OK, Html.page("Delete watchlist " + name + "?", Optional.of(s),
                "Watchlists", Optional.empty(), body));
    }

    void deploymentsPage(Sessions.Session s, HttpServletResponse resp) throws IOException {
        StringBuilder b = new StringBuilder();
        Optional<DeploymentRegistry> d = deployments.get();
        if (d.isEmpty()) {
            b.append(Html.error("The deployments are not running (see the status page)."));
        } else {
            b.append("<table id=\"deployments\"><caption>Deployments (started and stopped with vigil deployment)</caption><thead>"
                    + "<tr><th scope=\"col\">Name</th><th scope=\"col\">State</th><th scope=\"col\">Cameras</th>"
                    + "<th scope=\"col\">Watchlists</th><th scope=\"col\">Threshold</th><th scope=\"col\">Location</th>"
                    + "<th scope=\"col\">Purpose</th><th scope=\"col\">Authorisation</th><th scope=\"col\">Planned</th></tr></thead><tbody>");
            List<Deployment> all = d.get().all();
            if (all.isEmpty()) {
                b.append("<tr><td colspan=\"9\">No deployments.</td></tr>");
            }
            for (Deployment x : all) {
                b.append("<tr><th scope=\"row\">").append(esc(x.name())).append("</th><td class=\"").append(x.state().name())
                        .append("\">").append(x.state().name()).append("</td><td>").append(esc(String.join(", ", x.cameraIds())))
                        .append("</td><td>").append(esc(String.join(", ", x.watchlists()))).append("</td><td>")
                        .append(String.format(Locale.ROOT, "%.3f", x.threshold())).append("</td><td>").append(esc(x.location()))
                        .append("</td><td>").append(esc(x.purpose())).append("</td><td>").append(esc(x.authorisation()))
                        .append(" <small>(").append(esc(x.legalBasis())).append(")</small></td><td>")
                        .append(x.plannedStart() == null ? "" : Html.TIME.format(x.plannedStart())).append(" to ")
                        .append(x.plannedEnd() == null ? "" : Html.TIME.format(x.plannedEnd())).append("</td></tr>");
            }
            b.append("</tbody></table>");
        }
        Responses.html(resp, HttpServletResponse.SC_OK, Html.page("Deployments", Optional.of(s), "Deployments",
                s.takeFlash(), b.toString()));
    }
}

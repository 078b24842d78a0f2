package io.vigil.console.internal;

import static io.vigil.console.internal.Html.esc;

import io.vigil.api.audit.AuditTrail;
import io.vigil.api.compliance.AuditVerification;
import io.vigil.api.compliance.ComplianceException;
import io.vigil.api.compliance.ComplianceLedger;
import io.vigil.api.compliance.FilingDeadline;
import io.vigil.api.compliance.FilingField;
import io.vigil.api.compliance.FilingPack;
import io.vigil.api.compliance.LedgerStatus;
import io.vigil.api.compliance.ProfileStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The compliance page: the ledger's counts against each profile's threshold, its history, the
 * filing deadlines and the form's missing fields; the signed filing pack as a download; the audit
 * trail's verification. Compliance officers export; administrators and auditors read and verify.
 */
final class CompliancePages {

    /** The officer's filing form, when one is kept in the data folder (as given to vigil compliance report --form). */
    static final String FORM_FILE = "compliance/filing-form.properties";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Supplier<Optional<ComplianceLedger>> ledger;
    private final AuditTrail audit;
    private final Path data;

    CompliancePages(Supplier<Optional<ComplianceLedger>> ledger, AuditTrail audit, Path data) {
        this.ledger = ledger;
        this.audit = audit;
        this.data = data;
    }

    private Optional<Path> form() {
        Path f = data.resolve(FORM_FILE);
        return Files.isRegularFile(f) ? Optional.of(f) : Optional.empty();
    }

    void handle(Sessions.Session s, String path, HttpServletRequest req, HttpServletResponse resp)
            throws IOException, ConsoleException {
        Optional<ComplianceLedger> l = ledger.get();
        if (l.isEmpty()) {
            Responses.html(resp, HttpServletResponse.SC_SERVICE_UNAVAILABLE, Html.page("Compliance", Optional.of(s),
                    "Compliance", Optional.empty(), Html.error("The compliance ledger is not running (see the status page).")));
            return;
        }
        boolean post = "POST".equals(req.getMethod());
        switch (path) {
            case "/compliance" -> page(s, l.get(), resp, Optional.empty());
            case "/compliance/export" -> {
                if (!post) {
                    resp.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
                } else if (!Responses.forbidden(s, s.role.exportsFilings(), resp)) {
                    export(s, l.get(), req, resp);
                }
            }
            case "/compliance/verify" -> {
                if (!post) {
                    resp.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
                } else {
                    verify(s, l.get(), resp);
                }
            }
            default -> resp.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }

    private void page(Sessions.Session s, ComplianceLedger l, HttpServletResponse resp, Optional<AuditVerification> verified)
            throws IOException {
        StringBuilder b = new StringBuilder();
        LedgerStatus st;
        try {
            st = l.status(form());
        } catch (ComplianceException e) {
            Responses.html(resp, HttpServletResponse.SC_SERVICE_UNAVAILABLE, Html.page("Compliance", Optional.of(s),
                    "Compliance", Optional.empty(), Html.error(e.getMessage())));
            return;
        }
        st.problem().ifPresent(p -> b.append(Html.error("The ledger reports a problem: " + p)));
        b.append("<p id=\"held\">Facial data held: <strong>").append(st.individuals()).append(st.individuals() == 1 ? " individual" : " individuals").append("</strong> (")
                .append(st.unknownIndividuals()).append(" unknown, from dismissed alerts), ").append(st.templates())
                .append(" templates, ").append(st.images()).append(" images; counted ").append(Html.TIME.format(st.takenAt()))
                .append(".</p>");
        b.append("<table id=\"profiles\"><caption>Against each jurisdiction's threshold</caption><thead><tr>"
                + "<th scope=\"col\">Profile</th><th scope=\"col\">Count</th><th scope=\"col\">Threshold crossed</th>"
                + "<th scope=\"col\">Warnings</th><th scope=\"col\">Obligations</th></tr></thead><tbody>");
        ProfileStatus counted = null;
        for (ProfileStatus p : st.profiles()) {
            b.append("<tr><th scope=\"row\">").append(esc(p.code())).append(" <small>").append(esc(p.name())).append("</small></th><td>");
            if (p.threshold() > 0) {
                if (counted == null) {
                    counted = p;
                }
                double percent = 100.0 * p.individuals() / p.threshold();
                b.append("<span class=\"count\">").append(p.individuals()).append(" of ").append(p.threshold()).append("</span> (")
                        .append(String.format(Locale.ROOT, "%.1f%%", percent)).append(")<br><meter min=\"0\" max=\"")
                        .append(p.threshold()).append("\" value=\"").append(Math.min(p.individuals(), p.threshold())).append('"');
                if (!p.warningPercents().isEmpty()) {
                    b.append(" high=\"").append(p.threshold() * p.warningPercents().get(0) / 100).append('"');
                }
                b.append(" aria-label=\"").append(esc(p.code())).append(" count against threshold\"></meter>");
            } else {
                b.append("no count threshold");
            }
            b.append("</td><td>").append(p.crossedOn().map(LocalDate::toString).orElse(p.threshold() > 0 ? "not crossed" : "—"))
                    .append("</td><td>");
            if (p.warnings().isEmpty()) {
                b.append("none");
            }
            for (String w : p.warnings()) {
                b.append("<p class=\"warning\">").append(esc(w)).append("</p>");
            }
            b.append("</td><td><ul>");
            for (String o : p.obligations()) {
                b.append("<li>").append(esc(o)).append("</li>");
            }
            b.append("</ul></td></tr>");
        }
        b.append("</tbody></table>");

        b.append("<h2 id=\"history-heading\">History</h2>");
        b.append(HistoryChart.svg(st.history(), counted == null ? 0 : counted.threshold()));
        b.append("<details><summary>History as a table</summary><table id=\"history\"><thead><tr><th scope=\"col\">Day</th>"
                + "<th scope=\"col\">Individuals</th><th scope=\"col\">Peak</th><th scope=\"col\">Templates</th>"
                + "<th scope=\"col\">Images</th></tr></thead><tbody>");
        for (int i = st.history().size() - 1; i >= 0; i--) {
            var d = st.history().get(i);
            b.append("<tr><td>").append(d.day()).append("</td><td>").append(d.individuals()).append("</td><td>")
                    .append(d.peakIndividuals()).append("</td><td>").append(d.templates()).append("</td><td>").append(d.images())
                    .append("</td></tr>");
        }
        b.append("</tbody></table></details>");

        b.append("<h2>Filing deadlines</h2><table id=\"deadlines\"><thead><tr><th scope=\"col\">Profile</th>"
                + "<th scope=\"col\">Filing</th><th scope=\"col\">Due</th><th scope=\"col\">State</th><th scope=\"col\">Why</th>"
                + "</tr></thead><tbody>");
        boolean any = false;
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (ProfileStatus p : st.profiles()) {
            for (FilingDeadline d : p.deadlines()) {
                any = true;
                String state = d.filedOn().map(f -> "filed " + f + (d.reference().isBlank() ? "" : " (" + d.reference() + ")"))
                        .orElse(d.deadline().isBefore(today) ? "OVERDUE" : "open");
                b.append("<tr><td>").append(esc(p.code())).append("</td><td>").append(esc(d.kind().toLowerCase(Locale.ROOT)))
                        .append("</td><td>").append(d.deadline()).append("</td><td class=\"")
                        .append(d.filedOn().isPresent() ? "OK" : d.deadline().isBefore(today) ? "FAILED" : "DEGRADED").append("\">")
                        .append(esc(state)).append("</td><td>").append(esc(d.reason())).append("</td></tr>");
            }
        }
        if (!any) {
            b.append("<tr><td colspan=\"5\">No filing is due.</td></tr>");
        }
        b.append("</tbody></table>");

        b.append("<h2>Filing form</h2>");
        if (st.missingFields().isEmpty()) {
            b.append("<p id=\"missing\">Every required field of the filing form is filled in.</p>");
        } else {
            b.append("<p>").append(st.missingFields().size()).append(" required fields are missing from ")
                    .append(form().isPresent() ? "the filing form" : "the filing form (none kept yet: fill in the template of "
                            + "<code>vigil compliance form</code> and save it as <code>" + esc(FORM_FILE) + "</code> in the data folder)")
                    .append("; the pack lists them too:</p><ul id=\"missing\">");
            for (FilingField f : st.missingFields()) {
                b.append("<li lang=\"en\">").append(esc(f.english())).append(" / <span lang=\"zh\">").append(esc(f.chinese()))
                        .append("</span> <code>").append(esc(f.key())).append("</code></li>");
            }
            b.append("</ul>");
        }

        b.append("<div class=\"actions\">");
        if (s.role.exportsFilings()) {
            b.append("<form method=\"post\" action=\"/console/compliance/export\">").append(Html.csrf(s))
                    .append("<label for=\"profile\">Profile</label><select id=\"profile\" name=\"profile\">");
            for (ProfileStatus p : st.profiles()) {
                b.append("<option value=\"").append(esc(p.code())).append("\">").append(esc(p.code())).append("</option>");
            }
            b.append("</select><div><button type=\"submit\" id=\"export\">Export the signed filing pack (zip)</button></div></form>");
        }
        b.append("<form method=\"post\" action=\"/console/compliance/verify\">").append(Html.csrf(s))
                .append("<p>Re-compute the audit trail's hash chain and check every signed checkpoint.</p>")
                .append("<button type=\"submit\" id=\"verify\">Verify the audit trail</button></form></div>");
        verified.ifPresent(v -> {
            b.append("<section id=\"verification\" aria-live=\"polite\"><h2>Audit trail verification</h2><p id=\"verify-result\" class=\"")
                    .append(v.intact() ? "OK" : "FAILED").append("\">").append(v.intact() ? "INTACT" : "NOT INTACT").append(": entries ")
                    .append(v.firstSequence()).append(" to ").append(v.lastSequence()).append(", ").append(v.checkpoints())
                    .append(" signed checkpoints.</p><ul>");
            v.findings().forEach(f -> b.append("<li class=\"FAILED\">").append(esc(f)).append("</li>"));
            v.notes().forEach(n -> b.append("<li>").append(esc(n)).append("</li>"));
            b.append("</ul></section>");
        });
        Responses.html(resp, HttpServletResponse.SC_OK, Html.page("Compliance", Optional.of(s), "Compliance", s.takeFlash(),
                b.toString()));
    }

    private void verify(Sessions.Session s, ComplianceLedger l, HttpServletResponse resp) throws IOException, ConsoleException {
        AuditVerification v;
        try {
            v = l.verifyAuditTrail();
        } catch (ComplianceException e) {
            s.flash("The audit trail could not be verified: " + e.getMessage());
            Responses.redirect(resp, "/console/compliance");
            return;
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("result", v.intact() ? "intact" : "not-intact");
        details.put("entries", v.firstSequence() + "-" + v.lastSequence());
        details.put("findings", Integer.toString(v.findings().size()));
        AuditRecords.record(audit, "console.audit.verified", s.user, details);
        page(s, l, resp, Optional.of(v));
    }

    /** Writes the pack into a private folder, sends its zip as a download, then removes both: the console keeps no copy. */
    private void export(Sessions.Session s, ComplianceLedger l, HttpServletRequest req, HttpServletResponse resp)
            throws IOException, ConsoleException {
        Optional<String> profile = Optional.ofNullable(req.getParameter("profile")).filter(p -> p.matches("[A-Za-z]{2}"));
        Path work = data.resolve("console").resolve("filings");
        Files.createDirectories(work);
        Path folder = work.resolve("vigil-filing-" + profile.orElse("default").toUpperCase(Locale.ROOT) + "-"
                + STAMP.format(Instant.now()) + "-" + Sessions.Csrf.token().substring(0, 6));
        try {
            FilingPack pack;
            try {
                pack = l.writeFilingPack(profile, form(), folder);
            } catch (ComplianceException e) {
                s.flash("The filing pack was not made: " + e.getMessage());
                Responses.redirect(resp, "/console/compliance");
                return;
            }
            Map<String, String> details = new LinkedHashMap<>();
            details.put("profile", pack.profile());
            details.put("archive", pack.archive().getFileName().toString());
            details.put("missing.fields", Integer.toString(pack.missing().size()));
            // recorded before the pack leaves: no record, no download
            AuditRecords.record(audit, "console.filing.exported", s.user, details);
            resp.setStatus(HttpServletResponse.SC_OK);
            resp.setContentType("application/zip");
            resp.setHeader("Content-Disposition", "attachment; filename=\"" + pack.archive().getFileName() + "\"");
            resp.setContentLengthLong(Files.size(pack.archive()));
            try (OutputStream out = resp.getOutputStream()) {
                Files.copy(pack.archive(), out);
            }
        } finally {
            delete(folder);
            Files.deleteIfExists(folder.resolveSibling(folder.getFileName() + ".zip"));
        }
    }

    private static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

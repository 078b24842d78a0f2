package io.vigil.console.internal;

import io.vigil.api.audit.AuditTrail;
import io.vigil.api.compliance.AuditVerification;
import io.vigil.api.compliance.ComplianceException;
import io.vigil.api.compliance.ComplianceLedger;
import io.vigil.api.compliance.FilingDeadline;
import io.vigil.api.compliance.HistoryDay;
import io.vigil.api.compliance.FilingPack;
import io.vigil.api.compliance.LedgerStatus;
import io.vigil.api.compliance.ProfileStatus;
import io.vigil.console.internal.Template.Markup;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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
    private final Template page = Template.load("compliance");
    private final Template profile = Template.load("compliance-profile");
    private final Template count = Template.load("compliance-count");
    private final Template warning = Template.load("compliance-warning");
    private final Template item = Template.load("list-item");
    private final Template failed = Template.load("failed-item");
    private final Template day = Template.load("compliance-day");
    private final Template deadline = Template.load("compliance-deadline");
    private final Template formComplete = Template.load("compliance-form-complete");
    private final Template formMissing = Template.load("compliance-form-missing");
    private final Template formNone = Template.load("compliance-form-none");
    private final Template field = Template.load("compliance-field");
    private final Template export = Template.load("compliance-export");
    private final Template option = Template.load("option");
    private final Template verification = Template.load("compliance-verification");

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
        LedgerStatus st;
        try {
            st = l.status(form());
        } catch (ComplianceException e) {
            Responses.html(resp, HttpServletResponse.SC_SERVICE_UNAVAILABLE, Html.page("Compliance", Optional.of(s),
                    "Compliance", Optional.empty(), Html.error(e.getMessage())));
            return;
        }
        // the history chart's line: the first profile that counts against a threshold
        ProfileStatus counted = st.profiles().stream().filter(p -> p.threshold() > 0).findFirst().orElse(null);
        List<HistoryDay> newestFirst = new ArrayList<>(st.history());
        Collections.reverse(newestFirst);
        Map<String, Object> v = new HashMap<>();
        v.put("problem", st.problem().map(p -> Html.errorMessage("The ledger reports a problem: " + p)).orElse(Markup.EMPTY));
        v.put("individuals", st.individuals() + (st.individuals() == 1 ? " individual" : " individuals"));
        v.put("unknown", st.unknownIndividuals());
        v.put("templates", st.templates());
        v.put("images", st.images());
        v.put("counted", Html.TIME.format(st.takenAt()));
        v.put("profiles", profile.each(st.profiles(), this::profileRow));
        // HistoryChart escapes what it writes into its SVG
        v.put("chart", new Markup(HistoryChart.svg(st.history(), counted == null ? 0 : counted.threshold())));
        v.put("history", day.each(newestFirst, d -> Map.of("day", d.day(), "individuals", d.individuals(),
                "peak", d.peakIndividuals(), "templates", d.templates(), "images", d.images())));
        v.put("deadlines", deadlines(st));
        v.put("form", formFields(st));
        v.put("export", s.role.exportsFilings() ? export.render(Map.of("csrf", Html.csrfField(s), "options",
                option.each(st.profiles(), p -> Map.of("value", p.code(), "label", p.code())))) : Markup.EMPTY);
        v.put("csrf", Html.csrfField(s));
        v.put("verification", verified.map(x -> verification.render(Map.of("health", x.intact() ? "OK" : "FAILED",
                "result", x.intact() ? "INTACT" : "NOT INTACT", "first", x.firstSequence(), "last", x.lastSequence(),
                "checkpoints", x.checkpoints(), "findings", failed.each(x.findings(), f -> Map.of("text", f)),
                "notes", item.each(x.notes(), n -> Map.of("text", n))))).orElse(Markup.EMPTY));
        Responses.html(resp, HttpServletResponse.SC_OK, Html.page("Compliance", Optional.of(s), "Compliance", s.takeFlash(),
                page.render(v)));
    }

    private Map<String, ?> profileRow(ProfileStatus p) {
        Markup count = p.threshold() <= 0 ? new Markup("no count threshold") : this.count.render(Map.of(
                "individuals", p.individuals(), "threshold", p.threshold(),
                "percent", String.format(Locale.ROOT, "%.1f%%", 100.0 * p.individuals() / p.threshold()),
                "value", Math.min(p.individuals(), p.threshold()),
                "high", p.warningPercents().isEmpty() ? Markup.EMPTY
                        : new Markup(" high=\"" + p.threshold() * p.warningPercents().get(0) / 100 + "\""),
                "code", p.code()));
        return Map.of("code", p.code(), "name", p.name(), "count", count,
                "crossed", p.crossedOn().map(LocalDate::toString).orElse(p.threshold() > 0 ? "not crossed" : "—"),
                "warnings", p.warnings().isEmpty() ? new Markup("none") : warning.each(p.warnings(), w -> Map.of("text", w)),
                "obligations", item.each(p.obligations(), o -> Map.of("text", o)));
    }

    private Markup deadlines(LedgerStatus st) {
        StringBuilder rows = new StringBuilder();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (ProfileStatus p : st.profiles()) {
            for (FilingDeadline d : p.deadlines()) {
                String state = d.filedOn().map(f -> "filed " + f + (d.reference().isBlank() ? "" : " (" + d.reference() + ")"))
                        .orElse(d.deadline().isBefore(today) ? "OVERDUE" : "open");
                rows.append(deadline.render(Map.of("code", p.code(), "kind", d.kind().toLowerCase(Locale.ROOT), "due", d.deadline(),
                        "health", d.filedOn().isPresent() ? "OK" : d.deadline().isBefore(today) ? "FAILED" : "DEGRADED",
                        "state", state, "reason", d.reason())).html());
            }
        }
        return rows.isEmpty() ? new Markup("<tr><td colspan=\"5\">No filing is due.</td></tr>") : new Markup(rows.toString());
    }

    private Markup formFields(LedgerStatus st) {
        if (st.missingFields().isEmpty()) {
            return formComplete.render(Map.of());
        }
        return formMissing.render(Map.of("count", st.missingFields().size(),
                "where", form().isPresent() ? new Markup("the filing form") : formNone.render(Map.of("file", FORM_FILE)),
                "fields", field.each(st.missingFields(), f -> Map.of("english", f.english(), "chinese", f.chinese(), "key", f.key()))));
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

package io.vigil.watchlist.internal;

import io.vigil.api.admin.AdminCaller;
import io.vigil.api.admin.AdminCommand;
import io.vigil.api.watchlist.WatchlistCategory;
import io.vigil.support.json.Json;
import io.vigil.support.args.CommandLine;
import io.vigil.support.args.CommandLineSpec;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code vigil watchlist ...}: create, enrol, import, list, remove, delete, rotate-key. Works on
 * the data folder whether or not the service runs (a one-shot container serves it otherwise).
 */
@Component(property = {
        AdminCommand.NAME + "=watchlist",
        AdminCommand.SUMMARY + "=watchlists: create | enrol | import | list | remove | delete | rotate-key"})
public class WatchlistCommand implements AdminCommand {

    static final String USAGE_TEXT = String.join("\n",
            "usage: vigil watchlist create NAME [--category suspect|missing-person|other] [--threshold T]",
            "                              [--legal-basis TEXT] [--officer NAME] [--valid-from DATE] [--valid-to DATE]",
            "                              [--priority N]",
            "       vigil watchlist enrol NAME SUBJECT IMAGE... [--reference REF] [--notes TEXT] [--expires DATE] [--json]",
            "       vigil watchlist import NAME CSV|FOLDER",
            "       vigil watchlist list [NAME]",
            "       vigil watchlist remove NAME SUBJECT",
            "       vigil watchlist delete NAME",
            "       vigil watchlist rotate-key NAME");

    private final WatchlistService service;

    @Activate
    public WatchlistCommand(@Reference WatchlistService service) {
        this.service = service;
    }

    @Override
    public int execute(List<String> args, InputStream stdin, PrintStream out, PrintStream err) {
        return execute(new AdminCaller(WatchlistService.ADMINISTRATOR), args, stdin, out, err);
    }

    /** Every change is recorded under the caller's operating-system account, as the admin channel reports it. */
    @Override
    public int execute(AdminCaller caller, List<String> args, InputStream stdin, PrintStream out, PrintStream err) {
        String actor = caller.user();
        try {
            return CommandLineSpec.dispatch(args, USAGE_TEXT, err, (subcommand, rest) -> switch (subcommand) {
                case "create" -> create(rest, actor, out);
                case "enrol", "enroll" -> enrol(rest, actor, out);
                case "import" -> importFrom(rest, actor, out);
                case "list" -> list(rest, out);
                case "remove" -> remove(rest, actor, out, err);
                case "delete" -> delete(rest, actor, out);
                case "rotate-key" -> rotate(rest, actor, out);
                default -> usage(err);
            });
        } catch (WatchlistException e) {
            err.println("vigil watchlist: " + e.getMessage());
            return PROBLEM;
        }
    }

    private static int usage(PrintStream err) {
        err.println(USAGE_TEXT);
        return USAGE;
    }

    private static final String DATE = "a date (YYYY-MM-DD)";
    private static final CommandLineSpec CREATE = CommandLineSpec.of("vigil watchlist create", USAGE_TEXT)
            .positional("NAME").option("--category").option("--threshold").option("--legal-basis").option("--officer")
            .option("--valid-from").option("--valid-to").option("--priority");
    private static final CommandLineSpec ENROL = CommandLineSpec.of("vigil watchlist enrol", USAGE_TEXT)
            .positional("NAME").positional("SUBJECT").rest("IMAGE", 1)
            .option("--reference").option("--notes").option("--expires").flag("--json");
    private static final CommandLineSpec IMPORT = CommandLineSpec.of("vigil watchlist import", USAGE_TEXT)
            .positional("NAME").positional("CSV|FOLDER");
    private static final CommandLineSpec LIST = CommandLineSpec.of("vigil watchlist list", USAGE_TEXT)
            .optionalPositional("NAME");
    private static final CommandLineSpec REMOVE = CommandLineSpec.of("vigil watchlist remove", USAGE_TEXT)
            .positional("NAME").positional("SUBJECT");
    private static final CommandLineSpec DELETE = CommandLineSpec.of("vigil watchlist delete", USAGE_TEXT).positional("NAME");
    private static final CommandLineSpec ROTATE = CommandLineSpec.of("vigil watchlist rotate-key", USAGE_TEXT)
            .positional("NAME");

    private int create(List<String> args, String actor, PrintStream out) throws WatchlistException {
        CommandLine line = CREATE.parse(args);
        String name = line.positionals().get(0);
        WatchlistCategory category = line.value("--category", WatchlistCommand::category,
                "suspect, missing-person or other").orElse(WatchlistCategory.SUSPECT);
        float threshold = line.floatValue("--threshold", service.defaultThreshold());
        String legalBasis = line.value("--legal-basis", "");
        String officer = line.value("--officer", "");
        Optional<LocalDate> from = line.value("--valid-from", LocalDate::parse, DATE);
        Optional<LocalDate> to = line.value("--valid-to", LocalDate::parse, DATE);
        int priority = line.intValue("--priority", 1);
        if (!(threshold > -1 && threshold <= 1)) {
            throw line.error("--threshold is a cosine similarity: above -1, at most 1");
        }
        if (from.isPresent() && to.isPresent() && to.get().isBefore(from.get())) {
            throw line.error("--valid-to is before --valid-from");
        }
        Watchlist w = service.create(new NewWatchlist(name, category, legalBasis, officer, from, to, priority, threshold), actor);
        out.printf(Locale.ROOT, "Created watchlist %s (%s, threshold %.2f); its data key is in the secret store as %s%n",
                w.name(), category.name().toLowerCase(Locale.ROOT).replace('_', '-'), w.threshold(), w.keyAlias());
        return OK;
    }

    static WatchlistCategory category(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "suspect" -> WatchlistCategory.SUSPECT;
            case "missing-person", "missing", "missing_person" -> WatchlistCategory.MISSING_PERSON;
            case "other" -> WatchlistCategory.OTHER;
            default -> throw new IllegalArgumentException("--category is suspect, missing-person or other, not " + value);
        };
    }

    private int enrol(List<String> args, String actor, PrintStream out) throws WatchlistException {
        CommandLine line = ENROL.parse(args);
        List<String> positional = line.positionals();
        // an expiry date is the last day the subject is on the list: it leaves at the end of that day (UTC)
        Optional<java.time.Instant> expires = line.value("--expires", LocalDate::parse, DATE)
                .map(d -> d.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
        List<Path> photos = line.rest().stream().map(Path::of).toList();
        SubjectEnrolments.Enrolled enrolled = service.enrol(positional.get(0), positional.get(1), line.value("--reference", ""),
                line.value("--notes", ""), expires, photos, actor);
        Subject s = enrolled.subject();
        if (line.has("--json")) {
            out.println(enrolledJson(positional.get(0), enrolled));
            return OK;
        }
        out.printf("Enrolled %s on %s as %s: %d template%s%n", s.displayName(), positional.get(0), s.pseudonym(),
                s.templates(), s.templates() == 1 ? "" : "s");
        for (PhotoEnrolment.IgnoredFace f : enrolled.ignored()) {
            out.println("  " + f.describe());
        }
        return OK;
    }

    /**
     * {"watchlist": .., "subject": .., "pseudonym": .., "templates": n, "ignored": [{"photo": .., "box": [x1, y1, x2, y2],
     * "reason": ..}]}
     */
    static String enrolledJson(String watchlist, SubjectEnrolments.Enrolled enrolled) {
        Subject s = enrolled.subject();
        return Json.pretty(Json.object("watchlist", watchlist, "subject", s.displayName(), "pseudonym", s.pseudonym(),
                "templates", s.templates(), "ignored", enrolled.ignored().stream().map(f -> Json.object("photo", f.photo(),
                        "box", IdentifyCommand.box(f.box()), "reason", f.reason().replace(' ', '_'))).toList()));
    }

    private int importFrom(List<String> args, String actor, PrintStream out) throws WatchlistException {
        args = IMPORT.parse(args).positionals();
        BulkImport.Report report = service.importFrom(args.get(0), Path.of(args.get(1)), actor);
        for (String line : report.lines()) {
            out.println(line);
        }
        out.printf("Imported %d subject%s, %d row%s refused%n", report.imported(), report.imported() == 1 ? "" : "s",
                report.refused(), report.refused() == 1 ? "" : "s");
        return report.refused() == 0 ? OK : PROBLEM;
    }

    private int list(List<String> args, PrintStream out) throws WatchlistException {
        args = LIST.parse(args).positionals();
        if (args.isEmpty()) {
            List<WatchlistService.Summary> all = service.summaries();
            if (all.isEmpty()) {
                out.println("No watchlists.");
            }
            for (WatchlistService.Summary s : all) {
                Watchlist w = s.watchlist();
                out.printf(Locale.ROOT, "  %-20s %-14s threshold %.2f  priority %d  %d subjects, %d templates  %s%s%n",
                        w.name(), w.category().name().toLowerCase(Locale.ROOT).replace('_', '-'), w.threshold(),
                        w.priority(), s.subjects(), s.templates(),
                        w.validTo().map(d -> "valid to " + d).orElse("no end date"),
                        s.needingReEnrolment() > 0 ? "; " + s.needingReEnrolment() + " need re-enrolment (model changed)" : "");
            }
            return OK;
        }
        for (Subject s : service.subjects(args.get(0))) {
            out.printf("  %-12s %-30s %d template%s%s%n", s.pseudonym(), s.displayName(), s.templates(),
                    s.templates() == 1 ? "" : "s", s.needsReEnrolment() ? "  needs re-enrolment (model changed)" : "");
        }
        return OK;
    }

    private int remove(List<String> args, String actor, PrintStream out, PrintStream err) throws WatchlistException {
        args = REMOVE.parse(args).positionals();
        if (!service.removeSubject(args.get(0), args.get(1), actor)) {
            err.println("vigil watchlist: no subject '" + args.get(1) + "' on " + args.get(0));
            return PROBLEM;
        }
        out.println("Removed " + args.get(1) + " from " + args.get(0) + " with their templates and photos");
        return OK;
    }

    private int delete(List<String> args, String actor, PrintStream out) throws WatchlistException {
        args = DELETE.parse(args).positionals();
        service.delete(args.get(0), actor);
        out.println("Deleted watchlist " + args.get(0) + ": rows erased, log emptied, data key destroyed");
        return OK;
    }

    private int rotate(List<String> args, String actor, PrintStream out) throws WatchlistException {
        args = ROTATE.parse(args).positionals();
        Watchlist w = service.rotateKey(args.get(0), actor);
        out.println("Re-encrypted " + w.name() + " under a new data key (" + w.keyAlias() + "); the old key is destroyed");
        return OK;
    }
}

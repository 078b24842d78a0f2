package io.vigil.compliance.internal.ledger;

import io.vigil.api.admin.AdminCaller;
import io.vigil.api.admin.AdminCommand;
import io.vigil.support.args.CommandLine;
import io.vigil.support.args.CommandLineSpec;
import io.vigil.compliance.internal.filing.FilingForm;
import io.vigil.compliance.internal.filing.FilingPack;
import io.vigil.compliance.internal.filing.PackVerifier;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code vigil compliance status | deadline | report | verify | filed | stopped | form}. */
@Component(property = {
        AdminCommand.NAME + "=compliance",
        AdminCommand.SUMMARY + "=facial-data ledger and regulator filings: status | deadline | report | verify | filed | stopped | form"})
public class ComplianceCommand implements AdminCommand {

    static final String USAGE_TEXT = String.join("\n",
            "usage: vigil compliance status [--profile CN] [--json]",
            "       vigil compliance deadline [--profile CN] --crossed YYYY-MM-DD   (prints the filing deadline)",
            "       vigil compliance report [--profile CN] [--form FILE] --to FOLDER  (signed pack: FOLDER and FOLDER.zip)",
            "       vigil compliance verify PACK                                    (a pack folder or its .zip)",
            "       vigil compliance filed initial|change|cancellation --date YYYY-MM-DD [--reference REF] [--profile CN]",
            "       vigil compliance stopped --reason TEXT [--date YYYY-MM-DD] [--profile CN]",
            "                                 (the use of facial recognition stopped: opens the cancellation filing)",
            "       vigil compliance form                                           (prints a form template to fill in)");

    private final LedgerService ledger;

    @Activate
    public ComplianceCommand(@Reference LedgerService ledger) {
        this.ledger = ledger;
    }

    @Override
    public int execute(List<String> args, InputStream stdin, PrintStream out, PrintStream err) {
        err.println("vigil compliance needs to know who runs it: run it through bin/vigil (the admin channel)");
        return PROBLEM;
    }

    /** What is recorded is recorded under the caller's account, the one that runs bin/vigil. */
    @Override
    public int execute(AdminCaller caller, List<String> args, InputStream stdin, PrintStream out, PrintStream err) {
        String actor = caller.user();
        try {
            return CommandLineSpec.dispatch(args, USAGE_TEXT, err, (subcommand, rest) -> switch (subcommand) {
                case "status" -> status(STATUS.parse(rest), out);
                case "deadline" -> deadline(DEADLINE.parse(rest), out, err);
                case "report" -> report(REPORT.parse(rest), out, err);
                case "verify" -> verify(VERIFY.parse(rest), out);
                case "filed" -> filed(FILED.parse(rest), out, err);
                case "stopped" -> stopped(STOPPED.parse(rest), actor, out);
                case "form" -> {
                    FORM.parse(rest);
                    out.print(FilingForm.template());
                    yield OK;
                }
                default -> {
                    err.println(USAGE_TEXT);
                    yield USAGE;
                }
            });
        } catch (IllegalArgumentException | DateTimeException e) {
            err.println("vigil compliance: " + e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        } catch (Exception e) {
            err.println("vigil compliance: " + e.getMessage());
            return PROBLEM;
        }
    }

    private static final String DATE = "a date (YYYY-MM-DD)";
    private static final CommandLineSpec STATUS = CommandLineSpec.of("vigil compliance status", USAGE_TEXT)
            .option("--profile").flag("--json");
    private static final CommandLineSpec DEADLINE = CommandLineSpec.of("vigil compliance deadline", USAGE_TEXT)
            .option("--profile").required("--crossed");
    private static final CommandLineSpec REPORT = CommandLineSpec.of("vigil compliance report", USAGE_TEXT)
            .option("--profile").option("--form").required("--to");
    private static final CommandLineSpec VERIFY = CommandLineSpec.of("vigil compliance verify", USAGE_TEXT).positional("PACK");
    private static final CommandLineSpec FILED = CommandLineSpec.of("vigil compliance filed", USAGE_TEXT)
            .positional("initial|change|cancellation").required("--date").option("--reference").option("--profile");
    private static final CommandLineSpec STOPPED = CommandLineSpec.of("vigil compliance stopped", USAGE_TEXT)
            .option("--reason").option("--date").option("--profile");
    private static final CommandLineSpec FORM = CommandLineSpec.of("vigil compliance form", USAGE_TEXT);

    private int status(CommandLine line, PrintStream out) throws Exception {
        List<Ledger.Assessment> all = ledger.recompute();
        LedgerCounts c = ledger.counts().orElseThrow();
        Optional<String> only = line.value("--profile");
        if (line.has("--json")) {
            List<Ledger.Assessment> shown = all.stream()
                    .filter(a -> only.isEmpty() || only.get().equalsIgnoreCase(a.profile().code())).toList();
            out.print(ComplianceStatusJson.write(c, shown, ledger.problem()));
            return shown.stream().anyMatch(a -> !a.warnings().isEmpty()) || ledger.problem().isPresent() ? PROBLEM : OK;
        }
        out.println("Facial data held: " + c.individuals() + " individuals (" + c.unknownIndividuals()
                + " unknown, from dismissed alerts), " + c.templates() + " templates, " + c.images() + " images");
        c.byWatchlist().forEach((k, v) -> out.println("  watchlist " + k + ": " + v.individuals() + " individuals, "
                + v.templates() + " templates, " + v.images() + " images"));
        boolean warned = false;
        for (Ledger.Assessment a : all) {
            if (only.isPresent() && !only.get().equalsIgnoreCase(a.profile().code())) {
                continue;
            }
            JurisdictionProfile p = a.profile();
            if (p.countTriggered()) {
                out.printf("%s: %d of %d individuals (%.1f%%)%s%n", p.code(), a.individuals(), p.threshold(),
                        100.0 * a.individuals() / p.threshold(), a.crossedOn().map(d -> "; threshold crossed on " + d).orElse(""));
                for (Obligation o : a.obligations()) {
                    out.println("  " + o.kind().toLowerCase() + " filing: due " + o.deadline() + ", "
                            + o.filedOn().map(f -> "filed " + f + " " + o.reference()).orElse("OPEN") + " - " + o.reason());
                }
            } else {
                out.println(p.code() + ": " + String.join("; ", p.obligations()));
            }
            for (String w : a.warnings()) {
                out.println("  WARNING " + w);
                warned = true;
            }
        }
        ledger.problem().ifPresent(pr -> out.println("PROBLEM " + pr));
        return warned || ledger.problem().isPresent() ? PROBLEM : OK;
    }

    private int deadline(CommandLine line, PrintStream out, PrintStream err) throws Exception {
        LocalDate crossed = line.value("--crossed", LocalDate::parse, DATE).orElseThrow();
        JurisdictionProfile p = ledger.profile(line.value("--profile").orElse(null));
        if (p.deadlineDays() < 1) {
            err.println("vigil compliance: profile " + p.code() + " has no working-day filing deadline");
            return PROBLEM;
        }
        out.println(ledger.calendar().deadline(crossed, p.deadlineDays()));
        return OK;
    }

    private int report(CommandLine line, PrintStream out, PrintStream err) throws Exception {
        JurisdictionProfile p = ledger.profile(line.value("--profile").orElse(null));
        FilingForm[] form = new FilingForm[1];
        FilingPack.Written w = ledger.report(p, line.value("--form").map(Path::of), Path.of(line.value("--to").orElseThrow()),
                form);
        out.println("Filing pack (" + p.code() + ") written to " + w.folder() + " and " + w.archive());
        w.files().forEach(f -> out.println("  " + f));
        List<FilingForm.Field> missing = form[0].missing();
        if (!missing.isEmpty()) {
            err.println("INCOMPLETE: " + missing.size() + " required fields are missing (listed in the pack too):");
            missing.forEach(f -> err.println("  " + f.key() + "  (" + f.english() + " / " + f.chinese() + ")"));
            return PROBLEM;
        }
        return OK;
    }

    private int verify(CommandLine line, PrintStream out) throws Exception {
        PackVerifier.Result r = PackVerifier.verify(Path.of(line.positionals().get(0)), ledger.signingCertificateFingerprint());
        out.println("Signed by: " + r.signer() + " (certificate SHA-256 " + r.fingerprint() + ")");
        if (r.ok()) {
            out.println("OK: the signature is valid and every file is as signed");
            return OK;
        }
        out.println("FAILED:");
        r.problems().forEach(pr -> out.println("  " + pr));
        return PROBLEM;
    }

    private int filed(CommandLine line, PrintStream out, PrintStream err) throws Exception {
        String filing = line.positionals().get(0);
        if (!List.of("initial", "change", "cancellation").contains(filing)) {
            throw line.error("a filing is initial, change or cancellation, not '" + filing + "'");
        }
        LocalDate date = line.value("--date", LocalDate::parse, DATE).orElseThrow();
        JurisdictionProfile p = ledger.profile(line.value("--profile").orElse(null));
        String kind = filing.toUpperCase();
        if (!ledger.ledger().filed(p.code(), kind, date, line.value("--reference").orElse(""))) {
            err.println("vigil compliance: no open " + filing + " filing for " + p.code());
            return PROBLEM;
        }
        out.println(p.code() + " " + filing + " filing recorded as filed on " + date);
        return OK;
    }

    private int stopped(CommandLine line, String actor, PrintStream out) throws Exception {
        String reason = line.value("--reason", "");
        if (reason.isBlank()) {
            throw line.error("stopped needs --reason TEXT (why the use of facial recognition stopped)");
        }
        JurisdictionProfile p = ledger.profile(line.value("--profile").orElse(null));
        LocalDate day = line.value("--date", LocalDate::parse, DATE).orElse(ledger.ledger().today());
        Obligation o = ledger.useStopped(p, day, reason, actor);
        out.println(p.code() + ": use recorded as stopped on " + day + "; cancellation filing due by " + o.deadline()
                + " (" + p.deadlineDays() + " working days from the day after)");
        out.println("When it is filed: vigil compliance filed cancellation --date YYYY-MM-DD --reference REF"
                + " --profile " + p.code());
        return OK;
    }
}

package io.vigil.compliance.internal.ledger;

import io.vigil.api.admin.AdminCaller;
import io.vigil.api.admin.AdminCommand;
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
        if (args.isEmpty()) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        List<String> rest = args.subList(1, args.size());
        try {
            return switch (args.get(0)) {
                case "status" -> status(rest, out);
                case "deadline" -> deadline(rest, out, err);
                case "report" -> report(rest, out, err);
                case "verify" -> verify(rest, out, err);
                case "filed" -> filed(rest, out, err);
                case "stopped" -> stopped(rest, actor, out, err);
                case "form" -> {
                    out.print(FilingForm.template());
                    yield OK;
                }
                default -> {
                    err.println(USAGE_TEXT);
                    yield USAGE;
                }
            };
        } catch (IllegalArgumentException | DateTimeException e) {
            err.println("vigil compliance: " + e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        } catch (Exception e) {
            err.println("vigil compliance: " + e.getMessage());
            return PROBLEM;
        }
    }

    private static Optional<String> option(List<String> args, String name) {
        int i = args.indexOf(name);
        if (i < 0) {
            return Optional.empty();
        }
        if (i + 1 >= args.size()) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return Optional.of(args.get(i + 1));
    }

    private int status(List<String> args, PrintStream out) throws Exception {
        List<Ledger.Assessment> all = ledger.recompute();
        LedgerCounts c = ledger.counts().orElseThrow();
        Optional<String> only = option(args, "--profile");
        if (args.contains("--json")) {
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

    private int deadline(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Optional<String> crossed = option(args, "--crossed");
        if (crossed.isEmpty()) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        JurisdictionProfile p = ledger.profile(option(args, "--profile").orElse(null));
        if (p.deadlineDays() < 1) {
            err.println("vigil compliance: profile " + p.code() + " has no working-day filing deadline");
            return PROBLEM;
        }
        out.println(ledger.calendar().deadline(LocalDate.parse(crossed.get()), p.deadlineDays()));
        return OK;
    }

    private int report(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Optional<String> to = option(args, "--to");
        if (to.isEmpty()) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        JurisdictionProfile p = ledger.profile(option(args, "--profile").orElse(null));
        FilingForm[] form = new FilingForm[1];
        FilingPack.Written w = ledger.report(p, option(args, "--form").map(Path::of), Path.of(to.get()), form);
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

    private int verify(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (args.size() != 1) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        PackVerifier.Result r = PackVerifier.verify(Path.of(args.get(0)), ledger.signingCertificateFingerprint());
        out.println("Signed by: " + r.signer() + " (certificate SHA-256 " + r.fingerprint() + ")");
        if (r.ok()) {
            out.println("OK: the signature is valid and every file is as signed");
            return OK;
        }
        out.println("FAILED:");
        r.problems().forEach(pr -> out.println("  " + pr));
        return PROBLEM;
    }

    private int filed(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (args.isEmpty() || !List.of("initial", "change", "cancellation").contains(args.get(0))) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        Optional<String> date = option(args, "--date");
        if (date.isEmpty()) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        JurisdictionProfile p = ledger.profile(option(args, "--profile").orElse(null));
        String kind = args.get(0).toUpperCase();
        if (!ledger.ledger().filed(p.code(), kind, LocalDate.parse(date.get()), option(args, "--reference").orElse(""))) {
            err.println("vigil compliance: no open " + args.get(0) + " filing for " + p.code());
            return PROBLEM;
        }
        out.println(p.code() + " " + args.get(0) + " filing recorded as filed on " + date.get());
        return OK;
    }

    private int stopped(List<String> args, String actor, PrintStream out, PrintStream err) throws Exception {
        Optional<String> reason = option(args, "--reason");
        if (reason.isEmpty() || reason.get().isBlank()) {
            err.println("vigil compliance: stopped needs --reason TEXT (why the use of facial recognition stopped)");
            err.println(USAGE_TEXT);
            return USAGE;
        }
        JurisdictionProfile p = ledger.profile(option(args, "--profile").orElse(null));
        LocalDate day = option(args, "--date").map(LocalDate::parse).orElse(ledger.ledger().today());
        Obligation o = ledger.useStopped(p, day, reason.get(), actor);
        out.println(p.code() + ": use recorded as stopped on " + day + "; cancellation filing due by " + o.deadline()
                + " (" + p.deadlineDays() + " working days from the day after)");
        out.println("When it is filed: vigil compliance filed cancellation --date YYYY-MM-DD --reference REF"
                + " --profile " + p.code());
        return OK;
    }
}

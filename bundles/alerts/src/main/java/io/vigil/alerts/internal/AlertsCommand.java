package io.vigil.alerts.internal;

import io.vigil.api.admin.AdminCaller;
import io.vigil.api.admin.AdminCommand;
import io.vigil.api.alert.AlertState;
import io.vigil.api.alert.AlertStoreException;
import io.vigil.support.args.CommandLine;
import io.vigil.support.args.CommandLineSpec;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code vigil alerts ...}: list, show, confirm, dismiss, export, hold, rates. Reviews, views,
 * exports and holds are recorded under the account that runs the command (the admin channel's
 * caller, from the kernel); {@code --reviewer} and {@code --by} may only repeat that account, so
 * one person at one account cannot confirm twice under two names.
 */
@Component(property = {
        AdminCommand.NAME + "=alerts",
        AdminCommand.SUMMARY + "=alerts: list | show | confirm | dismiss | export | hold | rates"})
public class AlertsCommand implements AdminCommand {

    static final String USAGE_TEXT = String.join("\n",
            "usage: vigil alerts list [--state NEW|CONFIRMED_ONCE|CONFIRMED|DISMISSED] [--camera ID] [--limit N] [--json]",
            "       vigil alerts show ID",
            "       vigil alerts confirm ID",
            "       vigil alerts dismiss ID --reason false-alert|not-actionable|TEXT",
            "       vigil alerts export ID --to /absolute/path/FILE.zip [--recipient CERT.pem]",
            "       vigil alerts hold ID on|off",
            "       vigil alerts rates",
            "Reviews, views, exports and holds are recorded under your account (the one running bin/vigil);",
            "--reviewer/--by, if given, must name that account. A second confirmation needs another person:",
            "another account, or a reviewer logged in to the console.");

    private final AlertService service;

    @Activate
    public AlertsCommand(@Reference AlertService service) {
        this.service = service;
    }

    private static final CommandLineSpec LIST = CommandLineSpec.of("vigil alerts list", USAGE_TEXT)
            .option("--state").option("--camera").option("--limit").flag("--json");
    private static final CommandLineSpec SHOW = CommandLineSpec.of("vigil alerts show", USAGE_TEXT)
            .positional("ID").option("--by");
    private static final CommandLineSpec CONFIRM = CommandLineSpec.of("vigil alerts confirm", USAGE_TEXT)
            .positional("ID").option("--reviewer");
    private static final CommandLineSpec DISMISS = CommandLineSpec.of("vigil alerts dismiss", USAGE_TEXT)
            .positional("ID").option("--reviewer").required("--reason");
    private static final CommandLineSpec EXPORT = CommandLineSpec.of("vigil alerts export", USAGE_TEXT)
            .positional("ID").required("--to").option("--by").option("--recipient");
    private static final CommandLineSpec HOLD = CommandLineSpec.of("vigil alerts hold", USAGE_TEXT)
            .positional("ID").positional("on|off").option("--by");
    private static final CommandLineSpec RATES = CommandLineSpec.of("vigil alerts rates", USAGE_TEXT);

    @Override
    public int execute(List<String> args, InputStream stdin, PrintStream out, PrintStream err) {
        err.println("vigil alerts needs to know who runs it: run it through bin/vigil (the admin channel)");
        return PROBLEM;
    }

    @Override
    public int execute(AdminCaller caller, List<String> args, InputStream stdin, PrintStream out, PrintStream err) {
        try {
            return CommandLineSpec.dispatch(args, USAGE_TEXT, err, (subcommand, rest) -> switch (subcommand) {
                case "list" -> list(LIST.parse(rest), out);
                case "show" -> show(SHOW.parse(rest), caller, out);
                case "confirm" -> confirm(CONFIRM.parse(rest), caller, out);
                case "dismiss" -> dismiss(DISMISS.parse(rest), caller, out);
                case "export" -> export(EXPORT.parse(rest), caller, out);
                case "hold" -> hold(HOLD.parse(rest), caller, out);
                case "rates" -> {
                    RATES.parse(rest);
                    yield rates(out);
                }
                default -> usage(err, "unknown subcommand " + subcommand);
            });
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        } catch (AlertStoreException e) {
            err.println("vigil alerts: " + e.getMessage());
            return PROBLEM;
        }
    }

    private static int usage(PrintStream err, String why) {
        err.println(why);
        err.println(USAGE_TEXT);
        return USAGE;
    }

    /**
     * The account the action is recorded under: the caller's. A name given with {@code option}
     * must be that account; any other is refused rather than recorded, or silently replaced.
     */
    private static String actor(CommandLine w, String option, AdminCaller caller) {
        Optional<String> named = w.value(option).map(String::strip);
        if (named.isPresent() && !named.get().equalsIgnoreCase(caller.user())) {
            throw new IllegalArgumentException(option + " " + named.get() + " is not your account (" + caller.user()
                    + "): actions are recorded under the account that runs bin/vigil; " + named.get()
                    + " reviews with their own account or in the console");
        }
        return caller.user();
    }

    private static String id(CommandLine w) {
        return w.positionals().get(0);
    }

    private int list(CommandLine w, PrintStream out) throws AlertStoreException {
        Optional<AlertState> state = w.value("--state", s -> AlertState.valueOf(s.toUpperCase(Locale.ROOT).replace('-', '_')),
                "NEW, CONFIRMED_ONCE, CONFIRMED or DISMISSED");
        int limit = w.intValue("--limit", 50);
        if (limit < 1 || limit > 10_000) {
            throw w.error("--limit is 1 to 10000");
        }
        List<StoredAlert> alerts = service.review().list(new AlertRecords.Filter(state, w.value("--camera"), limit));
        if (w.has("--json")) {
            out.print(AlertListJson.write(alerts));
            return OK;
        }
        if (alerts.isEmpty()) {
            out.println("no alerts");
            return OK;
        }
        out.printf("%-26s %-15s %-24s %-12s %-12s %-14s %6s %6s %s%n", "ID", "STATE", "CAPTURED", "CAMERA", "WATCHLIST",
                "SUBJECT", "SCORE", "THRESH", "HOLD");
        for (StoredAlert a : alerts) {
            out.printf(Locale.ROOT, "%-26s %-15s %-24s %-12s %-12s %-14s %6.3f %6.3f %s%n", a.id(), a.state(), a.captureTime(),
                    a.cameraId(), a.watchlistId(), a.subjectPseudonym(), a.score(), a.threshold(), a.legalHold() ? "hold" : "");
        }
        return OK;
    }

    private int show(CommandLine w, AdminCaller caller, PrintStream out) throws AlertStoreException {
        AlertReviews.AlertView v = service.review().show(id(w), actor(w, "--by", caller));
        StoredAlert a = v.alert();
        out.println("alert        " + a.id());
        out.println("state        " + a.state());
        out.println("deployment   " + a.deploymentId());
        out.println("camera       " + a.cameraId() + a.vmsCameraId().map(x -> " (VMS " + x + ")").orElse(""));
        out.println("captured     " + a.captureTime() + "  track " + a.trackId() + ", " + a.faces() + " faces seen, last "
                + a.lastSeen());
        out.println("watchlist    " + a.watchlistId() + " (" + a.category() + ")");
        out.println("subject      " + a.subjectPseudonym());
        out.printf(Locale.ROOT, "score        %.4f (threshold %.4f), face quality %.3f%n", a.score(), a.threshold(), a.quality());
        out.println("model        " + a.modelId() + " " + a.modelVersion());
        out.println("stored       " + a.storedAt() + ", updated " + a.updatedAt());
        out.println("legal hold   " + (a.legalHold() ? "on (" + a.holdBy().orElse("?") + ", since "
                + a.holdSince().map(Object::toString).orElse("?") + ")" : "off"));
        out.println("evidence     " + (v.evidenceStored() ? "face crop and frame region, encrypted (vigil alerts export)" : "none"));
        if (v.reviews().isEmpty()) {
            out.println("reviews      none");
        }
        for (Review r : v.reviews()) {
            out.println("review       " + r.at() + "  " + r.outcome().name().toLowerCase(Locale.ROOT) + " by " + r.reviewer()
                    + r.reason().map(x -> ": " + x).orElse(""));
        }
        return OK;
    }

    private int confirm(CommandLine w, AdminCaller caller, PrintStream out) throws AlertStoreException {
        StoredAlert a = service.review().confirm(id(w), actor(w, "--reviewer", caller));
        out.println("alert " + a.id() + " is " + a.state()
                + (a.state() == AlertState.CONFIRMED_ONCE ? ": a second, different reviewer must confirm it" : ""));
        return OK;
    }

    private int dismiss(CommandLine w, AdminCaller caller, PrintStream out) throws AlertStoreException {
        DismissReason reason = DismissReason.parse(w.value("--reason").orElseThrow());
        StoredAlert a = service.review().dismiss(id(w), actor(w, "--reviewer", caller), reason);
        out.println("alert " + a.id() + " is DISMISSED (" + reason + ")");
        return OK;
    }

    private int export(CommandLine w, AdminCaller caller, PrintStream out) throws AlertStoreException {
        Path to = w.value("--to", Path::of, "a path").orElseThrow();
        Optional<Path> recipient = w.value("--recipient", Path::of, "a path");
        EvidenceExporter.Exported e = service.exports().export(id(w), to, actor(w, "--by", caller), recipient);
        out.println("wrote " + e.file() + (recipient.isPresent() ? " (encrypted to " + recipient.get().getFileName()
                + "'s key: openssl cms -decrypt -inform DER -recip CERT -inkey KEY)" : " (readable by its owner only)"));
        out.println("manifest SHA-256     " + e.manifestSha256());
        out.println("signing key SHA-256  " + e.keyFingerprint() + "  (SHA-256 of public-key.pem's DER)");
        return OK;
    }

    private int hold(CommandLine w, AdminCaller caller, PrintStream out) throws AlertStoreException {
        if (!Set.of("on", "off").contains(w.positionals().get(1))) {
            throw w.error("hold takes an alert id and on or off");
        }
        boolean on = w.positionals().get(1).equals("on");
        StoredAlert a = service.review().hold(w.positionals().get(0), on, actor(w, "--by", caller));
        out.println("alert " + a.id() + (on ? " is on legal hold: retention keeps it until the hold is lifted"
                : " is off legal hold: retention deletes it once it is older than the retention period"));
        return OK;
    }

    private int rates(PrintStream out) throws AlertStoreException {
        FalseAlertRates.Report r = service.rates();
        table(out, "WATCHLIST", r.byWatchlist());
        out.println();
        table(out, "CAMERA", r.byCamera());
        out.println();
        out.println("false-alert rate = dismissed as false-alert / all decided (confirmed + dismissed); open = not decided yet");
        return OK;
    }

    private static void table(PrintStream out, String title, List<FalseAlertRates.Row> rows) {
        out.printf("%-20s %9s %11s %14s %6s %5s %16s%n", title, "CONFIRMED", "FALSE-ALERT", "NOT-ACTIONABLE", "OTHER", "OPEN",
                "FALSE-ALERT RATE");
        if (rows.isEmpty()) {
            out.println("(no alerts yet)");
        }
        for (FalseAlertRates.Row x : rows) {
            String rate = Double.isNaN(x.falseAlertRate()) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * x.falseAlertRate());
            out.printf(Locale.ROOT, "%-20s %9d %11d %14d %6d %5d %16s%n", x.key(), x.confirmed(), x.falseAlert(),
                    x.notActionable(), x.other(), x.open(), rate);
        }
    }
}

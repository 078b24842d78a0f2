package io.vigil.compliance.internal.deployment;

import io.vigil.api.admin.AdminCaller;
import io.vigil.api.admin.AdminCommand;
import io.vigil.api.deployment.Deployment;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code vigil deployment create | start | stop | list | set-threshold}. */
@Component(property = {
        AdminCommand.NAME + "=deployment",
        AdminCommand.SUMMARY + "=deployments: create | start | stop | list | set-threshold"})
public class DeploymentCommand implements AdminCommand {

    static final String USAGE_TEXT = String.join("\n",
            "usage: vigil deployment create NAME --cameras A,B --watchlists W1,W2 --location L --purpose P",
            "                               --legal-basis B --authorisation REF [--threshold T]",
            "                               [--start ISO] [--end ISO | --hours N]",
            "         (defaults: start now, 8 hours, the configured threshold; times are ISO-8601 with a zone,",
            "          e.g. 2026-12-01T08:00:00Z or 2026-12-01T09:00+01:00)",
            "       vigil deployment start NAME",
            "       vigil deployment stop NAME [--reason TEXT]",
            "       vigil deployment list",
            "       vigil deployment set-threshold NAME T --authorisation REF   (a new authorisation is required)");

    private final DeploymentService service;

    @Activate
    public DeploymentCommand(@Reference DeploymentService service) {
        this.service = service;
    }

    @Override
    public int execute(List<String> args, InputStream stdin, PrintStream out, PrintStream err) {
        err.println("vigil deployment needs to know who runs it: run it through bin/vigil (the admin channel)");
        return PROBLEM;
    }

    /** What is recorded is recorded under the caller's account, the one that runs bin/vigil. */
    @Override
    public int execute(AdminCaller caller, List<String> args, InputStream stdin, PrintStream out, PrintStream err) {
        String actor = caller.user();
        if (args.isEmpty()) {
            return usage(err);
        }
        List<String> rest = args.subList(1, args.size());
        try {
            return switch (args.get(0)) {
                case "create" -> create(rest, actor, out, err);
                case "start" -> start(rest, actor, out, err);
                case "stop" -> stop(rest, actor, out, err);
                case "list" -> list(rest, out, err);
                case "set-threshold" -> setThreshold(rest, actor, out, err);
                default -> usage(err);
            };
        } catch (DeploymentException e) {
            err.println("vigil deployment: " + e.getMessage());
            return PROBLEM;
        }
    }

    private static int usage(PrintStream err) {
        err.println(USAGE_TEXT);
        return USAGE;
    }

    private int create(List<String> args, String actor, PrintStream out, PrintStream err) throws DeploymentException {
        if (args.isEmpty() || args.get(0).startsWith("--")) {
            return usage(err);
        }
        String name = args.get(0);
        List<String> cameras = List.of();
        List<String> watchlists = List.of();
        float threshold = service.options().defaultThreshold();
        String location = "";
        String purpose = "";
        String legalBasis = "";
        String authorisation = "";
        Instant start = null;
        Instant end = null;
        Duration length = null;
        try {
            for (int i = 1; i < args.size(); i += 2) {
                String value = i + 1 < args.size() ? args.get(i + 1) : null;
                if (value == null) {
                    err.println(args.get(i) + " needs a value");
                    return usage(err);
                }
                switch (args.get(i)) {
                    case "--cameras" -> cameras = Arrays.asList(value.split(","));
                    case "--watchlists" -> watchlists = Arrays.asList(value.split(","));
                    case "--threshold" -> threshold = Float.parseFloat(value);
                    case "--location" -> location = value;
                    case "--purpose" -> purpose = value;
                    case "--legal-basis" -> legalBasis = value;
                    case "--authorisation", "--authorization" -> authorisation = value;
                    case "--start" -> start = instant(value);
                    case "--end" -> end = instant(value);
                    case "--hours" -> length = Duration.ofMinutes(Math.round(Double.parseDouble(value) * 60));
                    default -> {
                        err.println("unknown option " + args.get(i));
                        return usage(err);
                    }
                }
            }
        } catch (NumberFormatException | DateTimeException e) {
            err.println("bad value: " + e.getMessage());
            return USAGE;
        }
        if (end != null && length != null) {
            err.println("give --end or --hours, not both");
            return USAGE;
        }
        if (length != null && (length.isNegative() || length.isZero())) {
            err.println("--hours is a positive number");
            return USAGE;
        }
        Instant from = start != null ? start : service.now();
        Instant to = end != null ? end : from.plus(length != null ? length : service.options().defaultLength());
        Deployment d = service.create(new NewDeployment(name, cameras, watchlists, threshold, location, purpose, legalBasis,
                authorisation, from, to), actor);
        out.printf(Locale.ROOT, "Created deployment %s (%s): cameras %s, watchlists %s, threshold %.2f, %s to %s;"
                        + " start it with: vigil deployment start %s%n", d.name(), d.id(), String.join(",", d.cameraIds()),
                String.join(",", d.watchlists()), d.threshold(), d.plannedStart(), d.plannedEnd(), d.name());
        return OK;
    }

    /** ISO-8601 with a zone or offset: a local time would mean different instants on different machines. */
    static Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeException e) {
            return OffsetDateTime.parse(value).toInstant();
        }
    }

    private int start(List<String> args, String actor, PrintStream out, PrintStream err) throws DeploymentException {
        if (args.size() != 1) {
            return usage(err);
        }
        Deployment d = service.start(args.get(0), actor);
        out.println("Started deployment " + d.name() + " at " + d.startedAt().orElseThrow() + "; it ends by itself at "
                + d.plannedEnd() + (d.plannedStart().isAfter(d.startedAt().orElseThrow())
                ? " (matching begins at its planned start " + d.plannedStart() + ")" : ""));
        return OK;
    }

    private int stop(List<String> args, String actor, PrintStream out, PrintStream err) throws DeploymentException {
        String reason = null;
        if (args.size() == 3 && args.get(1).equals("--reason")) {
            reason = args.get(2);
        } else if (args.size() != 1) {
            return usage(err);
        }
        Deployment d = service.stop(args.get(0), actor, reason);
        out.println("Stopped deployment " + d.name() + " at " + d.stoppedAt().orElseThrow());
        return OK;
    }

    private int list(List<String> args, PrintStream out, PrintStream err) {
        if (!args.isEmpty()) {
            return usage(err);
        }
        List<Deployment> all = service.all();
        if (all.isEmpty()) {
            out.println("No deployments.");
            return OK;
        }
        out.printf(Locale.ROOT, "%-20s %-8s %-20s %-20s %-9s %-24s %-24s %s%n", "NAME", "STATE", "START", "END", "THRESHOLD",
                "CAMERAS", "WATCHLISTS", "AUTHORISATION");
        for (Deployment d : all) {
            out.printf(Locale.ROOT, "%-20s %-8s %-20s %-20s %-9.2f %-24s %-24s %s%n", d.name(), DeploymentService.state(d),
                    d.startedAt().orElse(d.plannedStart()).toString(), d.stoppedAt().orElse(d.plannedEnd()).toString(),
                    d.threshold(), String.join(",", d.cameraIds()), String.join(",", d.watchlists()), d.authorisation());
        }
        return OK;
    }

    private int setThreshold(List<String> args, String actor, PrintStream out, PrintStream err) throws DeploymentException {
        if (args.size() != 4 || !(args.get(2).equals("--authorisation") || args.get(2).equals("--authorization"))) {
            err.println("changing a deployment's threshold needs a new authorisation: --authorisation REF");
            return usage(err);
        }
        float threshold;
        try {
            threshold = Float.parseFloat(args.get(1));
        } catch (NumberFormatException e) {
            err.println("bad threshold: " + args.get(1));
            return USAGE;
        }
        Deployment before = service.named(args.get(0)).orElse(null);
        Deployment d = service.setThreshold(args.get(0), threshold, args.get(3), actor);
        out.printf(Locale.ROOT, "Deployment %s: threshold %.2f -> %.2f under authorisation %s%n", d.name(),
                before == null ? Float.NaN : before.threshold(), d.threshold(), d.authorisation());
        return OK;
    }
}

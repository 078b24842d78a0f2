package io.vigil.compliance.internal.deployment;

import io.vigil.api.admin.AdminCaller;
import io.vigil.api.admin.AdminCommand;
import io.vigil.api.deployment.Deployment;
import io.vigil.support.args.CommandLine;
import io.vigil.support.args.CommandLineSpec;
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
        try {
            return CommandLineSpec.dispatch(args, USAGE_TEXT, err, (subcommand, rest) -> switch (subcommand) {
                case "create" -> create(rest, actor, out);
                case "start" -> start(rest, actor, out);
                case "stop" -> stop(rest, actor, out);
                case "list" -> list(rest, out);
                case "set-threshold" -> setThreshold(rest, actor, out);
                default -> usage(err);
            });
        } catch (DeploymentException e) {
            err.println("vigil deployment: " + e.getMessage());
            return PROBLEM;
        }
    }

    private static int usage(PrintStream err) {
        err.println(USAGE_TEXT);
        return USAGE;
    }

    private static final CommandLineSpec CREATE = CommandLineSpec.of("vigil deployment create", USAGE_TEXT)
            .positional("NAME").option("--cameras").option("--watchlists").option("--threshold").option("--location")
            .option("--purpose").option("--legal-basis").option("--authorisation", "--authorization").option("--start")
            .option("--end").option("--hours");
    private static final CommandLineSpec START = CommandLineSpec.of("vigil deployment start", USAGE_TEXT).positional("NAME");
    private static final CommandLineSpec STOP = CommandLineSpec.of("vigil deployment stop", USAGE_TEXT)
            .positional("NAME").option("--reason");
    private static final CommandLineSpec LIST = CommandLineSpec.of("vigil deployment list", USAGE_TEXT);
    /** Changing a deployment's threshold needs a new authorisation. */
    private static final CommandLineSpec SET_THRESHOLD = CommandLineSpec.of("vigil deployment set-threshold", USAGE_TEXT)
            .positional("NAME").positional("T").required("--authorisation", "--authorization");

    private static final String ISO_TIME = "an ISO-8601 time with a zone (2026-12-01T08:00:00Z)";

    private int create(List<String> args, String actor, PrintStream out) throws DeploymentException {
        CommandLine line = CREATE.parse(args);
        String name = line.positionals().get(0);
        List<String> cameras = line.value("--cameras").map(v -> Arrays.asList(v.split(","))).orElse(List.of());
        List<String> watchlists = line.value("--watchlists").map(v -> Arrays.asList(v.split(","))).orElse(List.of());
        float threshold = line.floatValue("--threshold", service.options().defaultThreshold());
        String location = line.value("--location", "");
        String purpose = line.value("--purpose", "");
        String legalBasis = line.value("--legal-basis", "");
        String authorisation = line.value("--authorisation", "");
        Instant start = line.value("--start", DeploymentCommand::instant, ISO_TIME).orElse(null);
        Instant end = line.value("--end", DeploymentCommand::instant, ISO_TIME).orElse(null);
        Duration length = line.value("--hours", h -> Duration.ofMinutes(Math.round(Double.parseDouble(h) * 60)), "a number of hours")
                .orElse(null);
        if (end != null && length != null) {
            throw line.error("give --end or --hours, not both");
        }
        if (length != null && (length.isNegative() || length.isZero())) {
            throw line.error("--hours is a positive number");
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

    private int start(List<String> args, String actor, PrintStream out) throws DeploymentException {
        Deployment d = service.start(START.parse(args).positionals().get(0), actor);
        out.println("Started deployment " + d.name() + " at " + d.startedAt().orElseThrow() + "; it ends by itself at "
                + d.plannedEnd() + (d.plannedStart().isAfter(d.startedAt().orElseThrow())
                ? " (matching begins at its planned start " + d.plannedStart() + ")" : ""));
        return OK;
    }

    private int stop(List<String> args, String actor, PrintStream out) throws DeploymentException {
        CommandLine line = STOP.parse(args);
        Deployment d = service.stop(line.positionals().get(0), actor, line.value("--reason").orElse(null));
        out.println("Stopped deployment " + d.name() + " at " + d.stoppedAt().orElseThrow());
        return OK;
    }

    private int list(List<String> args, PrintStream out) {
        LIST.parse(args);
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

    private int setThreshold(List<String> args, String actor, PrintStream out) throws DeploymentException {
        CommandLine line = SET_THRESHOLD.parse(args);
        String name = line.positionals().get(0);
        float threshold = line.positional(1, "T", Float::parseFloat, "a number");
        Deployment before = service.named(name).orElse(null);
        Deployment d = service.setThreshold(name, threshold, line.value("--authorisation").orElseThrow(), actor);
        out.printf(Locale.ROOT, "Deployment %s: threshold %.2f -> %.2f under authorisation %s%n", d.name(),
                before == null ? Float.NaN : before.threshold(), d.threshold(), d.authorisation());
        return OK;
    }
}

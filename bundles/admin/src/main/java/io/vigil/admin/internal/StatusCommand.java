package io.vigil.admin.internal;

import io.vigil.api.admin.AdminCommand;
import io.vigil.api.media.StreamStatus;
import io.vigil.api.media.StreamStatuses;
import io.vigil.support.args.CommandLine;
import io.vigil.support.args.CommandLineSpec;
import io.vigil.api.status.ModuleStatus;
import io.vigil.api.status.StatusReporter;
import io.vigil.api.watchlist.RecognitionStage;
import io.vigil.api.watchlist.RecognitionStatus;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/**
 * {@code vigil status [--json]}: what is installed, active and failing, and why. Exit status 3
 * when anything is failing, so scripts and service monitors can act on it; {@code --json} gives
 * the same as data ({@link StatusJson}).
 */
@Component(property = {
        AdminCommand.NAME + "=status",
        AdminCommand.SUMMARY + "=bundles, components and modules: what is active, what is failing and why (--json: as data)"})
public class StatusCommand implements AdminCommand {

    private final BundleContext context;
    private final ServiceComponentRuntime scr;
    private final List<StatusReporter> reporters = new CopyOnWriteArrayList<>();

    /** Ingest's streams as figures, for --json; optional: status works while ingest is absent or replaced. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile StreamStatuses streams;

    /** The recognition stage's figures, for --json; optional like the streams. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile RecognitionStage recognition;

    @Activate
    public StatusCommand(BundleContext context, @Reference ServiceComponentRuntime scr) {
        this.context = context;
        this.scr = scr;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addReporter(StatusReporter reporter) {
        reporters.add(reporter);
    }

    void removeReporter(StatusReporter reporter) {
        reporters.remove(reporter);
    }

    private static final CommandLineSpec SPEC = CommandLineSpec.of("vigil status", "usage: vigil status [--json]")
            .flag("--json");

    @Override
    public int execute(List<String> args, InputStream stdin, PrintStream out, PrintStream err) {
        return SPEC.run(args, err, line -> status(line, out, err));
    }

    private int status(CommandLine line, PrintStream out, PrintStream err) {
        boolean json = line.has("--json");
        StatusReport report = gather();
        if (json) {
            out.print(StatusJson.write(report));
        } else {
            print(report, out);
        }
        return report.ok() ? OK : PROBLEM;
    }

    /** Everything the command reports, looked at once. */
    StatusReport gather() {
        List<String> problems = new ArrayList<>();
        List<StatusReport.BundleRow> bundles = bundles(problems);
        List<StatusReport.UnusedFile> unused = new ArrayList<>();
        for (DeployFolderScan.Unused u : DeployFolderScan.scan(deployDir(), context.getBundles())) {
            unused.add(new StatusReport.UnusedFile(u.file().getFileName().toString(), u.reason()));
            problems.add("deploy/" + u.file().getFileName() + ": " + u.reason());
        }
        List<StatusReport.ComponentRow> components = new ArrayList<>();
        int satisfied = components(components, problems);
        List<ModuleStatus> modules = modules(problems);
        StreamStatuses s = streams;
        Optional<List<StreamStatus>> streamFigures = s == null ? Optional.empty()
                : Optional.of(s.streams().stream().sorted(Comparator.comparing(StreamStatus::cameraId)).toList());
        RecognitionStage r = recognition;
        Optional<RecognitionStatus> recognitionFigures = r == null ? Optional.empty() : Optional.of(r.figures());
        return new StatusReport(header(), bundles, unused, components, satisfied, modules, streamFigures, recognitionFigures,
                problems);
    }

    private static void print(StatusReport r, PrintStream out) {
        StatusReport.Header h = r.header();
        out.println("Vigil " + h.version() + " (" + h.mode() + h.uptimeSeconds().map(s -> ", up " + s + " s").orElse("")
                + (h.starting() ? ", starting" : "") + ")");
        out.println("  home " + h.home() + ", data " + h.data());
        out.println();
        out.println("Bundles:");
        for (StatusReport.BundleRow bundle : r.bundles()) {
            out.printf("  %3d %-10s %-45s %-22s %s%n", bundle.id(), bundle.state(), bundle.symbolicName(), bundle.version(),
                    bundle.origin());
            bundle.problem().ifPresent(p -> out.println("        ! " + p));
        }
        if (!r.deployNotInstalled().isEmpty()) {
            out.println();
            out.println("Deploy folder, not installed:");
            r.deployNotInstalled().forEach(u -> out.println("  " + u.file() + ": " + u.reason()));
        }
        out.println();
        out.println("Components:");
        for (StatusReport.ComponentRow component : r.components()) {
            out.printf("  %-10s %s%n", component.state(), component.name());
            component.problem().ifPresent(p -> out.println("        ! " + p));
        }
        out.println("  (" + r.componentsSatisfied() + " components satisfied or active in all)");
        out.println();
        out.println("Modules:");
        for (ModuleStatus status : r.modules()) {
            out.printf("  %-12s %-9s %s%n", status.module(), status.health(), status.detail());
        }
        out.println();
        if (r.ok()) {
            out.println("OK: everything installed is active.");
            return;
        }
        out.println("PROBLEMS (" + r.problems().size() + "):");
        r.problems().forEach(p -> out.println("  - " + p));
    }

    private StatusReport.Header header() {
        String started = context.getProperty("vigil.started");
        Optional<Long> uptime = started == null ? Optional.empty()
                : Optional.of(Duration.between(Instant.ofEpochMilli(Long.parseLong(started)), Instant.now()).toSeconds());
        boolean starting = context.getBundle(0).getState() != Bundle.ACTIVE;
        return new StatusReport.Header(context.getProperty("vigil.version"), context.getProperty("vigil.mode"), uptime,
                starting, context.getProperty("vigil.home"), context.getProperty("vigil.data"));
    }

    private List<StatusReport.BundleRow> bundles(List<String> problems) {
        BundleDiagnosis diagnosis = new BundleDiagnosis(context.getBundle(0).adapt(FrameworkWiring.class));
        Path system = Path.of(context.getProperty("vigil.home"), "system").toAbsolutePath().normalize();
        Path deploy = deployDir();
        List<StatusReport.BundleRow> rows = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            Optional<String> problem = diagnosis.problem(bundle);
            String origin = DeployFolderScan.locationPath(bundle.getLocation())
                    .map(p -> p.startsWith(deploy) ? "deploy/" + p.getFileName()
                            : p.startsWith(system) ? "system" : p.toString())
                    .orElse(bundle.getBundleId() == 0 ? "framework" : bundle.getLocation());
            rows.add(new StatusReport.BundleRow(bundle.getBundleId(), state(bundle), bundle.getSymbolicName(),
                    bundle.getVersion().toString(), origin, problem));
            problem.ifPresent(p -> problems.add(bundle.getSymbolicName() + " (" + origin + "): " + p));
        }
        return rows;
    }

    private Path deployDir() {
        return Path.of(context.getProperty("vigil.deploy")).toAbsolutePath().normalize();
    }

    /** Adds the components an administrator is shown to {@code rows}; returns how many are satisfied or active. */
    private int components(List<StatusReport.ComponentRow> rows, List<String> problems) {
        List<ComponentDescriptionDTO> descriptions = new ArrayList<>(scr.getComponentDescriptionDTOs());
        descriptions.sort(Comparator.comparing(d -> d.name));
        int active = 0;
        for (ComponentDescriptionDTO description : descriptions) {
            boolean ours = description.bundle.symbolicName.startsWith("io.vigil.");
            if (!scr.isComponentEnabled(description)) {
                if (ours) {
                    rows.add(new StatusReport.ComponentRow(description.name, "DISABLED", Optional.empty()));
                }
                continue;
            }
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                String problem = componentProblem(configuration);
                if (problem == null) {
                    active++;
                }
                if (ours || problem != null) {
                    rows.add(new StatusReport.ComponentRow(description.name, componentState(configuration.state),
                            Optional.ofNullable(problem)));
                }
                if (problem != null) {
                    problems.add(description.name + ": " + problem);
                }
            }
        }
        return active;
    }

    private static String componentProblem(ComponentConfigurationDTO configuration) {
        switch (configuration.state) {
            case ComponentConfigurationDTO.ACTIVE:
            case ComponentConfigurationDTO.SATISFIED:
                return null;
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION:
                return "waiting for its configuration (" + String.join(", ", configuration.description.configurationPid) + ")";
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE:
                List<String> missing = new ArrayList<>();
                for (UnsatisfiedReferenceDTO reference : configuration.unsatisfiedReferences) {
                    missing.add(reference.name + (reference.target == null ? "" : " " + reference.target));
                }
                return "waiting for services: " + String.join(", ", missing);
            case ComponentConfigurationDTO.FAILED_ACTIVATION:
                return "activation failed: " + firstLine(configuration.failure);
            default:
                return "state " + configuration.state;
        }
    }

    static String firstLine(String failure) {
        if (failure == null) {
            return "see the log";
        }
        // SCR puts the stack trace here. Vigil's own exceptions are worded for an administrator
        // ("wrong passphrase, or the file was altered"), the library causes beneath them are not
        // ("BCFKS KeyStore corrupted: MAC calculation failed"): the deepest of Vigil's own wins,
        // else the deepest cause.
        String[] lines = failure.split("\n");
        String cause = lines[0];
        String ours = lines[0].startsWith("io.vigil.") ? lines[0] : null;
        for (String line : lines) {
            if (line.startsWith("Caused by: ")) {
                cause = line.substring("Caused by: ".length());
                if (cause.startsWith("io.vigil.")) {
                    ours = cause;
                }
            }
        }
        return (ours != null ? ours : cause).strip();
    }

    private static String componentState(int state) {
        return switch (state) {
            case ComponentConfigurationDTO.ACTIVE -> "ACTIVE";
            case ComponentConfigurationDTO.SATISFIED -> "SATISFIED";
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION, ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> "WAITING";
            case ComponentConfigurationDTO.FAILED_ACTIVATION -> "FAILED";
            default -> "STATE-" + state;
        };
    }

    private List<ModuleStatus> modules(List<String> problems) {
        List<ModuleStatus> statuses = new ArrayList<>();
        for (StatusReporter reporter : reporters) {
            statuses.add(reporter.status());
        }
        statuses.sort(Comparator.comparing(ModuleStatus::module));
        for (ModuleStatus status : statuses) {
            if (status.health() == ModuleStatus.Health.FAILED) {
                problems.add(status.module() + ": " + status.detail());
            }
        }
        return statuses;
    }

    private static String state(Bundle bundle) {
        return switch (bundle.getState()) {
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.RESOLVED -> isFragmentLabel(bundle);
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            default -> "UNINSTALLED";
        };
    }

    private static String isFragmentLabel(Bundle bundle) {
        return BundleDiagnosis.isFragment(bundle) ? "FRAGMENT" : "RESOLVED";
    }
}

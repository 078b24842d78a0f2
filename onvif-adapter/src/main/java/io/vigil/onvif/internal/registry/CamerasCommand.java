package io.vigil.onvif.internal.registry;

import io.vigil.support.json.Json;
import io.vigil.onvif.internal.device.VigilStreams;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import io.vigil.api.admin.AdminCommand;
import io.vigil.support.args.ArgumentException;
import io.vigil.support.args.CommandLine;
import io.vigil.support.args.CommandLineSpec;
import io.vigil.api.camera.Camera;
import io.vigil.api.camera.CameraRegistry;
import io.vigil.api.camera.StreamProfile;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code vigil cameras} lists the cameras and their state; {@code vigil cameras import < vms.csv} adds them. */
@Component(property = {
        AdminCommand.NAME + "=cameras",
        AdminCommand.SUMMARY + "=list cameras with their state and stream (--metadata: Vigil's ONVIF metadata streams);"
                + " import < cameras.csv adds cameras exported from the VMS; remove ID takes one out"})
public class CamerasCommand implements AdminCommand {

    static final String USAGE_TEXT = """
            usage: vigil cameras [--json | --metadata]
                   vigil cameras import < cameras.csv
                   vigil cameras remove ID [--json]
                   vigil cameras discover [--target HOST:PORT]... [--multicast] [--wait SECONDS]
                                          [--add --user USER --password-alias ALIAS] [--verbose] [--json]""";

    private static final CommandLineSpec LIST = CommandLineSpec.of("vigil cameras", USAGE_TEXT).flag("--json").flag("--metadata");
    private static final CommandLineSpec REMOVE = CommandLineSpec.of("vigil cameras remove", USAGE_TEXT)
            .positional("ID").flag("--json");
    /** The cameras arrive on standard input. */
    private static final CommandLineSpec IMPORT = CommandLineSpec.of("vigil cameras import", USAGE_TEXT);

    private final CameraRegistry registry;
    private final ConfigurationAdmin configurations;
    private final AnnouncedCameras announced;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile VigilStreams streams;

    @Activate
    public CamerasCommand(@Reference CameraRegistry registry, @Reference ConfigurationAdmin configurations,
            @Reference AnnouncedCameras announced) {
        this.registry = registry;
        this.configurations = configurations;
        this.announced = announced;
    }

    @Override
    public int execute(List<String> args, InputStream stdin, PrintStream out, PrintStream err) {
        String first = args.isEmpty() ? "" : args.get(0);
        List<String> rest = args.isEmpty() ? args : args.subList(1, args.size());
        try {
            switch (first) {
                case "remove" -> {
                    CommandLine line = REMOVE.parse(rest);
                    return new CameraRemoval(configurations, announced).remove(line.positionals().get(0), line.has("--json"), out,
                            err);
                }
                case "import" -> {
                    IMPORT.parse(rest);
                    return importCsv(stdin, out, err);
                }
                case "discover" -> {
                    return new CameraDiscovery(registry, announced, configurations).run(DiscoverRequest.parse(rest), out, err);
                }
                default -> {
                    CommandLine line = LIST.parse(args);
                    if (line.has("--json") && line.has("--metadata")) {
                        throw line.error("--json or --metadata, not both");
                    }
                    return line.has("--json") ? listJson(out) : line.has("--metadata") ? metadata(out, err) : list(out);
                }
            }
        } catch (ArgumentException e) {
            e.print(err);
            return USAGE;
        }
    }

    private int list(PrintStream out) {
        List<Camera> cameras = registry.cameras();
        if (cameras.isEmpty()) {
            out.println("No cameras. Add one with deploy/io.vigil.onvif.camera-<id>.cfg or `vigil cameras import < cameras.csv`.");
            return OK;
        }
        out.printf("%-16s %-16s %-16s %-12s %s%n", "ID", "NAME", "STATE", "VMS ID", "DETAIL");
        for (Camera camera : cameras) {
            out.printf("%-16s %-16s %-16s %-12s %s%n", camera.id(), camera.name(), camera.state().phase(),
                    camera.vmsCameraId().orElse("-"), camera.state().detail());
            StreamProfile profile = camera.streamProfile();
            String chosen = profile.profileToken().isEmpty() ? "" : ", profile " + profile.profileToken()
                    + (profile.width() > 0 ? " " + profile.encoding() + " " + profile.width() + "x" + profile.height() : "");
            out.printf("%-16s device %s%s%s%n", "", camera.onvifAddress(), chosen,
                    profile.streamUri().map(u -> ", stream " + u).orElse(""));
            restream(camera.id()).ifPresent(line -> out.printf("%-16s %s%n", "", line));
        }
        return OK;
    }

    /** Vigil's restream of the camera for the VMS, while the ONVIF device runs: serving, or why it cannot play. */
    private java.util.Optional<String> restream(String cameraId) {
        VigilStreams served = streams;
        if (served == null) {
            return java.util.Optional.empty();
        }
        return served.streams().stream().filter(s -> s.cameraId().equals(cameraId)).findFirst().map(s -> "restream "
                + s.video() + (s.videoMounted() ? " (serving)" : s.videoProblem().map(p -> " (CANNOT PLAY: " + p + ")")
                        .orElse(" (not served: the camera is not streaming)")));
    }

    /** The cameras as data, in {@link CameraListJson}'s documented shape. */
    private int listJson(PrintStream out) {
        java.util.Set<String> onlyAnnounced = new java.util.HashSet<>();
        announced.cameras().forEach(c -> onlyAnnounced.add(c.id()));
        out.println(CameraListJson.write(registry.cameras(), onlyAnnounced, this::restream));
        return OK;
    }

    /** Where the VMS plays each camera's metadata: the stream URI of the camera's metadata profile. */
    private int metadata(PrintStream out, PrintStream err) {
        VigilStreams served = streams;
        if (served == null) {
            err.println("Vigil's ONVIF device is not running (conf/io.vigil.onvif.device.cfg): no metadata streams.");
            return PROBLEM;
        }
        List<VigilStreams.CameraStreams> all = served.streams();
        if (all.isEmpty()) {
            out.println("No cameras.");
            return OK;
        }
        out.printf("%-16s %-14s %s%n", "ID", "PROFILE", "METADATA STREAM");
        for (VigilStreams.CameraStreams camera : all) {
            out.printf("%-16s %-14s %s  (%s)%n", camera.cameraId(), camera.metadataProfile(), camera.metadata(),
                    camera.mounted() ? "serving; " + camera.sent() + " documents sent, " + camera.dropped() + " dropped"
                            : "not served: the camera is not streaming");
        }
        out.println("Streams: " + served.state());
        return OK;
    }

    private int importCsv(InputStream stdin, PrintStream out, PrintStream err) {
        String text;
        try {
            text = new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("Cannot read the CSV: " + e.getMessage());
            return PROBLEM;
        }
        CameraCsv.Result result = CameraCsv.parse(text);
        int imported = 0;
        for (CameraCsv.Row row : result.rows()) {
            try {
                Configuration configuration = configurations.getFactoryConfiguration(CameraComponent.PID,
                        row.properties().get("camera.id"), "?");
                Hashtable<String, Object> properties = new Hashtable<>();
                row.properties().forEach((key, value) -> {
                    if (!value.isBlank()) {
                        properties.put(key, value);
                    }
                });
                configuration.update(properties);
                imported++;
            } catch (IOException e) {
                err.println("line " + row.line() + ": cannot store the configuration: " + e.getMessage());
            }
        }
        for (CameraCsv.Problem problem : result.problems()) {
            err.println("line " + problem.line() + ": " + problem.reason());
        }
        out.println("Imported " + imported + " camera(s)" + (result.problems().isEmpty() ? "." : "; "
                + result.problems().size() + " line(s) left out, see above."));
        return result.problems().isEmpty() ? OK : PROBLEM;
    }
}

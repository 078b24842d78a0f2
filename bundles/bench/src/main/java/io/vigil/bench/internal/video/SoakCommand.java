package io.vigil.bench.internal.video;

import io.vigil.api.admin.AdminCommand;
import io.vigil.api.media.MediaException;
import io.vigil.api.media.RtspServer;
import io.vigil.support.args.ArgumentException;
import io.vigil.support.args.CommandLine;
import io.vigil.support.args.CommandLineSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code vigil bench soak}: see {@link SoakRun}. */
@Component(property = {
        AdminCommand.NAME + "=bench soak",
        AdminCommand.SUMMARY + "=eight simulated 720p cameras through ingest and face analysis for 10 minutes: rates, drops,"
                + " latency, memory"})
public class SoakCommand implements AdminCommand {

    static final String USAGE_TEXT = """
            usage: vigil bench soak --photos PHOTO... [--cameras N] [--minutes M] [--warmup SECONDS] [--quick]
              defaults: 8 cameras of 1280x720 at 25 fps, analysis at 5 fps, 10 minutes after 30 s of warm-up;
              --quick: 1 minute after 10 s. The photos should show faces (./vigil bench passes the sample photos).""";

    private final BundleContext context;
    /**
     * The RTSP server, got only when a soak runs: the admin channel binds every command at start,
     * and holding the server from then on started it (and bound its port) in every container,
     * one-shot ones for `vigil faces` included.
     */
    private final ComponentServiceObjects<RtspServer> rtsp;
    private final ConfigurationAdmin configurations;

    @Activate
    public SoakCommand(BundleContext context, @Reference ComponentServiceObjects<RtspServer> rtsp,
            @Reference ConfigurationAdmin configurations) {
        this.context = context;
        this.rtsp = rtsp;
        this.configurations = configurations;
    }

    @Override
    public int execute(List<String> args, InputStream stdin, PrintStream out, PrintStream err) {
        SoakRun.Options options;
        try {
            options = parse(args);
        } catch (ArgumentException e) {
            e.print(err);
            return USAGE;
        }
        RtspServer server;
        try {
            server = rtsp.getService();
        } catch (RuntimeException e) {
            server = null; // the server failed to start (its port taken): the log has why
        }
        if (server == null) {
            err.println("soak failed: the RTSP server does not run (vigil status says why)");
            return PROBLEM;
        }
        try {
            new SoakRun(context, server, configurations, Path.of(context.getProperty("vigil.data"), "cache", "bench"), out)
                    .run(options);
            return OK;
        } catch (IOException | MediaException e) {
            err.println("soak failed: " + e.getMessage());
            return PROBLEM;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PROBLEM;
        } finally {
            rtsp.ungetService(server);
        }
    }

    private static final CommandLineSpec SPEC = CommandLineSpec.of("vigil bench soak", USAGE_TEXT)
            .list("--photos").option("--cameras").option("--minutes").option("--warmup").flag("--quick");

    /** @throws ArgumentException what is wrong with {@code args} */
    static SoakRun.Options parse(List<String> args) {
        CommandLine line = SPEC.parse(args);
        int cameras = line.intValue("--cameras", 8);
        long minutes = line.longValue("--minutes", 10);
        long warmup = line.longValue("--warmup", 30);
        if (line.has("--quick")) {
            minutes = 1;
            warmup = 10;
        }
        if (cameras < 1 || cameras > 64) {
            throw line.error("--cameras must be between 1 and 64");
        }
        if (minutes < 1 || warmup < 0) {
            throw line.error("--minutes must be at least 1 and --warmup not negative");
        }
        if (!line.has("--photos")) {
            throw line.error("--photos is required: photos with faces make the cameras' clip");
        }
        List<Path> photos = line.values("--photos").stream().map(Path::of).toList();
        return new SoakRun.Options(cameras, 1280, 720, 25, 5, Duration.ofSeconds(warmup), Duration.ofMinutes(minutes), photos);
    }
}

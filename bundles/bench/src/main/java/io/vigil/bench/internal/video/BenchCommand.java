package io.vigil.bench.internal.video;

import io.vigil.api.admin.AdminCommand;
import io.vigil.support.args.CommandLineSpec;
import io.vigil.api.media.FrameSources;
import io.vigil.api.media.MediaException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code vigil bench ingest [--seconds N] [--quick]}: see {@link IngestBench}. */
@Component(property = {
        AdminCommand.NAME + "=bench ingest",
        AdminCommand.SUMMARY + "=frames/s and CPU per analysed frame, Vigil's ingest against the bare GStreamer chain"})
public class BenchCommand implements AdminCommand {

    private static final String USAGE_TEXT = "usage: vigil bench ingest [--seconds N] [--warmup N] [--quick]";

    private static final CommandLineSpec SPEC = CommandLineSpec.of("vigil bench ingest", USAGE_TEXT)
            .option("--seconds").option("--warmup").flag("--quick");

    private final BundleContext context;
    private final FrameSources sources;

    @Activate
    public BenchCommand(BundleContext context, @Reference FrameSources sources) {
        this.context = context;
        this.sources = sources;
    }

    @Override
    public int execute(List<String> args, InputStream stdin, PrintStream out, PrintStream err) {
        int seconds = 10;
        // the JIT compiles the frame path during the first seconds of a stream; a camera runs for
        // hours, so the figures are taken once that is done (3 s of warm-up measured 1.3-1.5x,
        // 10 s 1.0x, for the same 720p stream)
        int warmup = 10;
        return SPEC.run(args, err, line -> bench(line.intValue("--seconds", seconds), line.intValue("--warmup", warmup),
                line.has("--quick"), out, err));
    }

    private int bench(int seconds, int warmup, boolean quick, PrintStream out, PrintStream err) {
        try {
            Path clips = Path.of(context.getProperty("vigil.data"), "cache", "bench");
            IngestBench bench = new IngestBench(clips, sources, launcher(), out, Duration.ofSeconds(warmup),
                    Duration.ofSeconds(seconds));
            bench.run(quick ? List.of(IngestBench.RESOLUTIONS.get(0)) : IngestBench.RESOLUTIONS,
                    quick ? List.of(1) : IngestBench.STREAMS);
            return OK;
        } catch (IOException | MediaException e) {
            err.println("bench failed: " + e.getMessage());
            return PROBLEM;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PROBLEM;
        }
    }

    /** The child server runs on the GStreamer platform and API bundles' own jars. */
    private RecordingServer.Launcher launcher() throws IOException {
        List<String> jars = new ArrayList<>();
        for (String name : List.of("io.vigil.gstreamer", "io.vigil.api")) {
            Bundle bundle = findBundle(name);
            jars.add(Path.of(URI.create(bundle.getLocation())).toString());
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        return new RecordingServer.Launcher(java, String.join(":", jars));
    }

    private Bundle findBundle(String symbolicName) throws IOException {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName()) && bundle.getLocation().startsWith("file:")) {
                return bundle;
            }
        }
        throw new IOException("bundle " + symbolicName + " is not installed from a file");
    }
}

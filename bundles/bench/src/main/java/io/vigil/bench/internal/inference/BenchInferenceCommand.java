package io.vigil.bench.internal.inference;

import io.vigil.api.admin.AdminCommand;
import io.vigil.api.bench.InferenceWorkloads;
import io.vigil.api.face.FaceAnalysisException;
import io.vigil.support.args.CommandLine;
import io.vigil.support.args.CommandLineSpec;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code vigil bench inference [--quick] [--json] [PHOTO...]}: see {@link InferenceBench}. Without
 * photos it uses the sample photos ./vigil set-up keeps in the cache; {@code --json} writes the
 * figures as one document ({@link InferenceBenchJson}) instead of printing them as they come.
 */
@Component(property = {
        AdminCommand.NAME + "=bench inference",
        AdminCommand.SUMMARY + "=per-stage ms, DJL against plain ONNX Runtime, faces/s, 1080p tiling cost, memory"})
public class BenchInferenceCommand implements AdminCommand {

    private static final String USAGE_TEXT = "usage: vigil bench inference [--quick] [--json] [PHOTO...]";

    private static final CommandLineSpec SPEC = CommandLineSpec.of("vigil bench inference", USAGE_TEXT)
            .flag("--quick").flag("--json").rest("PHOTO", 0);

    private final InferenceWorkloads workloads;

    @Activate
    public BenchInferenceCommand(@Reference InferenceWorkloads workloads) {
        this.workloads = workloads;
    }

    @Override
    public int execute(List<String> args, InputStream stdin, PrintStream out, PrintStream err) {
        return SPEC.run(args, err, line -> bench(line, out, err));
    }

    private int bench(CommandLine line, PrintStream out, PrintStream err) {
        boolean quick = line.has("--quick");
        boolean json = line.has("--json");
        List<Path> photos = new ArrayList<>(line.rest().stream().map(Path::of).toList());
        if (photos.isEmpty()) {
            Path samples = workloads.samplePhotos();
            for (int i = 1; i <= 6; i++) {
                Path p = samples.resolve("sample" + i + ".jpg");
                if (!Files.isRegularFile(p)) {
                    err.println("bench: sample photo " + p + " is missing: run ./vigil setup, or name photos to use");
                    return PROBLEM;
                }
                photos.add(p);
            }
        }
        try {
            InferenceBench.Figures figures = new InferenceBench(workloads, photos, json ? null : out)
                    .run(quick ? InferenceBench.Settings.quick() : InferenceBench.Settings.full());
            if (json) {
                out.println(InferenceBenchJson.write(figures));
            }
            return OK;
        } catch (FaceAnalysisException | IllegalStateException e) { // an unreadable photo is a FaceAnalysisException too
            err.println("bench: " + e.getMessage());
            return PROBLEM;
        }
    }
}

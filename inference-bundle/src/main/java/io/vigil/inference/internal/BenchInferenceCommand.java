package io.vigil.inference.internal;

import io.vigil.api.admin.AdminCommand;
import io.vigil.support.args.CommandLine;
import io.vigil.support.args.CommandLineSpec;
import io.vigil.api.face.FaceAnalysisException;
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
 * {@code vigil bench inference [--quick] [PHOTO...]}: see {@link InferenceBench}. Without photos it
 * uses the sample photos ./vigil set-up keeps in the cache.
 */
@Component(property = {
        AdminCommand.NAME + "=bench inference",
        AdminCommand.SUMMARY + "=per-stage ms, DJL against plain ONNX Runtime, faces/s, 1080p tiling cost, memory"})
public class BenchInferenceCommand implements AdminCommand {

    private static final String USAGE_TEXT = "usage: vigil bench inference [--quick] [PHOTO...]";

    private static final CommandLineSpec SPEC = CommandLineSpec.of("vigil bench inference", USAGE_TEXT)
            .flag("--quick").rest("PHOTO", 0);

    private final InferenceService inference;

    @Activate
    public BenchInferenceCommand(@Reference InferenceService inference) {
        this.inference = inference;
    }

    @Override
    public int execute(List<String> args, InputStream stdin, PrintStream out, PrintStream err) {
        return SPEC.run(args, err, line -> bench(line, out, err));
    }

    private int bench(CommandLine line, PrintStream out, PrintStream err) {
        boolean quick = line.has("--quick");
        List<Path> photos = new ArrayList<>(line.rest().stream().map(Path::of).toList());
        if (photos.isEmpty()) {
            Path samples = ModelDirectory.defaultCache(System.getenv()).resolve("models/@vladmandic-face-api-1.7.15/demo");
            for (int i = 1; i <= 6; i++) {
                Path p = samples.resolve("sample" + i + ".jpg");
                if (!Files.isRegularFile(p)) {
                    err.println("bench: sample photo " + p + " is missing: run ./vigil setup, or name photos to use");
                    return PROBLEM;
                }
                photos.add(p);
            }
        }
        InferenceOptions options = inference.options();
        try {
            new InferenceBench(ModelDirectory.of(options.modelsDirectory(), System.getenv()), inference.runtime(), options,
                    photos, out).run(quick ? InferenceBench.Settings.quick() : InferenceBench.Settings.full());
            return OK;
        } catch (ImageFiles.ImageException | FaceAnalysisException | IllegalStateException e) {
            err.println("bench: " + e.getMessage());
            return PROBLEM;
        }
    }
}

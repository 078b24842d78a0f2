package io.vigil.inference.internal;

import io.vigil.api.admin.AdminCommand;
import io.vigil.api.face.FaceAnalysisException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code vigil models}: where the face models are, whether each file is the pinned one, and where
 * ONNX Runtime will run them (CPU or CUDA, and why); {@code vigil doctor} shows it too.
 */
@Component(property = {
        AdminCommand.NAME + "=models",
        AdminCommand.SUMMARY + "=the face model files, their verification, and the ONNX Runtime execution provider"})
public class ModelsCommand implements AdminCommand {

    private final InferenceService inference;

    @Activate
    public ModelsCommand(@Reference InferenceService inference) {
        this.inference = inference;
    }

    @Override
    public int execute(List<String> args, InputStream stdin, PrintStream out, PrintStream err) {
        if (!args.isEmpty()) {
            err.println("usage: vigil models");
            return USAGE;
        }
        ModelDirectory directory = ModelDirectory.of(inference.options().modelsDirectory(), System.getenv());
        out.println("  folder   " + directory.path());
        int problems = 0;
        for (FaceModelFile file : FaceModelFile.values()) {
            try {
                directory.verified(file);
                out.printf("  %-16s verified (SHA-256 %s...)%n", file.fileName(), file.sha256().substring(0, 16));
            } catch (FaceAnalysisException e) {
                out.printf("  %-16s PROBLEM: %s%n", file.fileName(), e.getMessage());
                problems++;
            }
        }
        var model = inference.embeddingModel();
        out.printf("  templates %s %s (default match threshold %.2f)%n", model.id(), model.version(),
                model.calibratedThreshold());
        out.println("  provider " + inference.runtime().reason());
        return problems == 0 ? OK : PROBLEM;
    }
}

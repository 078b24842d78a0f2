package io.vigil.inference.internal;

import io.vigil.api.admin.AdminCommand;
import io.vigil.support.args.CommandLine;
import io.vigil.support.args.CommandLineSpec;
import io.vigil.api.face.FaceAnalysisException;
import java.io.InputStream;
import java.io.PrintStream;
import io.vigil.support.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    private static final CommandLineSpec SPEC = CommandLineSpec.of("vigil models", "usage: vigil models [--json]")
            .flag("--json");

    private final InferenceService inference;

    @Activate
    public ModelsCommand(@Reference InferenceService inference) {
        this.inference = inference;
    }

    @Override
    public int execute(List<String> args, InputStream stdin, PrintStream out, PrintStream err) {
        return SPEC.run(args, err, line -> models(line, out, err));
    }

    private int models(CommandLine line, PrintStream out, PrintStream err) {
        boolean json = line.has("--json");
        ModelDirectory directory = ModelDirectory.of(inference.options().modelsDirectory(), System.getenv());
        List<Object> files = new ArrayList<>();
        int problems = 0;
        if (!json) {
            out.println("  folder   " + directory.path());
        }
        for (FaceModelFile file : FaceModelFile.values()) {
            String problem = null;
            try {
                directory.verified(file);
            } catch (FaceAnalysisException e) {
                problem = e.getMessage();
                problems++;
            }
            if (json) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("file", file.fileName());
                f.put("sha256", file.sha256());
                f.put("verified", problem == null);
                if (problem != null) {
                    f.put("problem", problem);
                }
                files.add(f);
            } else if (problem == null) {
                out.printf("  %-16s verified (SHA-256 %s...)%n", file.fileName(), file.sha256().substring(0, 16));
            } else {
                out.printf("  %-16s PROBLEM: %s%n", file.fileName(), problem);
            }
        }
        var model = inference.embeddingModel();
        ThresholdCalibration c = ThresholdCalibration.SHIPPED;
        if (json) {
            Map<String, Object> threshold = new LinkedHashMap<>();
            threshold.put("default", Json.decimal(model.calibratedThreshold(), 2));
            threshold.put("targetFalseMatchRate", c.targetFalseMatchRate());
            threshold.put("dataset", c.dataset());
            threshold.put("identities", c.identities());
            threshold.put("faces", c.faces());
            threshold.put("genuinePairs", c.genuinePairs());
            threshold.put("impostorPairs", c.impostorPairs());
            threshold.put("falseMatches", c.falseMatches());
            threshold.put("falseMatchRateUpper95", Json.decimal(c.upperBound95(), 4));
            threshold.put("estimatedFalseMatchRate", c.estimatedFalseMatchRate());
            threshold.put("highestImpostor", Json.decimal(c.highestImpostor(), 3));
            threshold.put("lowestGenuine", Json.decimal(c.lowestGenuine(), 3));
            threshold.put("caveat", c.caveat());
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("folder", directory.path().toString());
            doc.put("files", files);
            Map<String, Object> templates = new LinkedHashMap<>();
            templates.put("model", model.id());
            templates.put("version", model.version());
            doc.put("templates", templates);
            doc.put("threshold", threshold);
            doc.put("provider", inference.runtime().reason());
            out.println(Json.pretty(doc));
            return problems == 0 ? OK : PROBLEM;
        }
        out.printf("  templates %s %s (default match threshold %.2f)%n", model.id(), model.version(),
                model.calibratedThreshold());
        out.printf(Locale.ROOT, "  threshold %.2f is set for a false-match rate of %s per comparison: %d of %d impostor pairs"
                        + " matched (under %.1f %% at 95 %% confidence; normal fit about %s); highest impostor %.3f,"
                        + " lowest genuine %.3f of %d genuine pairs%n",
                c.threshold(), percent(c.targetFalseMatchRate()), c.falseMatches(), c.impostorPairs(), 100 * c.upperBound95(),
                percent(c.estimatedFalseMatchRate()), c.highestImpostor(), c.lowestGenuine(), c.genuinePairs());
        out.println("    evidence: " + c.dataset() + ", " + c.identities() + " people, " + c.faces() + " faces used");
        out.println("    caveat: " + c.caveat());
        out.println("  provider " + inference.runtime().reason());
        return problems == 0 ? OK : PROBLEM;
    }

    private static String percent(double rate) {
        return String.format(Locale.ROOT, "%s %%", new java.math.BigDecimal(100 * rate).round(new java.math.MathContext(2))
                .stripTrailingZeros().toPlainString());
    }
}

package io.vigil.inference.internal;

import io.vigil.api.admin.AdminCommand;
import io.vigil.api.face.AnalysedFace;
import io.vigil.api.face.FaceAnalysisException;
import io.vigil.api.face.FaceAnalyzer.Source;
import io.vigil.api.media.BgrImage;
import io.vigil.support.args.CommandLine;
import io.vigil.support.args.CommandLineSpec;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code vigil faces [--json] [--embedding] IMAGE}: each face in a photo with its box, detector
 * score and quality, and whether it would be embedded (or why not). The photo is read, analysed
 * in memory and forgotten; nothing of it is written anywhere.
 */
@Component(property = {
        AdminCommand.NAME + "=faces",
        AdminCommand.SUMMARY + "=the faces in a photo: box, detector score, quality ([--json] [--embedding] IMAGE)"})
public class FacesCommand implements AdminCommand {

    private static final String USAGE_LINE = "usage: vigil faces [--json] [--embedding] IMAGE";

    private static final CommandLineSpec SPEC = CommandLineSpec.of("vigil faces", USAGE_LINE)
            .flag("--json").flag("--embedding").positional("IMAGE");

    private final InferenceService inference;

    @Activate
    public FacesCommand(@Reference InferenceService inference) {
        this.inference = inference;
    }

    @Override
    public int execute(List<String> args, InputStream stdin, PrintStream out, PrintStream err) {
        return SPEC.run(args, err, line -> faces(line, out, err));
    }

    private int faces(CommandLine line, PrintStream out, PrintStream err) {
        boolean json = line.has("--json");
        boolean embedding = line.has("--embedding");
        if (embedding && !json) {
            err.println("--embedding needs --json");
            return USAGE;
        }
        Path file = Path.of(line.positionals().get(0));
        BgrImage image;
        try {
            image = ImageFiles.read(file);
        } catch (ImageFiles.ImageException e) {
            err.println("vigil faces: " + e.getMessage());
            return PROBLEM;
        }
        List<AnalysedFace> faces;
        try {
            faces = inference.analyse(image, Source.PHOTO);
        } catch (FaceAnalysisException e) {
            err.println("vigil faces: " + e.getMessage());
            return PROBLEM;
        }
        if (json) {
            out.println(FacesJson.array(faces, embedding));
        } else {
            printTable(file, image, faces, out);
        }
        return OK;
    }

    private static void printTable(Path file, BgrImage image, List<AnalysedFace> faces, PrintStream out) {
        out.printf(Locale.ROOT, "%s: %dx%d, %d face%s%n", file.getFileName(), image.width(), image.height(),
                faces.size(), faces.size() == 1 ? "" : "s");
        for (AnalysedFace f : faces) {
            var b = f.box();
            var q = f.quality();
            out.printf(Locale.ROOT, "  box %4.0f,%4.0f %4.0fx%-4.0f score %.3f  quality %.2f (size %d, sharpness %.0f,"
                            + " yaw %.0f, pitch %.0f)  %s%n",
                    b.x(), b.y(), b.width(), b.height(), q.detectorScore(), q.score(), q.sizePixels(), q.sharpness(),
                    q.yawDegrees(), q.pitchDegrees(),
                    f.rejection().map(r -> "not embedded: " + r.name().toLowerCase(Locale.ROOT)).orElse("embedded"));
        }
    }
}

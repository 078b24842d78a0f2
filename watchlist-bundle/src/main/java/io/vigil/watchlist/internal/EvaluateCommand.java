package io.vigil.watchlist.internal;

import io.vigil.api.admin.AdminCaller;
import io.vigil.api.admin.AdminCommand;
import io.vigil.support.args.CommandLine;
import io.vigil.support.args.CommandLineSpec;
import io.vigil.api.face.AnalysedFace;
import io.vigil.support.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code vigil evaluate FOLDER [--scenes FILE] [--json]}: the model measured on a force's own
 * labelled photos, before a deployment and to choose a threshold. FOLDER holds one subfolder per
 * person. Photos are analysed in memory and nothing of them is stored; the run is audited with its
 * figures only.
 */
@Component(property = {
        AdminCommand.NAME + "=evaluate",
        AdminCommand.SUMMARY + "=the model on your labelled photos: score distributions, rank-1, TAR at FAR, EER, threshold"
                + " (FOLDER [--scenes FILE] [--json])"})
public class EvaluateCommand implements AdminCommand {

    static final String USAGE_TEXT = "usage: vigil evaluate FOLDER [--scenes FILE] [--json]   (FOLDER: one subfolder per person)";

    private static final CommandLineSpec SPEC = CommandLineSpec.of("vigil evaluate", USAGE_TEXT)
            .positional("FOLDER").option("--scenes").flag("--json");

    private final WatchlistService service;

    @Activate
    public EvaluateCommand(@Reference WatchlistService service) {
        this.service = service;
    }

    /** A photo that gave no template, and why. */
    record Unused(String photo, String reason) {
    }

    /** One person's appearance in a scene: who it is, who the model named (empty: nobody), the score. */
    record SceneFace(String scene, String person, boolean enrolled, String named, float score) {
    }

    /** A scene whose faces could not be lined up with its names. */
    record SceneProblem(String scene, String reason) {
    }

    @Override
    public int execute(List<String> args, InputStream stdin, PrintStream out, PrintStream err) {
        return execute(new AdminCaller(WatchlistService.ADMINISTRATOR), args, stdin, out, err);
    }

    /** The run is recorded under the caller's operating-system account, as the admin channel reports it. */
    @Override
    public int execute(AdminCaller caller, List<String> args, InputStream stdin, PrintStream out, PrintStream err) {
        return SPEC.run(args, err, line -> evaluate(line, caller, out, err));
    }

    private int evaluate(CommandLine line, AdminCaller caller, PrintStream out, PrintStream err) {
        try {
            Report report = evaluate(Path.of(line.positionals().get(0)), line.value("--scenes").map(Path::of).orElse(null),
                    caller.user());
            out.println(line.has("--json") ? report.json() : report.text());
            return OK;
        } catch (WatchlistException e) {
            err.println("vigil evaluate: " + e.getMessage());
            return PROBLEM;
        }
    }

    Report evaluate(Path folder, Path scenes) throws WatchlistException {
        return evaluate(folder, scenes, WatchlistService.ADMINISTRATOR);
    }

    Report evaluate(Path folder, Path scenes, String actor) throws WatchlistException {
        if (!Files.isDirectory(folder)) {
            throw new WatchlistException(folder + (Files.exists(folder) ? " is not a folder" : " does not exist"));
        }
        if (scenes != null && !Files.isRegularFile(scenes)) {
            throw new WatchlistException("scenes file " + scenes + " does not exist");
        }
        List<Path> people = list(folder).stream().filter(Files::isDirectory).toList();
        if (people.size() < 2) {
            throw new WatchlistException(folder + " holds " + people.size() + " person folder" + (people.size() == 1 ? "" : "s")
                    + "; an evaluation needs at least two people (one subfolder per person)");
        }
        float threshold = service.awaitEmbeddingModel().calibratedThreshold();
        List<Evaluation.Labelled> templates = new ArrayList<>();
        List<Unused> unused = new ArrayList<>();
        int photos = 0;
        for (Path person : people) {
            String name = person.getFileName().toString();
            for (Path photo : list(person)) {
                if (!Files.isRegularFile(photo) || photo.getFileName().toString().startsWith(".")) {
                    continue;
                }
                photos++;
                String shown = name + "/" + photo.getFileName();
                try {
                    List<AnalysedFace> faces = service.analysePhoto(PhotoEnrolment.read(photo), shown);
                    // the person's own photo: their face is the largest one good enough to compare
                    AnalysedFace best = faces.stream().filter(f -> f.embedding().isPresent())
                            .max(Comparator.comparingDouble(f -> f.box().width() * f.box().height())).orElse(null);
                    if (best == null) {
                        unused.add(new Unused(shown, faces.isEmpty() ? "no face found" : "no face good enough ("
                                + String.join(", ", faces.stream().map(f -> f.rejection().map(r -> r.name()
                                .toLowerCase(Locale.ROOT)).orElse("?")).toList()) + ")"));
                    } else {
                        templates.add(new Evaluation.Labelled(name, best.embedding().get().vector()));
                    }
                } catch (WatchlistException e) {
                    unused.add(new Unused(shown, "unreadable: " + e.getMessage()));
                }
            }
        }
        Evaluation evaluation = new Evaluation(templates);
        List<SceneFace> sceneFaces = new ArrayList<>();
        List<SceneProblem> sceneProblems = new ArrayList<>();
        if (scenes != null) {
            scenes(scenes, templates, threshold, sceneFaces, sceneProblems);
        }
        Report report = new Report(folder.toString(), people.size(), photos, templates.size(), unused, evaluation, threshold,
                sceneFaces, sceneProblems);
        Map<String, String> audit = new LinkedHashMap<>();
        audit.put("folder", folder.toAbsolutePath().toString());
        audit.put("people", Integer.toString(people.size()));
        audit.put("photos", Integer.toString(photos));
        audit.put("faces", Integer.toString(templates.size()));
        audit.put("genuine.pairs", Integer.toString(evaluation.genuineScores().length));
        audit.put("impostor.pairs", Integer.toString(evaluation.impostorScores().length));
        audit.put("threshold", String.format(Locale.ROOT, "%.2f", threshold));
        if (scenes != null) {
            audit.put("scenes", scenes.toAbsolutePath().toString());
        }
        service.evaluated(actor, audit);
        return report;
    }

    /**
     * Each scene's faces, left to right, lined up with its names; each face searched against the
     * folder's templates and named when its best person reaches the threshold.
     */
    private void scenes(Path file, List<Evaluation.Labelled> gallery, float threshold, List<SceneFace> found,
                        List<SceneProblem> problems) throws WatchlistException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new WatchlistException("scenes file " + file + " cannot be read: " + e.getMessage(), e);
        }
        java.util.Set<String> enrolled = new java.util.HashSet<>();
        gallery.forEach(t -> enrolled.add(t.person()));
        for (String line : lines) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] fields = l.split("\\s+");
            Path photo = file.toAbsolutePath().getParent().resolve(fields[0]);
            List<String> names = List.of(fields).subList(1, fields.length);
            List<AnalysedFace> faces;
            try {
                // a box the detector is unsure of (a patterned sleeve scores 0.78) is nobody in the line-up
                faces = new ArrayList<>(service.analysePhoto(PhotoEnrolment.read(photo), fields[0]).stream()
                        .filter(f -> !f.rejection().equals(java.util.Optional.of(io.vigil.api.face.QualityRejection.LOW_SCORE)))
                        .toList());
            } catch (WatchlistException e) {
                problems.add(new SceneProblem(fields[0], "unreadable: " + e.getMessage()));
                continue;
            }
            if (faces.size() != names.size()) {
                problems.add(new SceneProblem(fields[0], faces.size() + " faces found for " + names.size() + " names"));
                continue;
            }
            faces.sort(Comparator.comparingDouble(f -> f.box().x() + f.box().width() / 2));
            for (int i = 0; i < faces.size(); i++) {
                AnalysedFace f = faces.get(i);
                String named = "";
                float best = Float.NaN;
                if (f.embedding().isPresent()) {
                    String bestPerson = "";
                    for (Evaluation.Labelled t : gallery) {
                        float s = Evaluation.cosine(f.embedding().get().vector(), t.vector());
                        if (Float.isNaN(best) || s > best) {
                            best = s;
                            bestPerson = t.person();
                        }
                    }
                    named = !Float.isNaN(best) && best >= threshold ? bestPerson : "";
                }
                found.add(new SceneFace(fields[0], names.get(i), enrolled.contains(names.get(i)), named, best));
            }
        }
    }

    private static List<Path> list(Path folder) throws WatchlistException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new WatchlistException(folder + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** What an evaluation found, as text and JSON. */
    record Report(String folder, int people, int photos, int faces, List<Unused> unused, Evaluation evaluation,
                  float threshold, List<SceneFace> sceneFaces, List<SceneProblem> sceneProblems) {

        private static final double[] FARS = {0.01, 0.001};

        String text() {
            StringBuilder sb = new StringBuilder();
            Evaluation e = evaluation;
            sb.append(String.format(Locale.ROOT, "%s: %d people, %d photos read, %d faces used%n", folder, people, photos, faces));
            for (Unused u : unused) {
                sb.append("  not used: ").append(u.photo()).append(" (").append(u.reason()).append(")\n");
            }
            sb.append(String.format(Locale.ROOT, "%-22s %7s %7s %7s %7s %7s %7s%n", "cosine scores", "pairs", "min", "5 %",
                    "median", "95 %", "max"));
            row(sb, "genuine (same person)", e.genuineScores());
            row(sb, "impostor (different)", e.impostorScores());
            sb.append(String.format(Locale.ROOT, "rank-1 identification  %.3f (%d of %d searches)%n", e.rank1Rate(),
                    e.rank1Correct(), e.rank1Probes()));
            for (double far : FARS) {
                Evaluation.Rates r = e.atFar(far);
                sb.append(String.format(Locale.ROOT, "TAR at FAR %-5s       %.3f at threshold %.3f%s%n", percent(far), r.tar(),
                        r.threshold(), e.resolves(far) ? "" : " (fewer than " + Math.round(1 / far)
                                + " impostor pairs: FAR measured 0, not " + percent(far) + ")"));
            }
            Evaluation.Rates eer = e.equalError();
            sb.append(String.format(Locale.ROOT, "EER                    %.3f at threshold %.3f%n", e.eer(), eer.threshold()));
            sb.append(String.format(Locale.ROOT, "threshold for FAR 0.1 %% %.3f%n", e.atFar(0.001).threshold()));
            Evaluation.Rates now = e.at(threshold);
            sb.append(String.format(Locale.ROOT, "current threshold %.2f: FAR %.4f (%d of %d), FRR %.4f (%d of %d)%n", threshold,
                    now.far(), now.falseAccepts(), now.impostors(), now.frr(), now.falseRejects(), now.genuines()));
            if (!sceneFaces.isEmpty() || !sceneProblems.isEmpty()) {
                Scenes s = scenes();
                sb.append(String.format(Locale.ROOT, "scenes: %d enrolled faces, %d named correctly, %d not named;"
                                + " %d false matches (%d of enrolled people, %d of people not enrolled)%n",
                        s.enrolled, s.correct, s.missed, s.misnamed + s.strangersNamed, s.misnamed, s.strangersNamed));
                for (SceneProblem p : sceneProblems) {
                    sb.append("  scene not scored: ").append(p.scene()).append(" (").append(p.reason()).append(")\n");
                }
            }
            return sb.toString().stripTrailing();
        }

        private static String percent(double far) {
            return far == 0.01 ? "1 %" : "0.1 %";
        }

        private static void row(StringBuilder sb, String label, float[] s) {
            sb.append(String.format(Locale.ROOT, "%-22s %7d %7.3f %7.3f %7.3f %7.3f %7.3f%n", label, s.length,
                    s.length == 0 ? Float.NaN : s[0], Evaluation.quantile(s, 0.05), Evaluation.quantile(s, 0.5),
                    Evaluation.quantile(s, 0.95), s.length == 0 ? Float.NaN : s[s.length - 1]));
        }

        private record Scenes(int enrolled, int correct, int missed, int misnamed, int strangers, int strangersNamed) {
        }

        private Scenes scenes() {
            int enrolled = 0;
            int correct = 0;
            int missed = 0;
            int misnamed = 0;
            int strangers = 0;
            int strangersNamed = 0;
            for (SceneFace f : sceneFaces) {
                if (f.enrolled()) {
                    enrolled++;
                    if (f.named().equals(f.person())) {
                        correct++;
                    } else if (f.named().isEmpty()) {
                        missed++;
                    } else {
                        misnamed++;
                    }
                } else {
                    strangers++;
                    if (!f.named().isEmpty()) {
                        strangersNamed++;
                    }
                }
            }
            return new Scenes(enrolled, correct, missed, misnamed, strangers, strangersNamed);
        }

        String json() {
            Evaluation e = evaluation;
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("folder", folder);
            doc.put("people", people);
            doc.put("photos", photos);
            doc.put("faces", faces);
            doc.put("unused", unused.stream().map(u -> Json.object("photo", u.photo(), "reason", u.reason())).toList());
            doc.put("genuine", distribution(e.genuineScores()));
            doc.put("impostor", distribution(e.impostorScores()));
            doc.put("rank1", Json.object("rate", Json.decimal(e.rank1Rate(), 4), "correct", e.rank1Correct(), "searches",
                    e.rank1Probes()));
            List<Object> tarAtFar = new ArrayList<>();
            for (double far : FARS) {
                Evaluation.Rates r = e.atFar(far);
                tarAtFar.add(Json.object("far", far, "tar", Json.decimal(r.tar(), 4), "threshold", Json.decimal(r.threshold(), 4),
                        "resolved", e.resolves(far)));
            }
            doc.put("tarAtFar", tarAtFar);
            doc.put("eer", Json.object("rate", Json.decimal(e.eer(), 4), "threshold", Json.decimal(e.equalError().threshold(), 4)));
            doc.put("thresholdForFar0001", Json.decimal(e.atFar(0.001).threshold(), 4));
            Evaluation.Rates now = e.at(threshold);
            doc.put("current", Json.object("threshold", Json.decimal(threshold, 4), "far", Json.decimal(now.far(), 6),
                    "falseAccepts", now.falseAccepts(), "impostorPairs", now.impostors(), "frr", Json.decimal(now.frr(), 6),
                    "falseRejects", now.falseRejects(), "genuinePairs", now.genuines()));
            if (!sceneFaces.isEmpty() || !sceneProblems.isEmpty()) {
                Scenes s = scenes();
                doc.put("scenes", Json.object("enrolledFaces", s.enrolled, "namedCorrectly", s.correct, "notNamed", s.missed,
                        "misnamed", s.misnamed, "notEnrolledFaces", s.strangers, "notEnrolledNamed", s.strangersNamed,
                        "falseMatches", s.misnamed + s.strangersNamed, "notScored", sceneProblems.stream()
                                .map(p -> Json.object("scene", p.scene(), "reason", p.reason())).toList()));
            }
            return Json.pretty(doc);
        }

        private static Map<String, Object> distribution(float[] s) {
            List<Integer> histogram = new ArrayList<>();
            for (int bin : Evaluation.histogram(s)) {
                histogram.add(bin);
            }
            if (s.length == 0) {
                return Json.object("pairs", 0, "histogram", histogram);
            }
            return Json.object("pairs", s.length, "min", Json.decimal(s[0], 4), "p05", Json.decimal(Evaluation.quantile(s, 0.05), 4),
                    "median", Json.decimal(Evaluation.quantile(s, 0.5), 4), "p95", Json.decimal(Evaluation.quantile(s, 0.95), 4),
                    "max", Json.decimal(s[s.length - 1], 4), "histogramFrom", -1.0, "histogramBin", 0.1, "histogram", histogram);
        }
    }
}

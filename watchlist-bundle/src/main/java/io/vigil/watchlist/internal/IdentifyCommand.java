package io.vigil.watchlist.internal;

import io.vigil.api.admin.AdminCommand;
import io.vigil.api.face.BoundingBox;
import io.vigil.support.json.Json;
import io.vigil.support.args.CommandLine;
import io.vigil.support.args.CommandLineSpec;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code vigil identify [--json] IMAGE}: each face in a photo against the watchlists valid today.
 * A face below every threshold is "unknown" and only its best score is shown; the photo is
 * analysed in memory and never stored.
 */
@Component(property = {
        AdminCommand.NAME + "=identify",
        AdminCommand.SUMMARY + "=each face in a photo against the watchlists: subject, watchlist, score ([--json] IMAGE)"})
public class IdentifyCommand implements AdminCommand {

    private static final String USAGE_TEXT = "usage: vigil identify [--json] IMAGE";

    private static final CommandLineSpec SPEC = CommandLineSpec.of("vigil identify", USAGE_TEXT)
            .flag("--json").positional("IMAGE");

    private final WatchlistService service;

    @Activate
    public IdentifyCommand(@Reference WatchlistService service) {
        this.service = service;
    }

    @Override
    public int execute(List<String> args, InputStream stdin, PrintStream out, PrintStream err) {
        return SPEC.run(args, err, line -> identify(line, out, err));
    }

    private int identify(CommandLine line, PrintStream out, PrintStream err) {
        boolean json = line.has("--json");
        Path file = Path.of(line.positionals().get(0));
        List<Identification.Identified> faces;
        try {
            faces = service.identify(PhotoEnrolment.read(file), file.toString());
        } catch (WatchlistException e) {
            err.println("vigil identify: " + e.getMessage());
            return PROBLEM;
        }
        if (json) {
            out.println(json(faces));
        } else {
            out.printf("%s: %d face%s%n", file.getFileName(), faces.size(), faces.size() == 1 ? "" : "s");
            for (Identification.Identified f : faces) {
                var b = f.face().box();
                String verdict = f.face().embedding().isEmpty()
                        ? "not compared: " + f.face().rejection().map(r -> r.name().toLowerCase(Locale.ROOT)).orElse("?")
                        : f.match()
                        ? String.format(Locale.ROOT, "MATCH %s (%s) on %s, score %.3f (threshold %.2f)",
                                f.subject().map(Subject::displayName).orElse("?"), f.subject().map(Subject::pseudonym).orElse("?"),
                                f.watchlist().map(Watchlist::name).orElse("?"), f.score(), f.watchlist().map(Watchlist::threshold).orElse(0f))
                        : String.format(Locale.ROOT, "unknown (best score %.3f)", f.score());
                out.printf(Locale.ROOT, "  box %4.0f,%4.0f %4.0fx%-4.0f %s%n", b.x(), b.y(), b.width(), b.height(), verdict);
            }
        }
        return OK;
    }

    /** [{"box": [x1, y1, x2, y2], "subject": .., "pseudonym": .., "watchlist": .., "score": .., "match": ..}] */
    static String json(List<Identification.Identified> faces) {
        List<Object> out = new ArrayList<>();
        for (Identification.Identified f : faces) {
            out.add(Json.object("box", box(f.face().box()), "subject", f.subject().map(Subject::displayName).orElse(null),
                    "pseudonym", f.subject().map(Subject::pseudonym).orElse(null),
                    "watchlist", f.watchlist().map(Watchlist::name).orElse(null),
                    "score", Json.decimal(f.score(), 4), "match", f.match()));
        }
        return Json.pretty(out);
    }

    /** [x1, y1, x2, y2] in pixels, one decimal. */
    static List<Object> box(BoundingBox b) {
        return List.of(Json.decimal(b.x(), 1), Json.decimal(b.y(), 1), Json.decimal(b.x() + b.width(), 1),
                Json.decimal(b.y() + b.height(), 1));
    }
}

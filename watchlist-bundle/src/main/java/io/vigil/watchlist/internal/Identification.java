package io.vigil.watchlist.internal;

import io.vigil.api.deployment.Deployment;
import io.vigil.api.face.AnalysedFace;
import io.vigil.api.face.FaceObservation;
import io.vigil.api.watchlist.Recognition;
import io.vigil.watchlist.match.Decision;
import io.vigil.watchlist.match.TemplateIndex;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Faces against the templates in memory: a camera's face under one active deployment (at its
 * locked threshold), or the faces of a photo an administrator checks against every list valid
 * today (at each list's threshold). Nothing of a face is stored.
 */
final class Identification {

    /** One face of an identified photo. */
    record Identified(AnalysedFace face, Optional<Watchlist> watchlist, Optional<Subject> subject, float score,
                      boolean match) {
    }

    private final OpenStore store;
    private final LoadedTemplates loaded;

    Identification(OpenStore store, LoadedTemplates loaded) {
        this.store = store;
        this.loaded = loaded;
    }

    /**
     * The recognitions of one observed face under one active deployment: the best subject of the
     * deployment's watchlists (valid today) whose score reaches the deployment's locked threshold.
     * Reads memory only; a face that matches nothing leaves no trace.
     */
    Optional<Recognition> recognise(FaceObservation face, Deployment deployment) {
        Optional<TemplateIndex> index = loaded.index(face.embedding().modelVersion());
        if (index.isEmpty()) {
            return Optional.empty();
        }
        LocalDate day = LocalDate.ofInstant(face.captureTime(), ZoneOffset.UTC);
        Map<Long, Float> thresholds = new HashMap<>();
        Map<Long, Watchlist> lists = new HashMap<>();
        for (String name : deployment.watchlists()) {
            Optional<Watchlist> w = loaded.byName(name);
            if (w.isPresent() && w.get().validOn(day)) {
                thresholds.put(w.get().id(), deployment.threshold());
                lists.put(w.get().id(), w.get());
            }
        }
        if (thresholds.isEmpty()) {
            return Optional.empty();
        }
        if (index.get().identify(face.embedding().vector(), thresholds) instanceof Decision.Match m) {
            Watchlist w = lists.get(m.candidate().watchlistId());
            Optional<String> pseudonym = loaded.pseudonym(m.candidate().subjectId());
            if (pseudonym.isEmpty()) {
                return Optional.empty(); // removed between the search and now
            }
            return Optional.of(new Recognition(face, deployment.id(), w.name(), w.category(), pseudonym.get(),
                    m.candidate().score(), m.threshold()));
        }
        return Optional.empty();
    }

    /**
     * Each face of an analysed photo against every watchlist valid today: the best subject and its
     * score, and whether it reaches that list's threshold.
     */
    List<Identified> identify(List<AnalysedFace> faces) throws WatchlistException {
        Map<Long, Watchlist> valid = new HashMap<>();
        LocalDate today = LocalDate.now(Clock.systemUTC());
        for (Watchlist w : store.get().list()) {
            if (w.validOn(today)) {
                valid.put(w.id(), w);
            }
        }
        List<Identified> out = new ArrayList<>();
        for (AnalysedFace face : faces) {
            if (face.embedding().isEmpty()) {
                out.add(new Identified(face, Optional.empty(), Optional.empty(), 0, false));
                continue;
            }
            Optional<TemplateIndex> index = loaded.index(face.embedding().get().modelVersion());
            Map<Long, Float> thresholds = new HashMap<>();
            valid.values().forEach(w -> thresholds.put(w.id(), w.threshold()));
            Decision decision = index.isEmpty() ? new Decision.Unknown(Optional.empty())
                    : index.get().identify(face.embedding().get().vector(), thresholds);
            if (decision instanceof Decision.Match m) {
                Watchlist w = valid.get(m.candidate().watchlistId());
                Optional<Subject> subject = store.get().subjects(w, null).stream()
                        .filter(s -> s.id() == m.candidate().subjectId()).findFirst();
                out.add(new Identified(face, Optional.of(w), subject, m.candidate().score(), true));
            } else {
                float closest = ((Decision.Unknown) decision).closest().map(c -> c.score()).orElse(0f);
                out.add(new Identified(face, Optional.empty(), Optional.empty(), closest, false));
            }
        }
        return out;
    }
}

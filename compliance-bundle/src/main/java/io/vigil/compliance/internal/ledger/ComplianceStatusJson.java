package io.vigil.compliance.internal.ledger;

import io.vigil.support.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code vigil compliance status --json}: the ledger's count and each profile's state as data, in
 * the shape documented in docs/compliance-officers.md ("vigil compliance status --json"). A field
 * is only ever added within a format; renaming or removing one raises {@link #FORMAT}.
 */
final class ComplianceStatusJson {

    static final int FORMAT = 1;

    private ComplianceStatusJson() {
    }

    static String write(LedgerCounts counts, List<Ledger.Assessment> assessments, Optional<String> problem) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FORMAT);
        doc.put("counted_at", counts.at().toString());
        doc.put("individuals", counts.individuals());
        doc.put("unknown_individuals", counts.unknownIndividuals());
        doc.put("templates", counts.templates());
        doc.put("images", counts.images());
        List<Object> watchlists = new ArrayList<>();
        counts.byWatchlist().forEach((id, t) -> {
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("watchlist", id);
            w.put("individuals", t.individuals());
            w.put("templates", t.templates());
            w.put("images", t.images());
            watchlists.add(w);
        });
        doc.put("watchlists", watchlists);
        List<Object> profiles = new ArrayList<>();
        boolean warned = false;
        for (Ledger.Assessment a : assessments) {
            profiles.add(profile(a));
            warned |= !a.warnings().isEmpty();
        }
        doc.put("profiles", profiles);
        doc.put("problem", problem.orElse(null));
        doc.put("ok", !warned && problem.isEmpty());
        return Json.pretty(doc) + "\n";
    }

    private static Map<String, Object> profile(Ledger.Assessment a) {
        JurisdictionProfile p = a.profile();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", p.code());
        m.put("name", p.name());
        m.put("count_triggered", p.countTriggered());
        m.put("threshold", p.countTriggered() ? p.threshold() : null);
        m.put("individuals", a.individuals());
        m.put("crossed_on", a.crossedOn().map(Object::toString).orElse(null));
        List<Object> obligations = new ArrayList<>();
        for (Obligation o : a.obligations()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("kind", o.kind());
            x.put("opened_on", o.openedOn().toString());
            x.put("deadline", o.deadline().toString());
            x.put("reason", o.reason());
            x.put("open", o.open());
            x.put("filed_on", o.filedOn().map(Object::toString).orElse(null));
            x.put("reference", o.filedOn().isPresent() ? o.reference() : null);
            obligations.add(x);
        }
        m.put("obligations", obligations);
        m.put("warnings", a.warnings());
        m.put("rules", p.obligations());
        return m;
    }
}

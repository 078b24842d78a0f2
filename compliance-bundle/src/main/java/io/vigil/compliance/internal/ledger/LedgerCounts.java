package io.vigil.compliance.internal.ledger;

import io.vigil.api.alert.Alert;
import io.vigil.api.alert.AlertState;
import io.vigil.api.camera.Camera;
import io.vigil.api.deployment.Deployment;
import io.vigil.api.inventory.HeldSubject;
import io.vigil.api.inventory.InventorySnapshot;
import io.vigil.api.inventory.WatchlistHoldings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The facial data held at one moment, as China's Measures count it: distinct individuals (each
 * watchlist subject once across lists and deployments, by individual key; each retained alert
 * whose face was dismissed as a false match one unknown individual), templates and images, in
 * total and by watchlist, purpose and site.
 *
 * @param unknownIndividuals retained dismissed alerts (each an unknown person's face)
 * @param purposes           the distinct purposes (legal basis and category of each list)
 */
public record LedgerCounts(Instant at, long individuals, long templates, long images, long unknownIndividuals,
                           Map<String, Tally> byWatchlist, Map<String, Tally> byPurpose, Map<String, Tally> bySite,
                           List<String> purposes) {

    /** Images an alert keeps of the face: the face crop and the frame region around it. */
    static final int IMAGES_PER_ALERT = 2;

    public static LedgerCounts compute(InventorySnapshot inventory, List<Alert> alerts, List<Deployment> deployments,
                                       Map<String, Camera> cameras, Instant at) {
        Set<String> all = new HashSet<>();
        long templates = 0;
        long images = 0;
        Map<String, Tally> byWatchlist = new TreeMap<>();
        Map<String, Set<String>> purposeIndividuals = new TreeMap<>();
        Map<String, long[]> purposeCounts = new HashMap<>();
        Map<String, WatchlistHoldings> lists = new HashMap<>();
        for (WatchlistHoldings w : inventory.watchlists()) {
            lists.put(w.name(), w);
            Set<String> here = new HashSet<>();
            long t = 0;
            long i = 0;
            String purpose = purpose(w);
            Set<String> inPurpose = purposeIndividuals.computeIfAbsent(purpose, k -> new HashSet<>());
            long[] pc = purposeCounts.computeIfAbsent(purpose, k -> new long[2]);
            for (HeldSubject s : w.subjects()) {
                here.add(s.individualKey());
                all.add(s.individualKey());
                inPurpose.add(s.individualKey());
                t += s.templates();
                i += s.images();
            }
            pc[0] += t;
            pc[1] += i;
            templates += t;
            images += i;
            byWatchlist.put(w.name(), new Tally(here.size(), t, i));
        }
        // alerts: a dismissed one is an unknown person's face; the others are faces of listed people
        long unknown = 0;
        Map<String, Set<String>> siteIndividuals = new TreeMap<>();
        Map<String, long[]> siteCounts = new HashMap<>();
        for (Alert a : alerts) {
            if (a.state() == AlertState.EXPIRED) {
                continue;
            }
            images += IMAGES_PER_ALERT;
            String site = cameras.containsKey(a.cameraId()) ? cameras.get(a.cameraId()).location() : "camera " + a.cameraId();
            long[] sc = siteCounts.computeIfAbsent(site, k -> new long[2]);
            sc[1] += IMAGES_PER_ALERT;
            if (a.state() == AlertState.DISMISSED) {
                unknown++;
                all.add("alert:" + a.id());
                siteIndividuals.computeIfAbsent(site, k -> new HashSet<>()).add("alert:" + a.id());
                String p = "dismissed alerts (false matches, retained for review)";
                purposeIndividuals.computeIfAbsent(p, k -> new HashSet<>()).add("alert:" + a.id());
                purposeCounts.computeIfAbsent(p, k -> new long[2])[1] += IMAGES_PER_ALERT;
            }
        }
        // sites: where deployments match against lists; an individual counts once per site
        for (Deployment d : deployments) {
            String site = d.location() == null || d.location().isBlank() ? "deployment " + d.name() : d.location();
            Set<String> here = siteIndividuals.computeIfAbsent(site, k -> new HashSet<>());
            long[] sc = siteCounts.computeIfAbsent(site, k -> new long[2]);
            for (String name : d.watchlists()) {
                WatchlistHoldings w = lists.get(name);
                if (w == null) {
                    continue;
                }
                for (HeldSubject s : w.subjects()) {
                    if (here.add(s.individualKey())) {
                        sc[0] += s.templates();
                        sc[1] += s.images();
                    }
                }
            }
        }
        Map<String, Tally> byPurpose = new TreeMap<>();
        purposeIndividuals.forEach((p, set) -> {
            long[] c = purposeCounts.getOrDefault(p, new long[2]);
            byPurpose.put(p, new Tally(set.size(), c[0], c[1]));
        });
        Map<String, Tally> bySite = new TreeMap<>();
        siteIndividuals.forEach((s, set) -> {
            long[] c = siteCounts.getOrDefault(s, new long[2]);
            bySite.put(s, new Tally(set.size(), c[0], c[1]));
        });
        siteCounts.forEach((s, c) -> bySite.putIfAbsent(s, new Tally(0, c[0], c[1])));
        List<String> purposes = new ArrayList<>(new java.util.TreeSet<>(
                inventory.watchlists().stream().map(LedgerCounts::purpose).toList()));
        return new LedgerCounts(at, all.size(), templates, images, unknown, byWatchlist, byPurpose, bySite, purposes);
    }

    static String purpose(WatchlistHoldings w) {
        return w.category() + ": " + w.legalBasis();
    }

    public Tally total() {
        return new Tally(individuals, templates, images);
    }
}

package io.vigil.watchlist.internal;

import io.vigil.watchlist.match.TemplateIndex;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What matching reads without touching the database: every template in an index per embedding
 * model version, the lists by name and the subjects' pseudonyms; kept in step with every change
 * to the store. Thread-safe: changes come from admin commands, reads from recognition.
 */
final class LoadedTemplates {

    private final Map<String, TemplateIndex> indexes = new ConcurrentHashMap<>();
    private final Map<String, Watchlist> byName = new ConcurrentHashMap<>();
    private final Map<Long, String> pseudonyms = new ConcurrentHashMap<>();

    /** Loads one list's templates; their decrypted vectors are wiped once indexed. */
    int load(WatchlistStore store, Watchlist w) throws WatchlistException {
        byName.put(w.name(), w);
        pseudonyms.putAll(store.pseudonyms(w));
        List<StoredTemplate> templates = store.templates(w);
        for (StoredTemplate t : templates) {
            indexes.computeIfAbsent(t.modelVersion(), v -> new TemplateIndex(v, 512))
                    .add(t.templateId(), t.subjectId(), t.watchlistId(), t.vector());
            Arrays.fill(t.vector(), 0f);
        }
        return templates.size();
    }

    /** The list's templates replaced by what the database now holds. */
    void reload(WatchlistStore store, Watchlist w) throws WatchlistException {
        forget(w);
        load(store, w);
    }

    void forget(Watchlist w) {
        indexes.values().forEach(i -> i.removeWatchlist(w.id()));
        byName.remove(w.name());
    }

    /** A list known by its (new) name with no templates yet, or with a new key. */
    void named(Watchlist w) {
        byName.put(w.name(), w);
    }

    void forgetSubjects(Collection<Long> subjectIds) {
        subjectIds.forEach(pseudonyms::remove);
    }

    Optional<TemplateIndex> index(String modelVersion) {
        return Optional.ofNullable(indexes.get(modelVersion));
    }

    Optional<Watchlist> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    Optional<String> pseudonym(long subjectId) {
        return Optional.ofNullable(pseudonyms.get(subjectId));
    }

    long templates() {
        return indexes.values().stream().mapToLong(TemplateIndex::size).sum();
    }

    int modelVersions() {
        return indexes.size();
    }

    void clear() {
        indexes.clear();
    }
}

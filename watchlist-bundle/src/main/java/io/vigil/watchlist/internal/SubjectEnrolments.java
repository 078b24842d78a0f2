package io.vigil.watchlist.internal;

import io.vigil.api.audit.AuditActions;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Subjects onto a watchlist and off it: enrolment from photo files or one uploaded photo, bulk
 * import from a CSV file, removal. Templates reach the in-memory index as soon as they are stored;
 * every change is audited.
 */
final class SubjectEnrolments {

    /** A subject enrolled from photos, and the faces in those photos the quality gate left out. */
    record Enrolled(Subject subject, List<PhotoEnrolment.IgnoredFace> ignored) {
        Enrolled {
            ignored = List.copyOf(ignored);
        }
    }

    private final OpenStore store;
    private final LoadedTemplates loaded;
    private final WatchlistChanges changes;
    private final AwaitedAnalyzer analyzer;

    SubjectEnrolments(OpenStore store, LoadedTemplates loaded, WatchlistChanges changes, AwaitedAnalyzer analyzer) {
        this.store = store;
        this.loaded = loaded;
        this.changes = changes;
        this.analyzer = analyzer;
    }

    /** @param actor who is recorded in the audit trail: the admin channel's caller, a console user's name */
    Enrolled enrol(String watchlist, String subject, String reference, String notes, Optional<Instant> expires,
                   List<Path> photos, String actor) throws WatchlistException {
        Watchlist w = store.watchlist(watchlist);
        PhotoEnrolment enrolment = new PhotoEnrolment(analyzer.await());
        List<EnrolmentPhoto> made = new ArrayList<>();
        List<PhotoEnrolment.IgnoredFace> ignored = new ArrayList<>();
        for (Path p : photos) {
            PhotoEnrolment.Examined examined = enrolment.examine(p);
            made.add(examined.photo());
            ignored.addAll(examined.ignored());
        }
        return new Enrolled(enrolled(w, subject, reference, notes, expires, made, actor), ignored);
    }

    /** Enrols from one uploaded photo (the web console); the same checks as a photo file. */
    Subject enrol(String watchlist, String subject, byte[] photo, String photoName, String actor) throws WatchlistException {
        Watchlist w = store.watchlist(watchlist);
        if (subject.isBlank() || subject.length() > 200) {
            throw new WatchlistException("a subject's name is 1 to 200 characters");
        }
        EnrolmentPhoto made = new PhotoEnrolment(analyzer.await()).enrol(photo, photoName);
        return enrolled(w, subject, "", "", Optional.empty(), List.of(made), actor);
    }

    private Subject enrolled(Watchlist w, String subject, String reference, String notes, Optional<Instant> expires,
                             List<EnrolmentPhoto> made, String actor) throws WatchlistException {
        Subject s = store.get().enrol(w, new SubjectEnrolment(subject, reference, notes, actor, expires, made));
        loaded.reload(store.get(), w);
        changes.audited(AuditActions.WATCHLIST_SUBJECT_ENROLLED, actor, Map.of("watchlist", w.name(), "subject", s.pseudonym(),
                "photos", Integer.toString(made.size()), "model.version", made.get(0).embedding().modelVersion()));
        return s;
    }

    BulkImport.Report importFrom(String watchlist, Path source, String actor) throws WatchlistException {
        Watchlist w = store.watchlist(watchlist);
        PhotoEnrolment enrolment = new PhotoEnrolment(analyzer.await());
        List<String> lines = new ArrayList<>();
        List<SubjectEnrolment> good = new ArrayList<>();
        List<String> goodWhere = new ArrayList<>();
        int refused = 0;
        for (BulkImport.Candidate c : BulkImport.read(source)) {
            String why = null;
            List<EnrolmentPhoto> photos = new ArrayList<>();
            if (c.name().isBlank()) {
                why = "no name";
            } else if (c.photos().isEmpty()) {
                why = "no photos";
            } else {
                for (Path p : c.photos()) {
                    try {
                        photos.add(enrolment.enrol(p));
                    } catch (WatchlistException e) {
                        why = e.getMessage();
                        break;
                    }
                }
            }
            if (why != null) {
                refused++;
                lines.add("  " + c.where() + " (" + (c.name().isBlank() ? "?" : c.name()) + "): refused: " + why);
            } else {
                good.add(new SubjectEnrolment(c.name(), c.reference(), "", actor + " (import)", Optional.empty(), photos));
                goodWhere.add(c.where());
            }
        }
        if (!good.isEmpty()) {
            List<Subject> subjects = store.get().enrolAll(w, good);
            for (int i = 0; i < subjects.size(); i++) {
                lines.add("  " + goodWhere.get(i) + " (" + subjects.get(i).displayName() + "): enrolled as "
                        + subjects.get(i).pseudonym());
            }
            loaded.reload(store.get(), w);
            for (Subject s : subjects) {
                changes.audited(AuditActions.WATCHLIST_SUBJECT_ENROLLED, actor, Map.of("watchlist", w.name(),
                        "subject", s.pseudonym(), "source", "import"));
            }
        }
        return new BulkImport.Report(lines, good.size(), refused);
    }

    boolean removeSubject(String watchlist, String subject, String actor) throws WatchlistException {
        Watchlist w = store.watchlist(watchlist);
        Optional<Subject> found = store.get().subjects(w, null).stream()
                .filter(x -> x.displayName().equals(subject) || x.pseudonym().equals(subject)).findFirst();
        boolean removed = store.get().removeSubject(w, subject);
        if (removed) {
            loaded.reload(store.get(), w);
            found.ifPresent(f -> loaded.forgetSubjects(List.of(f.id())));
            changes.audited(AuditActions.WATCHLIST_SUBJECT_REMOVED, actor, Map.of("watchlist", w.name(),
                    "subject", found.map(Subject::pseudonym).orElse("?")));
        }
        return removed;
    }
}

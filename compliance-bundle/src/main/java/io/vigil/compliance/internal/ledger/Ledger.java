package io.vigil.compliance.internal.ledger;

import io.vigil.api.compliance.ComplianceTopics;
import io.vigil.compliance.internal.store.SqliteFile;
import io.vigil.compliance.internal.store.StorageException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The ledger's memory and its rules: a daily history of the counts; per jurisdiction profile the
 * early warnings reached, the threshold crossing and the filings it and later changes make due,
 * each with its deadline in working days. Everything is written before it is reported.
 */
public final class Ledger implements AutoCloseable {

    static final List<List<String>> STEPS = List.of(List.of(
            """
            CREATE TABLE history (
              day TEXT PRIMARY KEY,
              individuals INTEGER NOT NULL,
              templates INTEGER NOT NULL,
              images INTEGER NOT NULL,
              unknown INTEGER NOT NULL,
              peak_individuals INTEGER NOT NULL,
              updated TEXT NOT NULL)""",
            """
            CREATE TABLE warning (
              profile TEXT NOT NULL,
              percent INTEGER NOT NULL,
              reached_on TEXT NOT NULL,
              individuals INTEGER NOT NULL,
              PRIMARY KEY (profile, percent))""",
            """
            CREATE TABLE obligation (
              id INTEGER PRIMARY KEY,
              profile TEXT NOT NULL,
              kind TEXT NOT NULL,
              opened_on TEXT NOT NULL,
              deadline TEXT NOT NULL,
              reason TEXT NOT NULL,
              individuals INTEGER NOT NULL,
              filed_on TEXT,
              reference TEXT NOT NULL DEFAULT '')""",
            """
            CREATE TABLE baseline (
              profile TEXT PRIMARY KEY,
              facts TEXT NOT NULL,
              set_on TEXT NOT NULL)"""),
            List.of(
            // warnings told, each once; posted stays empty until Event Admin took it (or "off")
            """
            CREATE TABLE notice (
              id INTEGER PRIMARY KEY,
              profile TEXT NOT NULL,
              kind TEXT NOT NULL,
              individuals INTEGER NOT NULL,
              threshold INTEGER NOT NULL,
              deadline TEXT,
              message TEXT NOT NULL,
              obligation INTEGER,
              raised TEXT NOT NULL,
              posted TEXT)"""));

    /** What a filing states and whose change must be filed again. */
    public record FiledFacts(List<String> purposes, List<String> storage, List<String> security, String band) {
        String encode() {
            return String.join("\u001f", String.join("\u001e", purposes), String.join("\u001e", storage),
                    String.join("\u001e", security), band);
        }

        static FiledFacts decode(String s) {
            String[] f = s.split("\u001f", -1);
            return new FiledFacts(split(f[0]), split(f[1]), split(f[2]), f[3]);
        }

        private static List<String> split(String s) {
            return s.isEmpty() ? List.of() : List.of(s.split("\u001e", -1));
        }

        /** What differs from {@code before}, in words; empty when nothing. */
        List<String> changesSince(FiledFacts before) {
            List<String> out = new ArrayList<>();
            if (!purposes.equals(before.purposes)) {
                out.add("purpose changed: " + before.purposes + " -> " + purposes);
            }
            if (!storage.equals(before.storage)) {
                out.add("storage location changed: " + before.storage + " -> " + storage);
            }
            if (!security.equals(before.security)) {
                out.add("security measures changed");
            }
            if (!band.equals(before.band)) {
                out.add("count band changed: " + before.band + " -> " + band);
            }
            return out;
        }
    }

    /** A history row. */
    public record Day(LocalDate day, long individuals, long templates, long images, long unknown, long peak) {
    }

    /** A profile's state after a recomputation. */
    public record Assessment(JurisdictionProfile profile, long individuals, List<String> warnings,
                             List<Obligation> obligations, Optional<LocalDate> crossedOn) {
    }

    private final SqliteFile db;
    private final Clock clock;
    private final ZoneId zone;

    private Ledger(SqliteFile db, Clock clock, ZoneId zone) {
        this.db = db;
        this.clock = clock;
        this.zone = zone;
    }

    /** @param zone where "today" is decided (the jurisdiction's: Asia/Shanghai for CN) */
    public static Ledger open(Path file, Clock clock, ZoneId zone) throws StorageException {
        return new Ledger(SqliteFile.open(file, "facial-data ledger", STEPS), clock, zone);
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    /**
     * Records the counts in today's history row and applies every profile's rules; what became due
     * or was reached is written as a {@link LedgerWarning} and, once committed, told to {@code alarm}
     * (the warning channels) once.
     */
    public List<Assessment> record(LedgerCounts counts, FiledFacts facts, List<JurisdictionProfile> profiles,
                                   WorkingDayCalendar calendar, Consumer<LedgerWarning> alarm) throws StorageException {
        LocalDate today = today();
        List<LedgerWarning> alarms = new ArrayList<>();
        List<Assessment> out = db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO history VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(day)"
                    + " DO UPDATE SET individuals = excluded.individuals, templates = excluded.templates,"
                    + " images = excluded.images, unknown = excluded.unknown,"
                    + " peak_individuals = max(peak_individuals, excluded.individuals), updated = excluded.updated")) {
                s.setString(1, today.toString());
                s.setLong(2, counts.individuals());
                s.setLong(3, counts.templates());
                s.setLong(4, counts.images());
                s.setLong(5, counts.unknownIndividuals());
                s.setLong(6, counts.individuals());
                s.setString(7, clock.instant().toString());
                s.executeUpdate();
            }
            List<Assessment> all = new ArrayList<>();
            for (JurisdictionProfile p : profiles) {
                all.add(apply(c, p, counts.individuals(), facts, today, calendar, alarms));
            }
            keep(c, alarms);
            return all;
        });
        alarms.forEach(alarm);
        return out;
    }

    private Assessment apply(Connection c, JurisdictionProfile p, long individuals, FiledFacts facts, LocalDate today,
                             WorkingDayCalendar calendar, List<LedgerWarning> alarms) throws SQLException, StorageException {
        List<String> warnings = new ArrayList<>();
        if (!p.countTriggered()) {
            return new Assessment(p, individuals, warnings, obligations(c, p.code()), Optional.empty());
        }
        for (int percent : p.warningPercents()) {
            long level = (p.threshold() * percent + 99) / 100;
            if (individuals >= level && individuals < p.threshold()) {
                warnings.add(p.code() + ": " + individuals + " individuals held, " + percent + "% of the filing threshold "
                        + p.threshold() + " reached");
            }
            if (individuals >= level && reachedOn(c, p.code(), percent).isEmpty()) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO warning VALUES (?, ?, ?, ?)")) {
                    s.setString(1, p.code());
                    s.setInt(2, percent);
                    s.setString(3, today.toString());
                    s.setLong(4, individuals);
                    s.executeUpdate();
                }
                alarms.add(warning(p, ComplianceTopics.EARLY_WARNING, individuals, null, p.code() + " early warning: "
                        + individuals + " individuals' facial data held, " + percent + "% of the filing threshold ("
                        + p.threshold() + ")"));
            }
        }
        List<Obligation> existing = obligations(c, p.code());
        Optional<Obligation> initial = existing.stream().filter(o -> o.kind().equals("INITIAL")).findFirst();
        if (initial.isEmpty() && individuals >= p.threshold()) {
            LocalDate deadline = deadline(calendar, today, p);
            insert(c, p, "INITIAL", today, deadline, "facial data of " + individuals + " individuals held (threshold "
                    + p.threshold() + ")", individuals);
            setBaseline(c, p.code(), facts, today);
            alarms.add(warning(p, ComplianceTopics.THRESHOLD_CROSSED, individuals, deadline, p.code()
                    + " filing threshold crossed on " + today + ": " + individuals
                    + " individuals; file with the provincial CAC by " + deadline));
        } else if (initial.isPresent()) {
            Optional<FiledFacts> before = baseline(c, p.code());
            List<String> changes = before.map(facts::changesSince).orElse(List.of());
            boolean openChange = existing.stream().anyMatch(o -> o.kind().equals("CHANGE") && o.open());
            if (!changes.isEmpty()) {
                if (!openChange) {
                    LocalDate deadline = deadline(calendar, today, p);
                    insert(c, p, "CHANGE", today, deadline, String.join("; ", changes), individuals);
                    alarms.add(warning(p, ComplianceTopics.CHANGE_DUE, individuals, deadline, p.code()
                            + " change filing due by " + deadline + ": " + String.join("; ", changes)));
                }
                setBaseline(c, p.code(), facts, today);
            }
            boolean cancellation = existing.stream().anyMatch(o -> o.kind().equals("CANCELLATION"));
            if (individuals == 0 && !cancellation) {
                LocalDate deadline = deadline(calendar, today, p);
                insert(c, p, "CANCELLATION", today, deadline, "use stopped: no facial data held any more", 0);
                alarms.add(warning(p, ComplianceTopics.CANCELLATION_DUE, 0, deadline, p.code()
                        + " cancellation filing due by " + deadline + ": no facial data is held any more"));
            }
        }
        for (Obligation o : obligations(c, p.code())) {
            if (o.open()) {
                remind(c, p, o, individuals, today, calendar, alarms);
                warnings.add(p.code() + ": " + o.kind().toLowerCase() + " filing due by " + o.deadline()
                        + (today.isAfter(o.deadline()) ? " (OVERDUE)" : "") + " - " + o.reason());
            }
        }
        return new Assessment(p, individuals, warnings, obligations(c, p.code()),
                obligations(c, p.code()).stream().filter(o -> o.kind().equals("INITIAL")).map(Obligation::openedOn).findFirst());
    }

    private LedgerWarning warning(JurisdictionProfile p, String kind, long individuals, LocalDate deadline, String message) {
        return new LedgerWarning(0, p.code(), kind, individuals, p.threshold(), Optional.ofNullable(deadline), message,
                clock.instant(), Optional.empty());
    }

    /**
     * An open filing's deadline, told once when it comes within the profile's reminder period and
     * once when it has passed (only the latter after downtime that skipped the former).
     */
    private void remind(Connection c, JurisdictionProfile p, Obligation o, long individuals, LocalDate today,
                        WorkingDayCalendar calendar, List<LedgerWarning> alarms) throws SQLException, StorageException {
        String filing = o.kind().toLowerCase() + " filing";
        if (today.isAfter(o.deadline())) {
            if (!told(c, o.id(), ComplianceTopics.DEADLINE_OVERDUE)) {
                alarms.add(warning(p, ComplianceTopics.DEADLINE_OVERDUE, individuals, o.deadline(), p.code() + " " + filing
                        + " OVERDUE: it was due by " + o.deadline() + " (" + o.reason() + ")").withObligation(o.id()));
            }
            return;
        }
        if (p.reminderDays() < 1 || told(c, o.id(), ComplianceTopics.DEADLINE_APPROACHING)
                || told(c, o.id(), ComplianceTopics.DEADLINE_OVERDUE)) {
            return;
        }
        int left;
        try {
            left = calendar.workingDaysBetween(today, o.deadline());
        } catch (CalendarException e) {
            throw new StorageException("the deadline reminder cannot be computed: " + e.getMessage(), null);
        }
        if (left <= p.reminderDays()) {
            alarms.add(warning(p, ComplianceTopics.DEADLINE_APPROACHING, individuals, o.deadline(), p.code() + " " + filing
                    + " due by " + o.deadline() + ", " + left + " working days left (" + o.reason() + ")")
                    .withObligation(o.id()));
        }
    }

    private static boolean told(Connection c, long obligation, String kind) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM notice WHERE obligation = ? AND kind = ?")) {
            s.setLong(1, obligation);
            s.setString(2, kind);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    /** Writes the warnings (in the caller's transaction) and gives each its row id. */
    private static void keep(Connection c, List<LedgerWarning> warnings) throws SQLException {
        for (ListIterator<LedgerWarning> it = warnings.listIterator(); it.hasNext(); ) {
            LedgerWarning w = it.next();
            try (PreparedStatement s = c.prepareStatement("INSERT INTO notice (profile, kind, individuals, threshold,"
                    + " deadline, message, obligation, raised) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                s.setString(1, w.profile());
                s.setString(2, w.kind());
                s.setLong(3, w.count());
                s.setLong(4, w.threshold());
                s.setString(5, w.deadline().map(LocalDate::toString).orElse(null));
                s.setString(6, w.message());
                if (w.obligation().isPresent()) {
                    s.setLong(7, w.obligation().get());
                } else {
                    s.setNull(7, java.sql.Types.INTEGER);
                }
                s.setString(8, w.raised().toString());
                s.executeUpdate();
                try (ResultSet keys = s.getGeneratedKeys()) {
                    keys.next();
                    it.set(w.withId(keys.getLong(1)));
                }
            }
        }
    }

    /** Warnings not yet posted on Event Admin, oldest first. */
    public List<LedgerWarning> unposted() throws StorageException {
        return db.read(c -> {
            List<LedgerWarning> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT * FROM notice WHERE posted IS NULL"
                    + " ORDER BY id")) {
                while (r.next()) {
                    out.add(new LedgerWarning(r.getLong("id"), r.getString("profile"), r.getString("kind"),
                            r.getLong("individuals"), r.getLong("threshold"),
                            Optional.ofNullable(r.getString("deadline")).map(LocalDate::parse), r.getString("message"),
                            Instant.parse(r.getString("raised")), Optional.ofNullable((Number) r.getObject("obligation"))
                            .map(Number::longValue)));
                }
            }
            return out;
        });
    }

    /** Marks a warning as posted ({@code how}: the time, or "off" when the Event Admin channel is not chosen). */
    public void posted(long id, String how) throws StorageException {
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE notice SET posted = ? WHERE id = ?")) {
                s.setString(1, how);
                s.setLong(2, id);
                s.executeUpdate();
            }
            return null;
        });
    }

    private static LocalDate deadline(WorkingDayCalendar calendar, LocalDate day, JurisdictionProfile p) throws StorageException {
        try {
            return calendar.deadline(day, p.deadlineDays());
        } catch (CalendarException e) {
            throw new StorageException("the deadline cannot be computed: " + e.getMessage(), null);
        }
    }

    private void insert(Connection c, JurisdictionProfile p, String kind, LocalDate on, LocalDate deadline, String reason,
                        long individuals) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO obligation (profile, kind, opened_on, deadline, reason,"
                + " individuals) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setString(1, p.code());
            s.setString(2, kind);
            s.setString(3, on.toString());
            s.setString(4, deadline.toString());
            s.setString(5, reason);
            s.setLong(6, individuals);
            s.executeUpdate();
        }
    }

    private static Optional<LocalDate> reachedOn(Connection c, String profile, int percent) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT reached_on FROM warning WHERE profile = ? AND percent = ?")) {
            s.setString(1, profile);
            s.setInt(2, percent);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(LocalDate.parse(r.getString(1))) : Optional.empty();
            }
        }
    }

    private static Optional<FiledFacts> baseline(Connection c, String profile) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT facts FROM baseline WHERE profile = ?")) {
            s.setString(1, profile);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(FiledFacts.decode(r.getString(1))) : Optional.empty();
            }
        }
    }

    private static void setBaseline(Connection c, String profile, FiledFacts facts, LocalDate on) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO baseline VALUES (?, ?, ?) ON CONFLICT(profile) DO UPDATE"
                + " SET facts = excluded.facts, set_on = excluded.set_on")) {
            s.setString(1, profile);
            s.setString(2, facts.encode());
            s.setString(3, on.toString());
            s.executeUpdate();
        }
    }

    private static List<Obligation> obligations(Connection c, String profile) throws SQLException {
        List<Obligation> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM obligation WHERE profile = ? ORDER BY id")) {
            s.setString(1, profile);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Obligation(r.getLong("id"), r.getString("profile"), r.getString("kind"),
                            LocalDate.parse(r.getString("opened_on")), LocalDate.parse(r.getString("deadline")),
                            r.getString("reason"), r.getLong("individuals"),
                            Optional.ofNullable(r.getString("filed_on")).map(LocalDate::parse), r.getString("reference")));
                }
            }
        }
        return out;
    }

    public List<Obligation> obligations(String profile) throws StorageException {
        return db.read(c -> obligations(c, profile));
    }

    /** Warning levels reached, by percent, with the day. */
    public Map<Integer, LocalDate> warningsReached(String profile) throws StorageException {
        return db.read(c -> {
            Map<Integer, LocalDate> out = new LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT percent, reached_on FROM warning WHERE profile = ?"
                    + " ORDER BY percent")) {
                s.setString(1, profile);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.put(r.getInt(1), LocalDate.parse(r.getString(2)));
                    }
                }
            }
            return out;
        });
    }

    /** What must be durable before a recorded stop takes effect: its audit entry. */
    public interface StopAudit {
        void record(Obligation cancellation) throws StorageException;
    }

    /**
     * Records that the use of facial recognition stopped on {@code day}: opens the profile's
     * cancellation filing, due {@code deadlineDays} working days from the day after. {@code audit}
     * runs inside the same transaction, so when the stop cannot be audited nothing is recorded.
     *
     * @throws IllegalArgumentException a blank reason, a day in the future or a profile without filings
     * @throws IllegalStateException    nothing was ever due to be filed, or a cancellation is already open or filed
     */
    public Obligation useStopped(JurisdictionProfile p, LocalDate day, String reason, long individuals,
                                 WorkingDayCalendar calendar, StopAudit audit, Consumer<LedgerWarning> alarm)
            throws StorageException {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("the reason the use stopped is required");
        }
        if (day.isAfter(today())) {
            throw new IllegalArgumentException("the use cannot be recorded as stopped on " + day + ", after today (" + today()
                    + ")");
        }
        if (!p.countTriggered()) {
            throw new IllegalArgumentException("profile " + p.code() + " has no filing to cancel");
        }
        LedgerWarning[] told = new LedgerWarning[1];
        Obligation opened = db.transaction(c -> {
            List<Obligation> existing = obligations(c, p.code());
            if (existing.stream().noneMatch(o -> o.kind().equals("INITIAL"))) {
                throw new IllegalStateException(p.code() + ": the filing threshold was never crossed, so there is no filing"
                        + " to cancel");
            }
            Optional<Obligation> cancelled = existing.stream().filter(o -> o.kind().equals("CANCELLATION")).findFirst();
            if (cancelled.isPresent()) {
                Obligation o = cancelled.get();
                throw new IllegalStateException(p.code() + ": a cancellation filing was opened on " + o.openedOn() + " already ("
                        + o.filedOn().map(f -> "filed " + f).orElse("due by " + o.deadline()) + ")");
            }
            LocalDate deadline = deadline(calendar, day, p);
            String why = "use stopped on " + day + ": " + reason.strip()
                    + (individuals > 0 ? " (" + individuals + " individuals' facial data still held)" : "");
            insert(c, p, "CANCELLATION", day, deadline, why, individuals);
            List<Obligation> now = obligations(c, p.code());
            Obligation o = now.get(now.size() - 1);
            audit.record(o);
            List<LedgerWarning> w = new ArrayList<>(List.of(warning(p, ComplianceTopics.CANCELLATION_DUE, individuals,
                    deadline, p.code() + " cancellation filing due by " + deadline + ": " + why).withObligation(o.id())));
            keep(c, w);
            told[0] = w.get(0);
            return o;
        });
        alarm.accept(told[0]);
        return opened;
    }

    /** Marks the oldest open filing of that kind as filed; false when none is open. */
    public boolean filed(String profile, String kind, LocalDate on, String reference) throws StorageException {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE obligation SET filed_on = ?, reference = ? WHERE id ="
                    + " (SELECT min(id) FROM obligation WHERE profile = ? AND kind = ? AND filed_on IS NULL)")) {
                s.setString(1, on.toString());
                s.setString(2, reference);
                s.setString(3, profile);
                s.setString(4, kind);
                return s.executeUpdate() == 1;
            }
        });
    }

    public List<Day> history(int days) throws StorageException {
        return db.read(c -> {
            List<Day> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT * FROM (SELECT * FROM history"
                    + " ORDER BY day DESC LIMIT " + Math.max(1, days) + ") ORDER BY day")) {
                while (r.next()) {
                    out.add(new Day(LocalDate.parse(r.getString("day")), r.getLong("individuals"), r.getLong("templates"),
                            r.getLong("images"), r.getLong("unknown"), r.getLong("peak_individuals")));
                }
            }
            return out;
        });
    }

    @Override
    public void close() {
        db.close();
    }
}

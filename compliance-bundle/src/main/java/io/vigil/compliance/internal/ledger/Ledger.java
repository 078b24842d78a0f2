package io.vigil.compliance.internal.ledger;

import io.vigil.compliance.internal.store.SqliteFile;
import io.vigil.compliance.internal.store.StorageException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
              set_on TEXT NOT NULL)"""));

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
     * or was reached is told to {@code alarm} (the log, the alert channels) once.
     */
    public List<Assessment> record(LedgerCounts counts, FiledFacts facts, List<JurisdictionProfile> profiles,
                                   WorkingDayCalendar calendar, Consumer<String> alarm) throws StorageException {
        LocalDate today = today();
        List<String> alarms = new ArrayList<>();
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
            return all;
        });
        alarms.forEach(alarm);
        return out;
    }

    private Assessment apply(Connection c, JurisdictionProfile p, long individuals, FiledFacts facts, LocalDate today,
                             WorkingDayCalendar calendar, List<String> alarms) throws SQLException, StorageException {
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
                alarms.add(p.code() + " early warning: " + individuals + " individuals' facial data held, " + percent
                        + "% of the filing threshold (" + p.threshold() + ")");
            }
        }
        List<Obligation> existing = obligations(c, p.code());
        Optional<Obligation> initial = existing.stream().filter(o -> o.kind().equals("INITIAL")).findFirst();
        if (initial.isEmpty() && individuals >= p.threshold()) {
            LocalDate deadline = deadline(calendar, today, p);
            insert(c, p, "INITIAL", today, deadline, "facial data of " + individuals + " individuals held (threshold "
                    + p.threshold() + ")", individuals);
            setBaseline(c, p.code(), facts, today);
            alarms.add(p.code() + " filing threshold crossed on " + today + ": " + individuals
                    + " individuals; file with the provincial CAC by " + deadline);
        } else if (initial.isPresent()) {
            Optional<FiledFacts> before = baseline(c, p.code());
            List<String> changes = before.map(facts::changesSince).orElse(List.of());
            boolean openChange = existing.stream().anyMatch(o -> o.kind().equals("CHANGE") && o.open());
            if (!changes.isEmpty()) {
                if (!openChange) {
                    LocalDate deadline = deadline(calendar, today, p);
                    insert(c, p, "CHANGE", today, deadline, String.join("; ", changes), individuals);
                    alarms.add(p.code() + " change filing due by " + deadline + ": " + String.join("; ", changes));
                }
                setBaseline(c, p.code(), facts, today);
            }
            boolean cancellation = existing.stream().anyMatch(o -> o.kind().equals("CANCELLATION"));
            if (individuals == 0 && !cancellation) {
                LocalDate deadline = deadline(calendar, today, p);
                insert(c, p, "CANCELLATION", today, deadline, "use stopped: no facial data held any more", 0);
                alarms.add(p.code() + " cancellation filing due by " + deadline + ": no facial data is held any more");
            }
        }
        for (Obligation o : obligations(c, p.code())) {
            if (o.open()) {
                warnings.add(p.code() + ": " + o.kind().toLowerCase() + " filing due by " + o.deadline()
                        + (today.isAfter(o.deadline()) ? " (OVERDUE)" : "") + " - " + o.reason());
            }
        }
        return new Assessment(p, individuals, warnings, obligations(c, p.code()),
                obligations(c, p.code()).stream().filter(o -> o.kind().equals("INITIAL")).map(Obligation::openedOn).findFirst());
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

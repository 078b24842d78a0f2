package io.vigil.console.internal;

import io.vigil.support.sqlite.SqliteDatabase;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The console's people, apart from the ONVIF service accounts: SQLite in the data folder, each
 * with one role and an Argon2id password hash. Repeated wrong passwords lock the account for a
 * while; a locked account refuses even the right password until the time is up or an
 * administrator unlocks it ({@code vigil users unlock}).
 */
final class UserStore implements AutoCloseable {

    /** A console user as stored, without the hash. */
    record User(String name, Role role, int failures, Optional<Instant> lockedUntil, Instant created,
                Optional<Instant> lastLogin) {
    }

    enum Outcome { OK, WRONG_PASSWORD, UNKNOWN_USER, LOCKED }

    /**
     * The result of a login attempt.
     *
     * @param outcome     what happened
     * @param user        the user when known
     * @param lockedUntil for LOCKED, until when; also set on the failure that locked the account
     */
    record Attempt(Outcome outcome, Optional<User> user, Optional<Instant> lockedUntil) {
        boolean succeeded() {
            return outcome == Outcome.OK;
        }
    }

    /** Lockout: after {@code failures} wrong passwords in a row the account is locked for {@code duration}. */
    record Lockout(int failures, Duration duration) {
        Lockout {
            if (failures < 1 || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("lockout needs at least 1 failure and a positive duration");
            }
        }
    }

    private static final SqliteDatabase.Schema SCHEMA = new SqliteDatabase.Schema("console users", List.of(List.of(
            "CREATE TABLE console_user (name TEXT PRIMARY KEY COLLATE NOCASE, role TEXT NOT NULL,"
                    + " password TEXT NOT NULL, failures INTEGER NOT NULL DEFAULT 0, locked_until INTEGER,"
                    + " created INTEGER NOT NULL, last_login INTEGER)")),
            Set.of(SqliteDatabase.Feature.SECURE_DELETE));

    private final SqliteDatabase<ConsoleException> db;
    private final PasswordHasher hasher;
    private final Lockout lockout;
    private final Clock clock;

    private UserStore(SqliteDatabase<ConsoleException> db, PasswordHasher hasher, Lockout lockout, Clock clock) {
        this.db = db;
        this.hasher = hasher;
        this.lockout = lockout;
        this.clock = clock;
    }

    static UserStore open(Path file, PasswordHasher hasher, Lockout lockout, Clock clock) throws ConsoleException {
        return new UserStore(SqliteDatabase.open(file, SCHEMA, ConsoleException::new), hasher, lockout, clock);
    }

    Path file() {
        return db.file();
    }

    /** A user name: 1 to 64 letters, digits, '.', '_', '-' or '@'. */
    static String checkName(String given) throws ConsoleException {
        String name = given == null ? "" : given.strip();
        if (!name.matches("[\\p{L}\\p{N}._@-]{1,64}")) {
            throw new ConsoleException("a user name is 1 to 64 letters, digits, '.', '_', '-' or '@'");
        }
        return name;
    }

    static void checkPassword(char[] password) throws ConsoleException {
        if (password.length < 12) {
            throw new ConsoleException("a console password has at least 12 characters");
        }
        if (password.length > 1024) {
            throw new ConsoleException("a console password has at most 1024 characters");
        }
    }

    synchronized User add(String name, Role role, char[] password) throws ConsoleException {
        String n = checkName(name);
        checkPassword(password);
        if (find(n).isPresent()) {
            throw new ConsoleException("there is already a console user " + n);
        }
        String hash = hasher.hash(password);
        db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO console_user (name, role, password, created) VALUES (?, ?, ?, ?)")) {
                p.setString(1, n);
                p.setString(2, role.word);
                p.setString(3, hash);
                p.setLong(4, clock.millis());
                return p.executeUpdate();
            }
        });
        return find(n).orElseThrow();
    }

    synchronized boolean remove(String name) throws ConsoleException {
        return update("DELETE FROM console_user WHERE name = ?", name) > 0;
    }

    synchronized boolean unlock(String name) throws ConsoleException {
        return update("UPDATE console_user SET failures = 0, locked_until = NULL WHERE name = ?", name) > 0;
    }

    synchronized List<User> list() throws ConsoleException {
        return db.read(c -> {
            List<User> out = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT name, role, failures, locked_until, created, last_login FROM console_user"
                         + " ORDER BY name")) {
                while (r.next()) {
                    out.add(user(r));
                }
            }
            return out;
        });
    }

    synchronized Optional<User> find(String name) throws ConsoleException {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT name, role, failures, locked_until, created, last_login FROM console_user WHERE name = ?")) {
                p.setString(1, name == null ? "" : name.strip());
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? Optional.of(user(r)) : Optional.<User>empty();
                }
            }
        });
    }

    /**
     * One login attempt. A locked account is refused without looking at the password; an unknown
     * name costs the time of a hash as well, so timing does not tell which names exist.
     */
    synchronized Attempt authenticate(String name, char[] password) throws ConsoleException {
        Instant now = clock.instant();
        record Stored(User user, String hash) {
        }
        Optional<Stored> stored = db.read(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT name, role, failures, locked_until, created, last_login, password FROM console_user WHERE name = ?")) {
                p.setString(1, name == null ? "" : name.strip());
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? Optional.of(new Stored(user(r), r.getString(7))) : Optional.<Stored>empty();
                }
            }
        });
        if (stored.isEmpty()) {
            hasher.verifyDecoy(password);
            return new Attempt(Outcome.UNKNOWN_USER, Optional.empty(), Optional.empty());
        }
        User user = stored.get().user();
        String hash = stored.get().hash();
        if (user.lockedUntil().isPresent() && now.isBefore(user.lockedUntil().get())) {
            // as long as any other refusal: the time taken must not tell a locked account from an unknown name
            hasher.verifyDecoy(password);
            return new Attempt(Outcome.LOCKED, Optional.of(user), user.lockedUntil());
        }
        if (hasher.verify(password, hash)) {
            db.transaction(c -> {
                try (PreparedStatement p = c.prepareStatement(
                        "UPDATE console_user SET failures = 0, locked_until = NULL, last_login = ? WHERE name = ?")) {
                    p.setLong(1, now.toEpochMilli());
                    p.setString(2, user.name());
                    return p.executeUpdate();
                }
            });
            return new Attempt(Outcome.OK, find(user.name()), Optional.empty());
        }
        int failures = user.lockedUntil().isPresent() ? 1 : user.failures() + 1; // a lock that ran out starts afresh
        Optional<Instant> lockedUntil = failures >= lockout.failures() ? Optional.of(now.plus(lockout.duration()))
                : Optional.empty();
        db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE console_user SET failures = ?, locked_until = ? WHERE name = ?")) {
                p.setInt(1, lockedUntil.isPresent() ? 0 : failures);
                if (lockedUntil.isPresent()) {
                    p.setLong(2, lockedUntil.get().toEpochMilli());
                } else {
                    p.setNull(2, java.sql.Types.INTEGER);
                }
                p.setString(3, user.name());
                return p.executeUpdate();
            }
        });
        return new Attempt(lockedUntil.isPresent() ? Outcome.LOCKED : Outcome.WRONG_PASSWORD, find(user.name()), lockedUntil);
    }

    private int update(String sql, String name) throws ConsoleException {
        return db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                p.setString(1, name == null ? "" : name.strip());
                return p.executeUpdate();
            }
        });
    }

    private static User user(ResultSet r) throws SQLException {
        long locked = r.getLong(4);
        boolean isLocked = !r.wasNull();
        long last = r.getLong(6);
        boolean hasLast = !r.wasNull();
        Role role = Role.parse(r.getString(2)).orElse(Role.AUDITOR);
        return new User(r.getString(1), role, r.getInt(3), isLocked ? Optional.of(Instant.ofEpochMilli(locked)) : Optional.empty(),
                Instant.ofEpochMilli(r.getLong(5)), hasLast ? Optional.of(Instant.ofEpochMilli(last)) : Optional.empty());
    }

    @Override
    public synchronized void close() {
        db.close();
    }
}

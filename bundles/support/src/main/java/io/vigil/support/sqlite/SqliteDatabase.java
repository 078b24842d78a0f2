package io.vigil.support.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * One SQLite file of a Vigil bundle, opened the way records that must survive a crash need
 * (write-ahead log, {@code synchronous=FULL}: a committed row is on disk when the call returns),
 * migrated by {@code PRAGMA user_version} one numbered step at a time, and used through one
 * connection under a lock (every Vigil database is written at the rate people walk past cameras or
 * administrators type, not faster). A file that is not this database, or one from a newer Vigil,
 * is refused and left untouched, because the records in it may be evidence.
 *
 * <p>Errors are the owning bundle's own exception type {@code E}, made by its {@link Failure}, so
 * the callers of each bundle keep catching what they caught before.
 */
public final class SqliteDatabase<E extends Exception> implements AutoCloseable {

    /** Settings some databases need and others do not. */
    public enum Feature {
        /** {@code PRAGMA foreign_keys}: rows that belong to a removed row go with it. */
        FOREIGN_KEYS,
        /** {@code PRAGMA secure_delete}: freed pages are zeroed (erasure depends on it). */
        SECURE_DELETE
    }

    /**
     * What a database is.
     *
     * @param what     its name in messages ("audit trail", "watchlists")
     * @param steps    the schema as numbered steps: step i (from 1) is {@code steps.get(i - 1)}; released
     *                 steps are never edited, only added
     * @param features the settings it is opened with
     */
    public record Schema(String what, List<List<String>> steps, Set<Feature> features) {
        public Schema {
            steps = List.copyOf(steps);
            features = features.isEmpty() ? Set.of() : Set.copyOf(features);
        }
    }

    /** Makes the owning bundle's exception. */
    public interface Failure<E extends Exception> {
        E of(String message, Exception cause);
    }

    /** Work done on the connection; inside {@link #transaction} all of it or none of it. */
    public interface Work<T, E extends Exception> {
        T run(Connection connection) throws SQLException, E;
    }

    private final Path file;
    private final String what;
    private final Failure<E> failure;
    private final Connection connection;

    private SqliteDatabase(Path file, String what, Failure<E> failure, Connection connection) {
        this.file = file;
        this.what = what;
        this.failure = failure;
        this.connection = connection;
    }

    public static <E extends Exception> SqliteDatabase<E> open(Path file, Schema schema, Failure<E> failure) throws E {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw failure.of("cannot create the folder for " + file + ": " + e.getMessage(), e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(schema.features().contains(Feature.FOREIGN_KEYS));
        config.setBusyTimeout(10_000);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file);
        Connection c = null;
        try {
            c = source.getConnection();
            try (Statement s = c.createStatement()) {
                if (schema.features().contains(Feature.SECURE_DELETE)) {
                    s.execute("PRAGMA secure_delete = ON");
                }
                // reading the schema is the first thing that fails on a file that is not SQLite
                s.executeQuery("SELECT count(*) FROM sqlite_master").close();
            }
            SqliteDatabase<E> db = new SqliteDatabase<>(file, schema.what(), failure, c);
            db.migrate(schema.steps());
            return db;
        } catch (SQLException e) {
            closeQuietly(c);
            throw explain(file, schema.what(), failure, e);
        } catch (Exception e) {
            // E from a migration step; nothing else is thrown here
            closeQuietly(c);
            throw e;
        }
    }

    private void migrate(List<List<String>> steps) throws E, SQLException {
        int version;
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("PRAGMA user_version")) {
            version = r.getInt(1);
        }
        if (version > steps.size()) {
            throw failure.of(file + " was written by a newer Vigil (schema " + version + ", this one knows "
                    + steps.size() + "); it was left untouched", null);
        }
        if (version == 0 && hasTables()) {
            throw failure.of(file + " is an SQLite database but not Vigil's " + what + "; it was left untouched", null);
        }
        for (int step = version; step < steps.size(); step++) {
            int target = step + 1;
            transaction(c -> {
                try (Statement s = c.createStatement()) {
                    for (String sql : steps.get(target - 1)) {
                        s.execute(sql);
                    }
                    s.execute("PRAGMA user_version = " + target);
                }
                return null;
            });
        }
    }

    private boolean hasTables() throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table'")) {
            return r.getInt(1) > 0;
        }
    }

    public synchronized <T> T transaction(Work<T, ? extends E> work) throws E {
        try {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (Exception e) {
                // SQLite rolls back by itself after some errors (SQLITE_FULL among them); a second
                // rollback then fails and must not hide the error that matters
                try {
                    connection.rollback();
                } catch (SQLException alreadyRolledBack) {
                    e.addSuppressed(alreadyRolledBack);
                }
                throw e;
            } finally {
                try {
                    connection.setAutoCommit(true);
                } catch (SQLException ignored) {
                    // the connection is back in autocommit after SQLite's own rollback
                }
            }
        } catch (SQLException e) {
            throw explain(file, what, failure, e);
        }
    }

    public synchronized <T> T read(Work<T, ? extends E> work) throws E {
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw explain(file, what, failure, e);
        }
    }

    /**
     * Moves everything in the write-ahead log into the database file and empties the log, so that
     * pages {@code secure_delete} zeroed are zero in the file too and the log keeps no older copy.
     * Returns false when a reader held the log (the next call empties it).
     */
    public synchronized boolean checkpointAndTruncateLog() throws E {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
            return !(r.next() && r.getInt(1) != 0);
        } catch (SQLException e) {
            throw explain(file, what, failure, e);
        }
    }

    public Path file() {
        return file;
    }

    /** A clear message for what SQLite said, naming the file and what it means for the records in it. */
    static <E extends Exception> E explain(Path file, String what, Failure<E> failure, SQLException e) {
        if (e instanceof SQLiteException se) {
            SQLiteErrorCode code = se.getResultCode();
            if (code == SQLiteErrorCode.SQLITE_NOTADB || code.name().startsWith("SQLITE_CORRUPT")) {
                return failure.of("the " + what + " " + file + " is damaged or not a database (" + code.name()
                        + "); it was left untouched: keep it and restore a backup beside it", e);
            }
            if (code == SQLiteErrorCode.SQLITE_FULL || code.name().startsWith("SQLITE_IOERR")) {
                return failure.of("cannot write the " + what + " " + file + " (" + code.name()
                        + ": disk full or failing); the change was rolled back, what was stored before is intact", e);
            }
            if (code.name().startsWith("SQLITE_READONLY") || code == SQLiteErrorCode.SQLITE_CANTOPEN) {
                return failure.of("cannot open the " + what + " " + file + " for writing (" + code.name() + ")", e);
            }
        }
        return failure.of(what + " " + file + ": " + e.getMessage(), e);
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already failing; the first error is the one reported
            }
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly(connection);
    }
}

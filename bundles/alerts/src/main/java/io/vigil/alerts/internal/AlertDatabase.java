package io.vigil.alerts.internal;

import io.vigil.api.alert.AlertStoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The SQLite file of the alerts: write-ahead log with full sync (a stored alert survives a power
 * cut), {@code secure_delete} so pages freed by retention are zeroed, foreign keys so an alert's
 * evidence, reviews and announcements go with it. One connection under a lock: alerts arrive at
 * the rate people walk past cameras, not faster. A file that is not Vigil's alert database, or
 * one from a newer Vigil, is refused and left untouched.
 */
final class AlertDatabase implements AutoCloseable {

    private final Path file;
    private final Connection connection;

    private AlertDatabase(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    static AlertDatabase open(Path file) throws AlertStoreException {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new AlertStoreException("cannot create the folder for " + file + ": " + e.getMessage(), e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(10_000);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file);
        Connection c = null;
        try {
            c = source.getConnection();
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA secure_delete = ON");
                // reading the schema is the first thing that fails on a file that is not SQLite
                s.executeQuery("SELECT count(*) FROM sqlite_master").close();
            }
            AlertDatabase db = new AlertDatabase(file, c);
            db.migrate();
            return db;
        } catch (SQLException e) {
            closeQuietly(c);
            throw explain(file, e);
        } catch (AlertStoreException e) {
            closeQuietly(c);
            throw e;
        }
    }

    private void migrate() throws AlertStoreException, SQLException {
        int version;
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("PRAGMA user_version")) {
            version = r.getInt(1);
        }
        if (version > AlertSchema.latest()) {
            throw new AlertStoreException(file + " was written by a newer Vigil (schema " + version + ", this one knows "
                    + AlertSchema.latest() + "); it was left untouched", null);
        }
        if (version == 0 && hasTables()) {
            throw new AlertStoreException(file + " is an SQLite database but not Vigil's alerts; it was left untouched", null);
        }
        for (int step = version; step < AlertSchema.latest(); step++) {
            int target = step + 1;
            transaction(c -> {
                try (Statement s = c.createStatement()) {
                    for (String sql : AlertSchema.STEPS.get(target - 1)) {
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

    /** Work done inside one transaction: all of it or none of it. */
    interface Work<T> {
        T run(Connection connection) throws SQLException, AlertStoreException;
    }

    synchronized <T> T transaction(Work<T> work) throws AlertStoreException {
        try {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | AlertStoreException | RuntimeException e) {
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
            throw explain(file, e);
        }
    }

    synchronized <T> T read(Work<T> work) throws AlertStoreException {
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw explain(file, e);
        }
    }

    /**
     * Moves everything in the write-ahead log into the database file and empties the log, so that
     * pages {@code secure_delete} zeroed are zero in the file too and the log keeps no older copy.
     * Returns false when a reader held the log (the next run empties it).
     */
    synchronized boolean checkpointAndTruncateLog() throws AlertStoreException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
            return !(r.next() && r.getInt(1) != 0);
        } catch (SQLException e) {
            throw explain(file, e);
        }
    }

    Path file() {
        return file;
    }

    static AlertStoreException explain(Path file, SQLException e) {
        if (e instanceof SQLiteException se) {
            SQLiteErrorCode code = se.getResultCode();
            if (code == SQLiteErrorCode.SQLITE_NOTADB || code.name().startsWith("SQLITE_CORRUPT")) {
                return new AlertStoreException(file + " is damaged or not a database (" + code.name()
                        + "); it was left untouched: restore it from a backup", e);
            }
            if (code == SQLiteErrorCode.SQLITE_FULL || code.name().startsWith("SQLITE_IOERR")) {
                return new AlertStoreException("cannot write " + file + " (" + code.name()
                        + ": disk full or failing); the change was rolled back", e);
            }
            if (code.name().startsWith("SQLITE_READONLY") || code == SQLiteErrorCode.SQLITE_CANTOPEN) {
                return new AlertStoreException("cannot open " + file + " for writing (" + code.name() + ")", e);
            }
        }
        return new AlertStoreException("alert database " + file + ": " + e.getMessage(), e);
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

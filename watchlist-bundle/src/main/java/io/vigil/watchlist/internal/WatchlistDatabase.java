package io.vigil.watchlist.internal;

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
 * The SQLite file of the watchlists: opened with the settings erasure depends on (write-ahead log,
 * {@code secure_delete} so freed pages are zeroed, foreign keys so a watchlist's rows go with it),
 * migrated to the current schema, and used through one connection under a lock (enrolment is rare;
 * matching reads the in-memory index, not this file). A file that is not a Vigil database, or one
 * from a newer Vigil, is refused and left untouched.
 */
final class WatchlistDatabase implements AutoCloseable {

    private final Path file;
    private final Connection connection;

    private WatchlistDatabase(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    static WatchlistDatabase open(Path file) throws WatchlistException {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new WatchlistException("cannot create the folder for " + file + ": " + e.getMessage(), e);
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
            WatchlistDatabase db = new WatchlistDatabase(file, c);
            db.migrate();
            return db;
        } catch (SQLException e) {
            closeQuietly(c);
            throw explain(file, e);
        } catch (WatchlistException e) {
            closeQuietly(c);
            throw e;
        }
    }

    private void migrate() throws WatchlistException, SQLException {
        int version;
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("PRAGMA user_version")) {
            version = r.getInt(1);
        }
        if (version > Migrations.latest()) {
            throw new WatchlistException(file + " was written by a newer Vigil (schema " + version + ", this one knows "
                    + Migrations.latest() + "); it was left untouched");
        }
        if (version == 0 && hasForeignTables()) {
            throw new WatchlistException(file + " is an SQLite database but not Vigil's watchlists; it was left untouched");
        }
        for (int step = version; step < Migrations.latest(); step++) {
            int target = step + 1;
            transaction(c -> {
                try (Statement s = c.createStatement()) {
                    for (String sql : Migrations.STEPS.get(target - 1)) {
                        s.execute(sql);
                    }
                    s.execute("PRAGMA user_version = " + target);
                }
                return null;
            });
        }
    }

    private boolean hasForeignTables() throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table'")) {
            return r.getInt(1) > 0;
        }
    }

    /** Work done inside one transaction: all of it or none of it. */
    interface Work<T> {
        T run(Connection connection) throws SQLException, WatchlistException;
    }

    synchronized <T> T transaction(Work<T> work) throws WatchlistException {
        try {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | WatchlistException | RuntimeException e) {
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

    synchronized <T> T read(Work<T> work) throws WatchlistException {
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw explain(file, e);
        }
    }

    /**
     * Moves everything in the write-ahead log into the database file and empties the log, so that
     * pages {@code secure_delete} zeroed are zero in the file too and the log keeps no older copy.
     */
    synchronized void checkpointAndTruncateLog() throws WatchlistException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
            if (r.next() && r.getInt(1) != 0) {
                throw new WatchlistException("the write-ahead log of " + file + " could not be emptied (a reader holds it);"
                        + " run the command again");
            }
        } catch (SQLException e) {
            throw explain(file, e);
        }
    }

    Path file() {
        return file;
    }

    static WatchlistException explain(Path file, SQLException e) {
        if (e instanceof SQLiteException se) {
            SQLiteErrorCode code = se.getResultCode();
            if (code == SQLiteErrorCode.SQLITE_NOTADB || code == SQLiteErrorCode.SQLITE_CORRUPT
                    || code.name().startsWith("SQLITE_CORRUPT")) {
                return new WatchlistException(file + " is damaged or not a database (" + code.name()
                        + "); it was left untouched: restore it from a backup", e);
            }
            if (code == SQLiteErrorCode.SQLITE_FULL || code.name().startsWith("SQLITE_IOERR")) {
                return new WatchlistException("cannot write " + file + " (" + code.name()
                        + ": disk full or failing); the change was rolled back, nothing was lost", e);
            }
            if (code == SQLiteErrorCode.SQLITE_READONLY || code.name().startsWith("SQLITE_READONLY")
                    || code == SQLiteErrorCode.SQLITE_CANTOPEN) {
                return new WatchlistException("cannot open " + file + " for writing (" + code.name() + ")", e);
            }
        }
        return new WatchlistException("watchlist database " + file + ": " + e.getMessage(), e);
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

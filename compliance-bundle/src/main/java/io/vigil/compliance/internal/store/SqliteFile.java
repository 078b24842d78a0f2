package io.vigil.compliance.internal.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * One SQLite file of the compliance module, opened the way records that must survive a crash need
 * (write-ahead log, {@code synchronous=FULL}: a committed row is on disk when the call returns),
 * migrated by {@code PRAGMA user_version} one numbered step at a time, and used through one
 * connection under a lock. A file that is not this database, or one from a newer Vigil, is
 * refused and left untouched, because the records in it may be evidence.
 */
public final class SqliteFile implements AutoCloseable {

    private final Path file;
    private final String what;
    private final Connection connection;

    private SqliteFile(Path file, String what, Connection connection) {
        this.file = file;
        this.what = what;
        this.connection = connection;
    }

    /**
     * @param what  the database's name for messages ("audit trail")
     * @param steps the schema as numbered steps: step i (from 1) is {@code steps.get(i - 1)}; released
     *              steps are never edited, only added
     */
    public static SqliteFile open(Path file, String what, List<List<String>> steps) throws StorageException {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new StorageException("cannot create the folder for " + file + ": " + e.getMessage(), e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(10_000);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file);
        Connection c = null;
        try {
            c = source.getConnection();
            try (Statement s = c.createStatement()) {
                // reading the schema is the first thing that fails on a file that is not SQLite
                s.executeQuery("SELECT count(*) FROM sqlite_master").close();
            }
            SqliteFile db = new SqliteFile(file, what, c);
            db.migrate(steps);
            return db;
        } catch (SQLException e) {
            closeQuietly(c);
            throw explain(file, what, e);
        } catch (StorageException e) {
            closeQuietly(c);
            throw e;
        }
    }

    private void migrate(List<List<String>> steps) throws StorageException, SQLException {
        int version;
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("PRAGMA user_version")) {
            version = r.getInt(1);
        }
        if (version > steps.size()) {
            throw new StorageException(file + " was written by a newer Vigil (schema " + version + ", this one knows "
                    + steps.size() + "); it was left untouched");
        }
        if (version == 0 && hasTables()) {
            throw new StorageException(file + " is an SQLite database but not Vigil's " + what + "; it was left untouched");
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

    /** Work done on the connection; inside {@link #transaction} all of it or none of it. */
    public interface Work<T> {
        T run(Connection connection) throws SQLException, StorageException;
    }

    public synchronized <T> T transaction(Work<T> work) throws StorageException {
        try {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | StorageException | RuntimeException e) {
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
            throw explain(file, what, e);
        }
    }

    public synchronized <T> T read(Work<T> work) throws StorageException {
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw explain(file, what, e);
        }
    }

    public Path file() {
        return file;
    }

    static StorageException explain(Path file, String what, SQLException e) {
        if (e instanceof SQLiteException se) {
            SQLiteErrorCode code = se.getResultCode();
            if (code == SQLiteErrorCode.SQLITE_NOTADB || code.name().startsWith("SQLITE_CORRUPT")) {
                return new StorageException("the " + what + " " + file + " is damaged or not a database (" + code.name()
                        + "); it was left untouched: keep it as evidence and restore a backup beside it", e);
            }
            if (code == SQLiteErrorCode.SQLITE_FULL || code.name().startsWith("SQLITE_IOERR")) {
                return new StorageException("cannot write the " + what + " " + file + " (" + code.name()
                        + ": disk full or failing); the change was rolled back", e);
            }
            if (code.name().startsWith("SQLITE_READONLY") || code == SQLiteErrorCode.SQLITE_CANTOPEN) {
                return new StorageException("cannot open the " + what + " " + file + " for writing (" + code.name() + ")", e);
            }
        }
        return new StorageException(what + " " + file + ": " + e.getMessage(), e);
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

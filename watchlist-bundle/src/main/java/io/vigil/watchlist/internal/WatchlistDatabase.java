package io.vigil.watchlist.internal;

import io.vigil.support.sqlite.SqliteDatabase;
import io.vigil.support.sqlite.SqliteDatabase.Feature;
import java.nio.file.Path;
import java.util.EnumSet;

/**
 * The SQLite file of the watchlists, through the support library's {@link SqliteDatabase}: opened
 * with the settings erasure depends on (write-ahead log, {@code secure_delete} so freed pages are
 * zeroed, foreign keys so a watchlist's rows go with it) and migrated to the current schema
 * (enrolment is rare; matching reads the in-memory index, not this file). A file that is not a
 * Vigil database, or one from a newer Vigil, is refused and left untouched.
 */
final class WatchlistDatabase implements AutoCloseable {

    private static final SqliteDatabase.Schema SCHEMA = new SqliteDatabase.Schema("watchlists", Migrations.STEPS,
            EnumSet.of(Feature.FOREIGN_KEYS, Feature.SECURE_DELETE));

    private final SqliteDatabase<WatchlistException> db;

    private WatchlistDatabase(SqliteDatabase<WatchlistException> db) {
        this.db = db;
    }

    static WatchlistDatabase open(Path file) throws WatchlistException {
        return new WatchlistDatabase(SqliteDatabase.open(file, SCHEMA, WatchlistException::new));
    }

    /** Work done inside one transaction: all of it or none of it. */
    interface Work<T> extends SqliteDatabase.Work<T, WatchlistException> {
    }

    <T> T transaction(Work<T> work) throws WatchlistException {
        return db.transaction(work);
    }

    <T> T read(Work<T> work) throws WatchlistException {
        return db.read(work);
    }

    /**
     * Moves everything in the write-ahead log into the database file and empties the log, so that
     * pages {@code secure_delete} zeroed are zero in the file too and the log keeps no older copy.
     */
    void checkpointAndTruncateLog() throws WatchlistException {
        if (!db.checkpointAndTruncateLog()) {
            throw new WatchlistException("the write-ahead log of " + db.file() + " could not be emptied (a reader holds it);"
                    + " run the command again");
        }
    }

    Path file() {
        return db.file();
    }

    @Override
    public void close() {
        db.close();
    }
}

package io.vigil.alerts.internal;

import io.vigil.api.alert.AlertStoreException;
import io.vigil.support.sqlite.SqliteDatabase;
import io.vigil.support.sqlite.SqliteDatabase.Feature;
import java.nio.file.Path;
import java.util.EnumSet;

/**
 * The SQLite file of the alerts, through the support library's {@link SqliteDatabase}: write-ahead
 * log with full sync (a stored alert survives a power cut), {@code secure_delete} so pages freed by
 * retention are zeroed, foreign keys so an alert's evidence, reviews and announcements go with it.
 * A file that is not Vigil's alert database, or one from a newer Vigil, is refused and left untouched.
 */
final class AlertDatabase implements AutoCloseable {

    private static final SqliteDatabase.Schema SCHEMA = new SqliteDatabase.Schema("alert database", AlertSchema.STEPS,
            EnumSet.of(Feature.FOREIGN_KEYS, Feature.SECURE_DELETE));

    private final SqliteDatabase<AlertStoreException> db;

    private AlertDatabase(SqliteDatabase<AlertStoreException> db) {
        this.db = db;
    }

    static AlertDatabase open(Path file) throws AlertStoreException {
        return new AlertDatabase(SqliteDatabase.open(file, SCHEMA, AlertStoreException::new));
    }

    /** Work done inside one transaction: all of it or none of it. */
    interface Work<T> extends SqliteDatabase.Work<T, AlertStoreException> {
    }

    <T> T transaction(Work<T> work) throws AlertStoreException {
        return db.transaction(work);
    }

    <T> T read(Work<T> work) throws AlertStoreException {
        return db.read(work);
    }

    /**
     * Moves everything in the write-ahead log into the database file and empties the log.
     * Returns false when a reader held the log (the next run empties it).
     */
    boolean checkpointAndTruncateLog() throws AlertStoreException {
        return db.checkpointAndTruncateLog();
    }

    Path file() {
        return db.file();
    }

    @Override
    public void close() {
        db.close();
    }
}

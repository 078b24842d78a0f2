package io.vigil.compliance.internal.store;

import io.vigil.support.sqlite.SqliteDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * One SQLite file of the compliance module, through the support library's {@link SqliteDatabase}:
 * write-ahead log, {@code synchronous=FULL} (a committed row is on disk when the call returns),
 * migrated by {@code PRAGMA user_version} one numbered step at a time. A file that is not this
 * database, or one from a newer Vigil, is refused and left untouched, because the records in it may
 * be evidence.
 */
public final class SqliteFile implements AutoCloseable {

    private final SqliteDatabase<StorageException> db;

    private SqliteFile(SqliteDatabase<StorageException> db) {
        this.db = db;
    }

    /**
     * @param what  the database's name for messages ("audit trail")
     * @param steps the schema as numbered steps: step i (from 1) is {@code steps.get(i - 1)}; released
     *              steps are never edited, only added
     */
    public static SqliteFile open(Path file, String what, List<List<String>> steps) throws StorageException {
        return new SqliteFile(SqliteDatabase.open(file, new SqliteDatabase.Schema(what, steps, Set.of()), StorageException::new));
    }

    /** Work done on the connection; inside {@link #transaction} all of it or none of it. */
    public interface Work<T> extends SqliteDatabase.Work<T, StorageException> {
    }

    public <T> T transaction(Work<T> work) throws StorageException {
        return db.transaction(work);
    }

    public <T> T read(Work<T> work) throws StorageException {
        return db.read(work);
    }

    public Path file() {
        return db.file();
    }

    @Override
    public void close() {
        db.close();
    }
}

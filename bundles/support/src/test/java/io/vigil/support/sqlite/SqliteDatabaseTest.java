package io.vigil.support.sqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.support.sqlite.SqliteDatabase.Feature;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteDatabaseTest {

    /** The owning bundle's exception, as each bundle has its own. */
    static final class Refused extends Exception {
        Refused(String message, Exception cause) {
            super(message, cause);
        }
    }

    static final List<List<String>> STEP_1 = List.of(List.of("CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT NOT NULL)"));
    static final List<List<String>> STEPS_1_2 = List.of(STEP_1.get(0),
            List.of("CREATE TABLE tag (note INTEGER NOT NULL REFERENCES note(id) ON DELETE CASCADE, word TEXT NOT NULL)"));

    @TempDir
    Path dir;

    static SqliteDatabase.Schema schema(List<List<String>> steps) {
        return new SqliteDatabase.Schema("notes", steps, EnumSet.of(Feature.FOREIGN_KEYS, Feature.SECURE_DELETE));
    }

    static int count(SqliteDatabase<Refused> db, String table) throws Refused {
        return db.read(c -> {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
                return r.getInt(1);
            }
        });
    }

    static int pragma(SqliteDatabase<Refused> db, String name) throws Refused {
        return db.read(c -> {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA " + name)) {
                return r.getInt(1);
            }
        });
    }

    static void insert(SqliteDatabase<Refused> db, int id) throws Refused {
        db.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO note (id, text) VALUES (?, 'x')")) {
                p.setInt(1, id);
                return p.executeUpdate();
            }
        });
    }

    @Test
    void anOldFileIsMigratedStepByStepAndKeepsItsRows() throws Refused {
        Path file = dir.resolve("sub/notes.db");
        try (SqliteDatabase<Refused> db = SqliteDatabase.open(file, schema(STEP_1), Refused::new)) {
            insert(db, 1);
            assertEquals(1, pragma(db, "user_version"));
        }
        try (SqliteDatabase<Refused> db = SqliteDatabase.open(file, schema(STEPS_1_2), Refused::new)) {
            assertEquals(2, pragma(db, "user_version"));
            assertEquals(1, count(db, "note"));
            assertEquals(1, pragma(db, "foreign_keys"));
            assertEquals(1, pragma(db, "secure_delete"));
            db.transaction(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("INSERT INTO tag VALUES (1, 'a')");
                    return s.executeUpdate("DELETE FROM note");
                }
            });
            assertEquals(0, count(db, "tag"), "foreign keys took the tag with its note");
            assertTrue(db.checkpointAndTruncateLog());
        }
        try (SqliteDatabase<Refused> db = SqliteDatabase.open(file, new SqliteDatabase.Schema("notes", STEPS_1_2, Set.of()),
                Refused::new)) {
            assertEquals(0, pragma(db, "foreign_keys"), "features are per schema");
        }
    }

    @Test
    void aFailedTransactionLeavesNothingBehind() throws Refused {
        try (SqliteDatabase<Refused> db = SqliteDatabase.open(dir.resolve("notes.db"), schema(STEP_1), Refused::new)) {
            insert(db, 1);
            Refused e = assertThrows(Refused.class, () -> db.transaction(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("INSERT INTO note VALUES (2, 'y')");
                    s.execute("INSERT INTO note VALUES (1, 'duplicate')");
                }
                return null;
            }));
            assertTrue(e.getMessage().startsWith("notes " + dir.resolve("notes.db")), e.getMessage());
            assertThrows(Refused.class, () -> db.transaction(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("INSERT INTO note VALUES (3, 'z')");
                }
                throw new Refused("the caller's own refusal", null);
            }));
            assertEquals(1, count(db, "note"), "neither the second nor the third row stayed");
        }
    }

    @Test
    void aNewerForeignOrDamagedFileIsRefusedAndLeftUntouched() throws Exception {
        Path newer = dir.resolve("newer.db");
        try (SqliteDatabase<Refused> db = SqliteDatabase.open(newer, schema(STEPS_1_2), Refused::new)) {
            insert(db, 1);
        }
        byte[] before = Files.readAllBytes(newer);
        Refused e = assertThrows(Refused.class, () -> SqliteDatabase.open(newer, schema(STEP_1), Refused::new));
        assertTrue(e.getMessage().contains("newer Vigil (schema 2, this one knows 1)"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(newer));

        Path foreign = dir.resolve("foreign.db");
        try (SqliteDatabase<Refused> db = SqliteDatabase.open(foreign, schema(List.of()), Refused::new)) {
            db.transaction(c -> {
                try (Statement s = c.createStatement()) {
                    return s.execute("CREATE TABLE other (x)");
                }
            });
        }
        Refused f = assertThrows(Refused.class, () -> SqliteDatabase.open(foreign, schema(STEP_1), Refused::new));
        assertTrue(f.getMessage().contains("not Vigil's notes"), f.getMessage());

        Path text = dir.resolve("text.db");
        byte[] words = "this is not a database, but it is long enough to have a header of a hundred bytes or so ......"
                .repeat(50).getBytes(StandardCharsets.UTF_8);
        Files.write(text, words);
        Refused g = assertThrows(Refused.class, () -> SqliteDatabase.open(text, schema(STEP_1), Refused::new));
        assertTrue(g.getMessage().contains("damaged or not a database (SQLITE_NOTADB)"), g.getMessage());
        assertTrue(g.getCause() instanceof SQLException);
        assertArrayEquals(words, Files.readAllBytes(text));
    }
}

package io.vigil.watchlist.internal;

import java.util.List;

/**
 * The database schema as numbered steps. A database is brought to the newest version one step at
 * a time, each step in its own transaction with the version it reaches; steps are never edited
 * once released, only added.
 */
final class Migrations {

    private Migrations() {
    }

    static final List<List<String>> STEPS = List.of(
            // 1: watchlists, subjects, templates and enrolment photos; every personal field is
            // encrypted under the watchlist's data key, so destroying the key erases them
            List.of(
                    """
                    CREATE TABLE watchlist (
                      id INTEGER PRIMARY KEY,
                      name TEXT NOT NULL UNIQUE,
                      category TEXT NOT NULL,
                      legal_basis TEXT NOT NULL,
                      authorising_officer TEXT NOT NULL,
                      valid_from TEXT,
                      valid_to TEXT,
                      priority INTEGER NOT NULL,
                      threshold REAL NOT NULL,
                      key_version INTEGER NOT NULL,
                      created TEXT NOT NULL)""",
                    """
                    CREATE TABLE subject (
                      id INTEGER PRIMARY KEY,
                      watchlist_id INTEGER NOT NULL REFERENCES watchlist(id) ON DELETE CASCADE,
                      pseudonym TEXT NOT NULL UNIQUE,
                      sealed_name BLOB NOT NULL,
                      sealed_reference BLOB NOT NULL,
                      sealed_notes BLOB NOT NULL,
                      added_by TEXT NOT NULL,
                      created TEXT NOT NULL,
                      expiry TEXT)""",
                    "CREATE INDEX subject_watchlist ON subject(watchlist_id)",
                    """
                    CREATE TABLE template (
                      id INTEGER PRIMARY KEY,
                      subject_id INTEGER NOT NULL REFERENCES subject(id) ON DELETE CASCADE,
                      model_id TEXT NOT NULL,
                      model_version TEXT NOT NULL,
                      quality REAL NOT NULL,
                      source_sha256 TEXT NOT NULL,
                      sealed_vector BLOB NOT NULL,
                      created TEXT NOT NULL)""",
                    "CREATE INDEX template_subject ON template(subject_id)",
                    """
                    CREATE TABLE photo (
                      id INTEGER PRIMARY KEY,
                      subject_id INTEGER NOT NULL REFERENCES subject(id) ON DELETE CASCADE,
                      sha256 TEXT NOT NULL,
                      sealed_image BLOB NOT NULL,
                      created TEXT NOT NULL)""",
                    "CREATE INDEX photo_subject ON photo(subject_id)"),
            // 2: the de-duplication key of each subject for the compliance ledger: a keyed hash
            // (HMAC-SHA256, key in the secret store) of the normalised external reference, so the
            // same person on two lists counts once without decrypting anything. NULL until filled
            // (subjects enrolled before step 2 are filled once at open); '' when there is no reference.
            List.of(
                    "ALTER TABLE subject ADD COLUMN individual_key TEXT",
                    "CREATE INDEX subject_individual ON subject(individual_key)"),
            // 3: erasure. Each subject gets a data key of its own, kept here only wrapped under the
            // watchlist's key (NULL: the subject's fields are still sealed under the list key, as
            // before step 3; they are re-sealed under a new subject key once at open, and the old
            // list key destroyed). The photo digests become keyed hashes (HMAC, key in the secret
            // store; a bare SHA-256 left by an earlier Vigil is converted once at open).
            List.of(
                    "ALTER TABLE subject ADD COLUMN wrapped_key BLOB",
                    "ALTER TABLE template RENAME COLUMN source_sha256 TO source_hash",
                    "ALTER TABLE photo RENAME COLUMN sha256 TO photo_hash"));

    static int latest() {
        return STEPS.size();
    }
}

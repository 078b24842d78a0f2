package io.vigil.compliance.internal.deployment;

import io.vigil.api.deployment.Deployment;
import io.vigil.api.deployment.DeploymentState;
import io.vigil.compliance.internal.store.SqliteFile;
import io.vigil.compliance.internal.store.StorageException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The deployments in their SQLite file, one row each; the audit trail keeps their history. */
final class DeploymentStore implements AutoCloseable {

    static final List<List<String>> SCHEMA = List.of(
            List.of("""
                    CREATE TABLE deployment (
                      id TEXT PRIMARY KEY,
                      name TEXT NOT NULL UNIQUE,
                      cameras TEXT NOT NULL,
                      watchlists TEXT NOT NULL,
                      threshold REAL NOT NULL,
                      location TEXT NOT NULL,
                      purpose TEXT NOT NULL,
                      legal_basis TEXT NOT NULL,
                      authorisation TEXT NOT NULL,
                      planned_start TEXT NOT NULL,
                      planned_end TEXT NOT NULL,
                      state TEXT NOT NULL,
                      started_at TEXT,
                      stopped_at TEXT,
                      created TEXT NOT NULL)"""));

    /** Lists are kept one item a line: camera ids and watchlist names never hold a line break. */
    private static final String SEPARATOR = "\n";

    private final SqliteFile db;

    DeploymentStore(Path file) throws StorageException {
        this.db = SqliteFile.open(file, "deployments database", SCHEMA);
    }

    /** Work on the deployments in one transaction, with what it needs to write rows. */
    interface Change<T> {
        T run(Writer writer) throws SQLException, StorageException;
    }

    /** Writes rows inside a transaction. */
    final class Writer {
        private final Connection c;

        private Writer(Connection c) {
            this.c = c;
        }

        void insert(Deployment d, Instant created) throws SQLException {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO deployment (id, name, cameras, watchlists, threshold,"
                    + " location, purpose, legal_basis, authorisation, planned_start, planned_end, state, started_at,"
                    + " stopped_at, created) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                p.setString(1, d.id());
                p.setString(2, d.name());
                fill(p, 3, d);
                p.setString(15, created.toString());
                p.executeUpdate();
            }
        }

        void update(Deployment d) throws SQLException {
            try (PreparedStatement p = c.prepareStatement("UPDATE deployment SET name = ?, cameras = ?, watchlists = ?,"
                    + " threshold = ?, location = ?, purpose = ?, legal_basis = ?, authorisation = ?, planned_start = ?,"
                    + " planned_end = ?, state = ?, started_at = ?, stopped_at = ? WHERE id = ?")) {
                p.setString(1, d.name());
                fill(p, 2, d);
                p.setString(14, d.id());
                if (p.executeUpdate() != 1) {
                    throw new SQLException("deployment " + d.id() + " is not in the database");
                }
            }
        }
    }

    private static void fill(PreparedStatement p, int from, Deployment d) throws SQLException {
        p.setString(from, String.join(SEPARATOR, d.cameraIds()));
        p.setString(from + 1, String.join(SEPARATOR, d.watchlists()));
        p.setFloat(from + 2, d.threshold());
        p.setString(from + 3, d.location());
        p.setString(from + 4, d.purpose());
        p.setString(from + 5, d.legalBasis());
        p.setString(from + 6, d.authorisation());
        p.setString(from + 7, d.plannedStart().toString());
        p.setString(from + 8, d.plannedEnd().toString());
        p.setString(from + 9, d.state().name());
        p.setString(from + 10, d.startedAt().map(Instant::toString).orElse(null));
        p.setString(from + 11, d.stoppedAt().map(Instant::toString).orElse(null));
    }

    <T> T change(Change<T> change) throws StorageException {
        return db.transaction(c -> change.run(new Writer(c)));
    }

    List<Deployment> all() throws StorageException {
        return db.read(c -> {
            List<Deployment> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT id, name, cameras, watchlists, threshold, location, purpose,"
                    + " legal_basis, authorisation, planned_start, planned_end, state, started_at, stopped_at"
                    + " FROM deployment ORDER BY planned_start, name");
                 ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new Deployment(r.getString(1), r.getString(2), split(r.getString(3)), split(r.getString(4)),
                            r.getFloat(5), r.getString(6), r.getString(7), r.getString(8), r.getString(9),
                            Instant.parse(r.getString(10)), Instant.parse(r.getString(11)),
                            DeploymentState.valueOf(r.getString(12)), instant(r.getString(13)), instant(r.getString(14))));
                }
            }
            return out;
        });
    }

    private static List<String> split(String s) {
        return s.isEmpty() ? List.of() : Arrays.asList(s.split(SEPARATOR));
    }

    private static Optional<Instant> instant(String s) {
        return s == null ? Optional.empty() : Optional.of(Instant.parse(s));
    }

    Path file() {
        return db.file();
    }

    @Override
    public void close() {
        db.close();
    }
}

package io.vigil.compliance.internal.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.api.audit.AuditException;
import io.vigil.support.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An audit database written by the code of fbf4344 (hand-written canonical JSON, before Jackson;
 * made by audit-fbf4344.GenAudit.java.txt beside it: control characters, quotes, markup, line
 * separators, non-BMP characters, unsorted keys). Its chain still verifies, the Jackson writer gives
 * each entry's stored details back byte for byte, and new entries chain on.
 */
class OldAuditDatabaseTest {

    @TempDir
    Path dir;

    private Path oldDatabase() throws IOException {
        Path file = dir.resolve("audit.db");
        try (InputStream in = getClass().getResourceAsStream("audit-fbf4344.db")) {
            Files.copy(in, file);
        }
        return file;
    }

    private static List<AuditEntry> entries(AuditLog log) throws AuditException {
        List<AuditEntry> out = new ArrayList<>();
        log.forEach(0, out::add);
        return out;
    }

    @Test
    void anOldChainVerifiesAndItsDetailsAreWrittenAgainByteForByte() throws Exception {
        Path file = oldDatabase();
        String tip;
        try (AuditLog log = AuditLog.open(file)) {
            List<AuditEntry> old = entries(log);
            assertEquals(4, old.size());
            String previous = old.get(0).previousHash();
            for (AuditEntry e : old) {
                assertEquals(e.hash(), e.recomputedHash(), "entry " + e.sequence());
                assertEquals(previous, e.previousHash(), "entry " + e.sequence());
                previous = e.hash();
                Map<String, String> details = new HashMap<>();
                JsonNode node = Json.read(e.details());
                node.fields().forEachRemaining(f -> details.put(f.getKey(), f.getValue().asText()));
                assertEquals(e.details(), CanonicalDetails.json(details), "entry " + e.sequence());
            }
            assertEquals(8, Json.read(old.get(1).details()).size(), "the escapes entry was read whole");
            tip = previous;
            log.append("2026-12-07T21:00:00.000Z", "officer1", "test.after-upgrade",
                    CanonicalDetails.json(Map.of("controls", "\u0001\b\f", "markup", "<b>")));
        }
        try (AuditLog log = AuditLog.open(file)) {
            List<AuditEntry> all = entries(log);
            AuditEntry added = all.get(4);
            assertEquals(tip, added.previousHash());
            assertEquals(added.hash(), added.recomputedHash());
            assertEquals("{\"controls\":\"\\u0001\\u0008\\u000c\",\"markup\":\"<b>\"}", added.details(),
                    "the escapes the old writer used, not Jackson's \\b and \\f");
        }
    }
}

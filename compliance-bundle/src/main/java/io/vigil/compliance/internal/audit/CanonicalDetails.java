package io.vigil.compliance.internal.audit;

import io.vigil.support.json.Json;
import java.util.Map;

/**
 * Details as canonical JSON: one object of strings, keys sorted, no spaces, only the escapes JSON
 * requires ({@link Json#canonical}, the text earlier versions hashed, byte for byte). The same
 * details always give the same text, so the hash of an entry does not depend on the map a caller
 * happened to pass, and the stored text reads as JSON anywhere.
 */
public final class CanonicalDetails {

    private CanonicalDetails() {
    }

    public static String json(Map<String, String> details) {
        if (details != null && details.keySet().stream().anyMatch(k -> k == null || k.isEmpty())) {
            throw new IllegalArgumentException("an audit detail needs a name");
        }
        return Json.canonical(details);
    }
}

package io.vigil.launcher;

import io.vigil.support.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code vigil doctor --json}: every check with its verdict, and the insecure settings in use with their fixes. */
final class DoctorJson {

    private DoctorJson() {
    }

    static String document(String version, List<Map<String, String>> checks, List<SecurityFinding> security, int problems) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("version", version);
        doc.put("problems", problems);
        doc.put("checks", checks.stream().map(check -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("section", check.get("section"));
            m.put("verdict", check.get("verdict"));
            m.put("text", check.get("text"));
            return m;
        }).toList());
        doc.put("security", security.stream().map(finding -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("check", finding.check());
            m.put("setting", finding.setting());
            m.put("risk", finding.risk());
            m.put("fix", finding.fix());
            return m;
        }).toList());
        return Json.compact(doc);
    }
}

package io.vigil.launcher;

import java.util.List;
import java.util.Map;

/** {@code vigil doctor --json}: every check with its verdict, and the insecure settings in use with their fixes. */
final class DoctorJson {

    private DoctorJson() {
    }

    static String document(String version, List<Map<String, String>> checks, List<SecurityFinding> security, int problems) {
        StringBuilder json = new StringBuilder("{\"version\":").append(string(version)).append(",\"problems\":").append(problems)
                .append(",\"checks\":[");
        for (int i = 0; i < checks.size(); i++) {
            Map<String, String> check = checks.get(i);
            json.append(i == 0 ? "" : ",").append("{\"section\":").append(string(check.get("section")))
                    .append(",\"verdict\":").append(string(check.get("verdict"))).append(",\"text\":").append(string(check.get("text")))
                    .append('}');
        }
        json.append("],\"security\":[");
        for (int i = 0; i < security.size(); i++) {
            SecurityFinding finding = security.get(i);
            json.append(i == 0 ? "" : ",").append("{\"check\":").append(string(finding.check())).append(",\"setting\":")
                    .append(string(finding.setting())).append(",\"risk\":").append(string(finding.risk())).append(",\"fix\":")
                    .append(string(finding.fix())).append('}');
        }
        return json.append("]}").toString();
    }

    static String string(String value) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}

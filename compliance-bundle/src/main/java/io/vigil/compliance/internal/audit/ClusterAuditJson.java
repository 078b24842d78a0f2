package io.vigil.compliance.internal.audit;

import io.vigil.support.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code vigil audit verify --cluster --json}, in the shape docs/json-output.md describes. A field is only ever added
 * within a format; renaming or removing one raises {@link #FORMAT}.
 */
final class ClusterAuditJson {

    static final int FORMAT = 1;

    private ClusterAuditJson() {
    }

    static String notMember() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FORMAT);
        doc.put("member", false);
        return Json.pretty(doc) + "\n";
    }

    static String write(ClusterAuditVerifier.Report r) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FORMAT);
        doc.put("member", true);
        doc.put("read_by", r.readBy());
        doc.put("log", SharedAuditRecords.LOG.name());
        doc.put("records", r.records());
        List<Object> nodes = new ArrayList<>();
        for (NodeAudit n : r.nodes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("node", n.node());
            m.put("first_sequence", n.first());
            m.put("last_sequence", n.last());
            m.put("entries", n.entries());
            m.put("checkpoints", n.checkpoints());
            m.put("duplicates", n.duplicates());
            m.put("keys", n.keys());
            m.put("intact", n.intact());
            m.put("first_break", n.firstBreak().map(ClusterAuditJson::finding).orElse(null));
            List<Object> findings = new ArrayList<>();
            n.findings().forEach(f -> findings.add(finding(f)));
            m.put("findings", findings);
            m.put("notes", n.notes());
            nodes.add(m);
        }
        doc.put("nodes", nodes);
        doc.put("intact", r.intact());
        return Json.pretty(doc) + "\n";
    }

    private static Map<String, Object> finding(Finding f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sequence", f.sequence());
        m.put("kind", f.kind().name());
        m.put("text", f.text());
        return m;
    }
}

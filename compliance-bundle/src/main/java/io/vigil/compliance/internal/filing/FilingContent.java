package io.vigil.compliance.internal.filing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a filing pack says, in English and Chinese: sections of labelled values, the officer's
 * missing fields, and the daily history. Written as PDF, JSON and CSV from this one value.
 */
public record FilingContent(String profile, Instant generated, List<Section> sections, List<FilingForm.Field> missing,
                            List<String> historyHeader, List<List<String>> history) {

    public record Row(String english, String chinese, String value) {
    }

    public record Section(String english, String chinese, List<Row> rows) {
        public Section {
            rows = List.copyOf(rows);
        }
    }

    public FilingContent {
        sections = List.copyOf(sections);
        missing = List.copyOf(missing);
        historyHeader = List.copyOf(historyHeader);
        history = List.copyOf(history);
    }

    public boolean complete() {
        return missing.isEmpty();
    }

    Map<String, Object> tree() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("profile", profile);
        root.put("generated", generated.toString());
        root.put("complete", complete());
        List<Object> miss = new ArrayList<>();
        for (FilingForm.Field f : missing) {
            miss.add(Map.of("field", f.key(), "english", f.english(), "chinese", f.chinese()));
        }
        root.put("missingRequiredFields", miss);
        List<Object> secs = new ArrayList<>();
        for (Section s : sections) {
            Map<String, Object> sec = new LinkedHashMap<>();
            sec.put("english", s.english());
            sec.put("chinese", s.chinese());
            List<Object> rows = new ArrayList<>();
            for (Row r : s.rows()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("english", r.english());
                row.put("chinese", r.chinese());
                row.put("value", r.value());
                rows.add(row);
            }
            sec.put("rows", rows);
            secs.add(sec);
        }
        root.put("sections", secs);
        List<Object> hist = new ArrayList<>();
        for (List<String> h : history) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < historyHeader.size(); i++) {
                row.put(historyHeader.get(i), h.get(i));
            }
            hist.add(row);
        }
        root.put("history", hist);
        return root;
    }
}

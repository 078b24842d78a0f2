package io.vigil.onvif.internal.registry;

import io.vigil.support.csv.CsvRecords;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Cameras exported from a VMS as CSV (RFC 4180 quoting, read by the support library's Jackson CSV
 * reader; a leading byte order mark is ignored), one per line, with a header naming the
 * columns: {@code address,user,password.alias,vms.camera.id,name,location,signage} (any order;
 * {@code camera.id} and {@code rtsp.uri} optional). Good rows become camera configurations; each
 * bad row is reported with its line number and left out.
 */
final class CameraCsv {

    static final List<String> REQUIRED = List.of("address", "name");
    static final Set<String> KNOWN = Set.of("camera.id", "address", "user", "password.alias", "vms.camera.id", "name",
            "location", "signage", "rtsp.uri");

    record Row(int line, Map<String, String> properties) {
    }

    record Problem(int line, String reason) {
    }

    record Result(List<Row> rows, List<Problem> problems) {
    }

    private CameraCsv() {
    }

    static Result parse(String text) {
        List<Row> rows = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        List<CsvRecords.Record> records;
        try {
            records = CsvRecords.read(text);
        } catch (CsvRecords.Malformed e) {
            // the rows before it are still good; from the open quote on, the rest is one field
            problems.add(new Problem(e.line(), "a quoted field is not closed"));
            records = e.before();
        }
        if (records.isEmpty()) {
            problems.add(new Problem(1, "empty: a header line naming the columns is needed"));
            return new Result(rows, problems);
        }
        int earlier = problems.size();
        List<String> header = records.get(0).fields().stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        for (String column : header) {
            if (!KNOWN.contains(column)) {
                problems.add(new Problem(1, "unknown column '" + column + "'; known: " + KNOWN));
            }
        }
        for (String required : REQUIRED) {
            if (!header.contains(required)) {
                problems.add(new Problem(1, "missing column '" + required + "'"));
            }
        }
        if (problems.size() > earlier) {
            return new Result(rows, problems);
        }
        Set<String> ids = new HashSet<>();
        for (int i = 1; i < records.size(); i++) {
            int line = records.get(i).line();
            List<String> values = records.get(i).fields();
            if (values.size() != header.size()) {
                problems.add(new Problem(line, values.size() + " fields, the header has " + header.size()));
                continue;
            }
            Map<String, String> properties = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                properties.put(header.get(c), values.get(c).strip());
            }
            String reason = check(properties);
            if (reason != null) {
                problems.add(new Problem(line, reason));
                continue;
            }
            properties.putIfAbsent("camera.id", cameraId(properties));
            if (properties.get("camera.id").isBlank()) {
                properties.put("camera.id", cameraId(properties));
            }
            if (!ids.add(properties.get("camera.id"))) {
                problems.add(new Problem(line, "camera id '" + properties.get("camera.id") + "' appears twice"));
                continue;
            }
            rows.add(new Row(line, properties));
        }
        return new Result(rows, problems);
    }

    private static String check(Map<String, String> p) {
        String address = p.get("address");
        try {
            URI uri = URI.create(address);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                return "address '" + address + "' is not an http(s) URL of an ONVIF device service";
            }
            if (uri.getUserInfo() != null) {
                return "address must not hold credentials; give user and password.alias";
            }
        } catch (IllegalArgumentException e) {
            return "address '" + address + "' is not a URL";
        }
        if (p.get("name").isBlank()) {
            return "name is empty";
        }
        if (p.containsKey("signage")) {
            try {
                CameraComponent.signage(p.get("signage").isBlank() ? "unknown" : p.get("signage"));
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        }
        if (!p.getOrDefault("user", "").isBlank() && p.getOrDefault("password.alias", "").isBlank()) {
            return "user '" + p.get("user") + "' has no password.alias";
        }
        return null;
    }

    /** The VMS's id where there is one, else the name, reduced to what config names allow. */
    static String cameraId(Map<String, String> p) {
        String base = !p.getOrDefault("camera.id", "").isBlank() ? p.get("camera.id")
                : !p.getOrDefault("vms.camera.id", "").isBlank() ? p.get("vms.camera.id") : p.get("name");
        return base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
    }
}

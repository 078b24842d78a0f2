package io.vigil.compliance.internal.filing;

import io.vigil.support.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a filing pack: {@code filing.pdf}, {@code filing.json}, {@code filing.csv},
 * {@code history.csv} and the officer's form as given, then {@code MANIFEST.sha256} (one
 * "hash  name" line per file) and {@code MANIFEST.sha256.p7s}, a detached CMS signature of the
 * manifest with the signer's certificate in it; then the same files as {@code FOLDER.zip} beside
 * the folder.
 */
public final class FilingPack {

    public static final String MANIFEST = "MANIFEST.sha256";
    public static final String SIGNATURE = "MANIFEST.sha256.p7s";

    /** What was written. */
    public record Written(Path folder, Path archive, List<String> files) {
    }

    private FilingPack() {
    }

    public static Written write(FilingContent content, Path folder, Path font, PackSigner signer, byte[] formBytes)
            throws FilingException {
        try {
            Files.createDirectories(folder);
            TreeMap<String, byte[]> files = new TreeMap<>();
            files.put("filing.pdf", PdfReport.render(content, font));
            files.put("filing.json", (Json.pretty(content.tree()) + "\n").getBytes(StandardCharsets.UTF_8));
            files.put("filing.csv", csv(sectionsCsv(content)).getBytes(StandardCharsets.UTF_8));
            List<List<String>> hist = new ArrayList<>();
            hist.add(content.historyHeader());
            hist.addAll(content.history());
            files.put("history.csv", csv(hist).getBytes(StandardCharsets.UTF_8));
            if (formBytes != null) {
                files.put("form.properties", formBytes);
            }
            StringBuilder manifest = new StringBuilder();
            for (var e : files.entrySet()) {
                manifest.append(sha256(e.getValue())).append("  ").append(e.getKey()).append('\n');
            }
            byte[] manifestBytes = manifest.toString().getBytes(StandardCharsets.UTF_8);
            files.put(MANIFEST, manifestBytes);
            files.put(SIGNATURE, signer.sign(manifestBytes));
            for (var e : files.entrySet()) {
                Files.write(folder.resolve(e.getKey()), e.getValue());
            }
            Path archive = folder.resolveSibling(folder.getFileName() + ".zip");
            try (OutputStream out = Files.newOutputStream(archive); ZipOutputStream zip = new ZipOutputStream(out)) {
                for (var e : files.entrySet()) {
                    zip.putNextEntry(new ZipEntry(folder.getFileName() + "/" + e.getKey()));
                    zip.write(e.getValue());
                    zip.closeEntry();
                }
            }
            return new Written(folder, archive, List.copyOf(files.keySet()));
        } catch (IOException e) {
            throw new FilingException("the filing pack cannot be written to " + folder + ": " + e.getMessage(), e);
        }
    }

    private static List<List<String>> sectionsCsv(FilingContent content) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("section", "section_zh", "field", "field_zh", "value"));
        for (FilingContent.Section s : content.sections()) {
            for (FilingContent.Row r : s.rows()) {
                rows.add(List.of(s.english(), s.chinese(), r.english(), r.chinese(), r.value()));
            }
        }
        for (FilingForm.Field f : content.missing()) {
            rows.add(List.of("Missing required fields", "缺失的必填项", f.english(), f.chinese(), "MISSING: " + f.key()));
        }
        return rows;
    }

    static String csv(List<List<String>> rows) {
        StringBuilder b = new StringBuilder("\uFEFF"); // a BOM, so spreadsheet programs read the Chinese as UTF-8
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                String v = neutralised(row.get(i) == null ? "" : row.get(i));
                if (i > 0) {
                    b.append(',');
                }
                if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
                    b.append('"').append(v.replace("\"", "\"\"")).append('"');
                } else {
                    b.append(v);
                }
            }
            b.append("\r\n");
        }
        return b.toString();
    }

    /**
     * A cell a spreadsheet would take for a formula ({@code = + - @}, or a tab or carriage return
     * before one) gets a leading apostrophe, so it is shown as text: the officer's form and
     * configured names reach these cells, and a filing pack is opened by people who trust it
     * (OWASP "CSV injection").
     */
    static String neutralised(String v) {
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            return "'" + v;
        }
        return v;
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] bytes(ByteArrayOutputStream out) {
        return out.toByteArray();
    }
}

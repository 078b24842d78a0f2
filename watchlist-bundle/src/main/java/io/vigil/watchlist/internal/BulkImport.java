package io.vigil.watchlist.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Many subjects at once, from a CSV ({@code name,reference,images}: image paths separated by
 * {@code ;}, relative to the CSV's folder) or from a folder (one subfolder per person named after
 * them, or one photo per person named after them). Every photo is checked first; the subjects
 * whose photos all pass are then written in one transaction, and every refused row is reported
 * with its reason.
 */
final class BulkImport {

    static final List<String> IMAGE_SUFFIXES = List.of(".jpg", ".jpeg", ".png", ".bmp", ".gif");

    /** One line per row, and the counts. */
    record Report(List<String> lines, int imported, int refused) {
    }

    /** A subject as read from the source, before its photos are checked. */
    record Candidate(String where, String name, String reference, List<Path> photos) {
    }

    private BulkImport() {
    }

    static List<Candidate> read(Path source) throws WatchlistException {
        if (Files.isDirectory(source)) {
            return fromFolder(source);
        }
        if (!Files.isRegularFile(source)) {
            throw new WatchlistException(source + " does not exist");
        }
        String text;
        try {
            text = Files.readString(source, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new WatchlistException(source + " cannot be read as UTF-8 text: " + e.getMessage(), e);
        }
        List<CsvLines.Row> rows = CsvLines.parse(text);
        if (rows.isEmpty()) {
            throw new WatchlistException(source + " is empty");
        }
        List<String> header = rows.get(0).fields().stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        int name = header.indexOf("name");
        int reference = header.indexOf("reference");
        int images = header.indexOf("images");
        if (name < 0 || images < 0) {
            throw new WatchlistException(source + ": the first line must name the columns: name,reference,images"
                    + " (found: " + String.join(",", header) + ")");
        }
        Path base = source.toAbsolutePath().getParent();
        List<Candidate> candidates = new ArrayList<>();
        for (CsvLines.Row row : rows.subList(1, rows.size())) {
            List<String> f = row.fields();
            String where = "line " + row.line();
            String n = name < f.size() ? f.get(name).strip() : "";
            String r = reference >= 0 && reference < f.size() ? f.get(reference).strip() : "";
            List<Path> photos = images < f.size()
                    ? Stream.of(f.get(images).split(";")).map(String::strip).filter(p -> !p.isEmpty()).map(base::resolve).toList()
                    : List.of();
            candidates.add(new Candidate(where, n, r, photos));
        }
        return candidates;
    }

    private static List<Candidate> fromFolder(Path folder) throws WatchlistException {
        List<Candidate> candidates = new ArrayList<>();
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path p : entries.sorted().toList()) {
                String file = p.getFileName().toString();
                if (file.startsWith(".")) {
                    continue;
                }
                if (Files.isDirectory(p)) {
                    try (Stream<Path> photos = Files.list(p)) {
                        candidates.add(new Candidate(file + "/", file, "", photos.filter(BulkImport::isImage).sorted().toList()));
                    }
                } else if (isImage(p)) {
                    candidates.add(new Candidate(file, file.substring(0, file.lastIndexOf('.')), "", List.of(p)));
                }
            }
        } catch (IOException e) {
            throw new WatchlistException(folder + " cannot be listed: " + e.getMessage(), e);
        }
        return candidates;
    }

    static boolean isImage(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(p) && IMAGE_SUFFIXES.stream().anyMatch(name::endsWith);
    }
}

package io.vigil.launcher;

import io.vigil.support.args.ArgumentException;
import io.vigil.support.args.CommandLine;
import io.vigil.support.args.CommandLineSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * {@code vigil bench [--quick] [--markdown]}: every benchmark in one run (ingest, inference,
 * matching, events, soak), each printing as it goes, then one table of their {@code SUMMARY|}
 * lines: each figure beside the reference it was measured against in the same run, and their
 * ratio. {@code --markdown} prints the table as docs/benchmarks.md records it, with the machine.
 */
final class BenchSuite {

    /** One row: bench|figure|value|reference|reference value|ratio. */
    record Row(String bench, String figure, String value, String reference, String referenceValue, String ratio) {

        static java.util.Optional<Row> parse(String line) {
            if (!line.startsWith("SUMMARY|")) {
                return java.util.Optional.empty();
            }
            String[] parts = line.substring("SUMMARY|".length()).split("\\|", -1);
            return parts.length == 6 ? java.util.Optional.of(new Row(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5]))
                    : java.util.Optional.empty();
        }
    }

    private final PrintStream out;
    private final PrintStream err;
    private final BiFunction<List<String>, PrintStream, Integer> command;
    private final Path samplePhotos;

    private static final CommandLineSpec SPEC = CommandLineSpec.of("vigil bench",
            "usage: vigil bench [--quick] [--markdown]   (or vigil bench ingest|inference|match|events|soak ...)")
            .flag("--quick").flag("--markdown");

    /** @param command runs one container command with its output to the given stream, returning its exit status */
    BenchSuite(PrintStream out, PrintStream err, BiFunction<List<String>, PrintStream, Integer> command, Path samplePhotos) {
        this.out = out;
        this.err = err;
        this.command = command;
        this.samplePhotos = samplePhotos;
    }

    int run(List<String> args) {
        CommandLine line;
        try {
            line = SPEC.parse(args);
        } catch (ArgumentException e) {
            e.print(err);
            return 2;
        }
        boolean quick = line.has("--quick");
        boolean markdown = line.has("--markdown");
        List<String> photos;
        try (Stream<Path> listed = Files.list(samplePhotos)) {
            photos = listed.filter(p -> p.getFileName().toString().matches("sample\\d\\.jpg")).sorted().map(Path::toString).toList();
        } catch (IOException e) {
            photos = List.of();
        }
        if (photos.isEmpty()) {
            err.println("vigil bench: no sample photos in " + samplePhotos + " for the soak's cameras: run ./vigil setup");
            return 1;
        }
        List<List<String>> benches = new ArrayList<>(List.of(List.of("bench", "ingest"), List.of("bench", "inference"),
                List.of("bench", "match"), List.of("bench", "events")));
        List<String> soak = new ArrayList<>(List.of("bench", "soak", "--photos"));
        soak.addAll(photos);
        benches.add(soak);
        List<Row> rows = new ArrayList<>();
        int failed = 0;
        for (List<String> bench : benches) {
            List<String> call = new ArrayList<>(bench);
            if (quick) {
                call.add("--quick");
            }
            out.println("==> vigil " + String.join(" ", bench.subList(0, 2)) + (quick ? " --quick" : ""));
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            int status = command.apply(call, new PrintStream(new Tee(out, captured), true, StandardCharsets.UTF_8));
            if (status != 0) {
                failed++;
                err.println("vigil " + String.join(" ", bench.subList(0, 2)) + " failed (exit " + status + ")");
            }
            captured.toString(StandardCharsets.UTF_8).lines().map(Row::parse).flatMap(java.util.Optional::stream)
                    .forEach(rows::add);
        }
        out.println();
        out.print(markdown ? markdown(rows) : table(rows));
        return failed == 0 ? 0 : 3;
    }

    static String table(List<Row> rows) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-10s %-44s %12s   %-22s %12s %7s%n", "bench", "figure",
                "Vigil", "reference", "value", "ratio"));
        for (Row row : rows) {
            text.append(String.format(Locale.ROOT, "%-10s %-44s %12s   %-22s %12s %7s%n", row.bench(), row.figure(), row.value(),
                    row.reference(), row.referenceValue(), row.ratio()));
        }
        return text.toString();
    }

    static String markdown(List<Row> rows) {
        StringBuilder text = new StringBuilder();
        text.append("Machine: ").append(machine()).append("\n\n");
        text.append("| bench | figure | Vigil | reference | reference value | ratio |\n|---|---|---:|---|---:|---:|\n");
        for (Row row : rows) {
            text.append("| ").append(String.join(" | ", row.bench(), row.figure(), row.value(), row.reference(),
                    row.referenceValue(), row.ratio())).append(" |\n");
        }
        return text.toString();
    }

    /** CPU model, cores and memory, as Linux reports them. */
    static String machine() {
        String cpu = "unknown CPU";
        String memory = "";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse(cpu);
            memory = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .map(l -> Math.round(Long.parseLong(l.replaceAll("[^0-9]", "")) / 1048576.0) + " GiB").findFirst().orElse("");
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores" + (memory.isEmpty() ? "" : ", " + memory)
                + ", Java " + Runtime.version().feature();
    }

    /** Writes to the terminal and keeps a copy. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            first.flush();
        }
    }
}

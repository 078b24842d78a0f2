package io.vigil.bench.internal.match;

import io.vigil.api.admin.AdminCommand;
import io.vigil.support.args.CommandLine;
import io.vigil.support.args.CommandLineSpec;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.osgi.service.component.annotations.Component;

/** {@code vigil bench match [--quick] [--sizes 1000,10000,...] [--queries N]}: see {@link MatchBench}. */
@Component(property = {
        AdminCommand.NAME + "=bench match",
        AdminCommand.SUMMARY + "=1:N search latency, top-1 rate, memory per template and scan rate against memory read, 1k to 1M templates"})
public class MatchBenchCommand implements AdminCommand {

    private static final String USAGE_TEXT = "usage: vigil bench match [--quick] [--sizes 1000,10000,...] [--queries N]";

    private static final CommandLineSpec SPEC = CommandLineSpec.of("vigil bench match", USAGE_TEXT)
            .flag("--quick").option("--sizes").option("--queries");

    @Override
    public int execute(List<String> args, InputStream stdin, PrintStream out, PrintStream err) {
        return SPEC.run(args, err, line -> bench(line, out));
    }

    private int bench(CommandLine line, PrintStream out) {
        int queries = line.value("--queries", MatchBenchCommand::positive, "a whole number above 0").orElse(200);
        List<Integer> sizes = line.value("--sizes", MatchBenchCommand::sizes, "whole numbers above 0 separated by commas")
                .orElse(line.has("--quick") ? MatchBench.QUICK_SIZES : MatchBench.SIZES);
        if (line.has("--quick")) {
            queries = Math.min(queries, 50);
        }
        // the index's own default: the common pool plus the calling thread
        ForkJoinPool pool = ForkJoinPool.commonPool();
        new MatchBench(out, pool, pool.getParallelism() + 1, queries).run(sizes);
        return OK;
    }

    private static List<Integer> sizes(String text) {
        List<Integer> parsed = new ArrayList<>();
        for (String size : text.split(",")) {
            parsed.add(positive(size.trim().replace("_", "")));
        }
        return parsed;
    }

    private static int positive(String text) {
        int value = Integer.parseInt(text);
        if (value < 1) {
            throw new IllegalArgumentException(text);
        }
        return value;
    }
}

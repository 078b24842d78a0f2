package io.vigil.bench.internal.match;

import io.vigil.api.admin.AdminCommand;
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

    @Override
    public int execute(List<String> args, InputStream stdin, PrintStream out, PrintStream err) {
        List<Integer> sizes = MatchBench.SIZES;
        int queries = 200;
        boolean quick = false;
        try {
            for (int i = 0; i < args.size(); i++) {
                switch (args.get(i)) {
                    case "--quick" -> quick = true;
                    case "--queries" -> queries = positive(args.get(++i));
                    case "--sizes" -> {
                        List<Integer> parsed = new ArrayList<>();
                        for (String size : args.get(++i).split(",")) {
                            parsed.add(positive(size.trim().replace("_", "")));
                        }
                        sizes = parsed;
                    }
                    default -> throw new IllegalArgumentException(args.get(i));
                }
            }
        } catch (RuntimeException e) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        if (quick) {
            sizes = sizes == MatchBench.SIZES ? MatchBench.QUICK_SIZES : sizes;
            queries = Math.min(queries, 50);
        }
        // the index's own default: the common pool plus the calling thread
        ForkJoinPool pool = ForkJoinPool.commonPool();
        new MatchBench(out, pool, pool.getParallelism() + 1, queries).run(sizes);
        return OK;
    }

    private static int positive(String text) {
        int value = Integer.parseInt(text);
        if (value < 1) {
            throw new IllegalArgumentException(text);
        }
        return value;
    }
}

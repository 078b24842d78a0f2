package io.vigil.bench.internal.events;

import io.vigil.api.admin.AdminCommand;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import io.vigil.onvif.device.PrivateDevices;
import io.vigil.support.args.CommandLine;
import io.vigil.support.args.CommandLineSpec;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code vigil bench events [--seconds N] [--quick] [--clients DIR]}: see {@link BenchEvents}. */
@Component(property = {
        AdminCommand.NAME + "=bench events",
        AdminCommand.SUMMARY + "=ONVIF recognitions: publish-to-receipt p50/p95 at npm onvif@0.8.3 and sustained events/s"})
public class BenchEventsCommand implements AdminCommand {

    private static final String USAGE_TEXT = "usage: vigil bench events [--seconds N] [--quick] [--clients NODE_MODULES]";

    private static final CommandLineSpec SPEC = CommandLineSpec.of("vigil bench events", USAGE_TEXT)
            .option("--seconds").flag("--quick").option("--clients");

    private final PrivateDevices devices;

    @Activate
    public BenchEventsCommand(@Reference PrivateDevices devices) {
        this.devices = devices;
    }

    @Override
    public int execute(List<String> args, InputStream stdin, PrintStream out, PrintStream err) {
        return SPEC.run(args, err, line -> bench(line, out, err));
    }

    private int bench(CommandLine line, PrintStream out, PrintStream err) {
        boolean quick = line.has("--quick");
        int seconds = line.intValue("--seconds", quick ? 3 : 10);
        int latencyEvents = quick ? 50 : 200;
        Path clients = line.value("--clients").map(Path::of).orElseGet(BenchEvents::defaultNodeModules);
        if (seconds < 1) {
            throw line.error("--seconds must be at least 1");
        }
        try {
            BenchEvents.Result r = BenchEvents.run(devices, new BenchEvents.Options(latencyEvents, 20, seconds, clients), out);
            out.printf("publish to receipt at npm onvif@0.8.3: p50 %d ms, p95 %d ms, max %d ms (%d recognitions)%n",
                    r.p50(), r.p95(), r.max(), r.samples());
            out.printf("sustained: %.0f recognitions/s received by the client (%d of %d published at %.0f/s; %d dropped"
                    + " from the subscription's queue)%n", r.receivedPerSecond(), r.received(), r.published(), r.publishedPerSecond(),
                    r.dropped());
            // the bound (2 s from publish to a VMS) is the reference for the latency
            out.printf(java.util.Locale.ROOT, "SUMMARY|events|publish to receipt p95 ms|%d|required at most|2000|%.3f%n", r.p95(),
                    r.p95() / 2000.0);
            out.printf(java.util.Locale.ROOT, "SUMMARY|events|recognitions/s received|%.0f|published|%.0f|%.2f%n",
                    r.receivedPerSecond(), r.publishedPerSecond(), r.receivedPerSecond() / r.publishedPerSecond());
            return OK;
        } catch (Exception | LinkageError e) {
            err.println("bench events failed: " + e.getMessage());
            return PROBLEM;
        }
    }
}

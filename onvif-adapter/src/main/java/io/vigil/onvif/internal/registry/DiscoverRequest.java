package io.vigil.onvif.internal.registry;

import java.net.InetSocketAddress;
import io.vigil.support.args.ArgumentException;
import io.vigil.support.args.CommandLine;
import io.vigil.support.args.CommandLineSpec;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code vigil cameras discover} was asked: directed probes to given addresses (routed
 * networks, where multicast does not reach), and a multicast probe when no target is given or
 * {@code --multicast} asks for it too; {@code --verbose} lists every reply heard and what became
 * of it, {@code --json} writes the result (replies included) as data.
 */
record DiscoverRequest(List<InetSocketAddress> targets, boolean multicast, Duration waitFor, boolean add, String user,
        String passwordAlias, boolean verbose, boolean json) {

    private static final CommandLineSpec SPEC = CommandLineSpec.of("vigil cameras discover", CamerasCommand.USAGE_TEXT)
            .repeatable("--target").flag("--multicast").option("--wait").flag("--add").option("--user")
            .option("--password-alias").flag("--verbose").flag("--json");

    /** @throws ArgumentException what is wrong with {@code args} */
    static DiscoverRequest parse(List<String> args) {
        CommandLine line = SPEC.parse(args);
        List<InetSocketAddress> targets = new ArrayList<>();
        for (String target : line.values("--target")) {
            try {
                targets.addAll(targets(target));
            } catch (IllegalArgumentException e) {
                throw line.error(e.getMessage());
            }
        }
        Duration waitFor = line.duration("--wait", ChronoUnit.SECONDS).orElse(Duration.ofSeconds(3));
        boolean add = line.has("--add");
        String user = line.value("--user", "");
        String alias = line.value("--password-alias", "");
        if (add && (user.isBlank() || alias.isBlank())) {
            throw line.error("--add needs --user and --password-alias: the credentials to reach the cameras");
        }
        return new DiscoverRequest(List.copyOf(targets), line.has("--multicast") || targets.isEmpty(), waitFor, add, user, alias,
                line.has("--verbose"), line.has("--json"));
    }

    /** The most addresses one range may name: a /22, more than any camera subnet needs. */
    static final int MAX_RANGE = 1024;

    /** HOST:PORT, or an IPv4 range FIRST-LAST:PORT where LAST is a whole address or the last octet. */
    static List<InetSocketAddress> targets(String target) {
        int colon = target.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("target '" + target + "' is not HOST:PORT or A.B.C.D-E:PORT (WS-Discovery uses 3702)");
        }
        int port;
        try {
            port = Integer.parseInt(target.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("target '" + target + "': not a port number", e);
        }
        String hosts = target.substring(0, colon);
        int dash = hosts.indexOf('-');
        if (dash < 0) {
            return List.of(new InetSocketAddress(hosts, port));
        }
        long first = ipv4(hosts.substring(0, dash), target);
        String lastText = hosts.substring(dash + 1);
        long last = lastText.contains(".") ? ipv4(lastText, target) : (first & ~0xffL) | octet(lastText, target);
        if (last < first || last - first >= MAX_RANGE) {
            throw new IllegalArgumentException("target '" + target + "': a range runs upwards and holds at most "
                    + MAX_RANGE + " addresses");
        }
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (long a = first; a <= last; a++) {
            addresses.add(new InetSocketAddress((a >> 24 & 0xff) + "." + (a >> 16 & 0xff) + "." + (a >> 8 & 0xff) + "."
                    + (a & 0xff), port));
        }
        return addresses;
    }

    private static long ipv4(String text, String target) {
        String[] parts = text.split("\\.");
        if (parts.length != 4) {
            throw new IllegalArgumentException("target '" + target + "': '" + text + "' is not an IPv4 address");
        }
        long value = 0;
        for (String part : parts) {
            value = value << 8 | octet(part, target);
        }
        return value;
    }

    private static int octet(String text, String target) {
        try {
            int value = Integer.parseInt(text);
            if (value < 0 || value > 255) {
                throw new NumberFormatException(text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("target '" + target + "': '" + text + "' is not 0-255", e);
        }
    }
}

package io.vigil.onvif.internal.registry;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code vigil cameras discover} was asked: directed probes to given addresses (routed
 * networks, where multicast does not reach), and a multicast probe when no target is given or
 * {@code --multicast} asks for it too.
 */
record DiscoverRequest(List<InetSocketAddress> targets, boolean multicast, Duration waitFor, boolean add, String user,
        String passwordAlias) {

    static DiscoverRequest parse(List<String> args) {
        List<InetSocketAddress> targets = new ArrayList<>();
        boolean multicast = false;
        Duration waitFor = Duration.ofSeconds(3);
        boolean add = false;
        String user = "";
        String alias = "";
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--target" -> targets.add(target(value(args, ++i, arg)));
                case "--multicast" -> multicast = true;
                case "--wait" -> waitFor = Duration.ofSeconds(Long.parseLong(value(args, ++i, arg)));
                case "--add" -> add = true;
                case "--user" -> user = value(args, ++i, arg);
                case "--password-alias" -> alias = value(args, ++i, arg);
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
        }
        if (add && (user.isBlank() || alias.isBlank())) {
            throw new IllegalArgumentException("--add needs --user and --password-alias: the credentials to reach the cameras");
        }
        return new DiscoverRequest(List.copyOf(targets), multicast || targets.isEmpty(), waitFor, add, user, alias);
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(index);
    }

    private static InetSocketAddress target(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("target '" + hostPort + "' is not HOST:PORT (WS-Discovery uses 3702)");
        }
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }
}

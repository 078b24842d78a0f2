package io.vigil.onvif.internal.device;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where WS-BaseNotification push (Subscribe) may send Notify messages: host names and networks
 * (CIDR) from {@code push.allow}. Empty, the default, refuses every push: a service account must
 * not be able to make Vigil POST recognitions to any address it names (an SSRF amplifier), so an
 * administrator names the VMS's event receivers. A consumer given by name is allowed when the
 * name is listed, or when every address it resolves to is in a listed network; it is checked at
 * Subscribe and again before each push (a name that later resolves elsewhere is refused then).
 *
 * <p>Immutable.
 */
final class PushAllowList {

    /** One network: an address and how many leading bits must match. */
    record Network(byte[] address, int bits) {

        boolean contains(InetAddress candidate) {
            byte[] other = candidate.getAddress();
            if (other.length != address.length) {
                return false;
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (other[i] != address[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (other[whole] & mask) == (address[whole] & mask);
        }

        /** Wider than a /24 (IPv4) or /64 (IPv6): worth a line in {@code vigil doctor}. */
        boolean broad() {
            return bits < (address.length == 4 ? 24 : 64);
        }

        @Override
        public String toString() {
            try {
                return InetAddress.getByAddress(address).getHostAddress() + "/" + bits;
            } catch (UnknownHostException e) {
                return "?/" + bits;
            }
        }
    }

    /** Resolves a host name; the system resolver in production. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    static final PushAllowList NONE = new PushAllowList(List.of(), List.of(), InetAddress::getAllByName);

    private final List<String> hosts;
    private final List<Network> networks;
    private final Resolver resolver;

    private PushAllowList(List<String> hosts, List<Network> networks, Resolver resolver) {
        this.hosts = List.copyOf(hosts);
        this.networks = List.copyOf(networks);
        this.resolver = resolver;
    }

    /**
     * @param entries host names, IP addresses or networks ({@code 10.1.2.0/24}, {@code fd00::/8}), each value
     *                possibly several separated by commas or spaces
     * @throws IllegalArgumentException for an entry that is none of these, naming it
     */
    static PushAllowList parse(String[] entries) {
        List<String> hosts = new ArrayList<>();
        List<Network> networks = new ArrayList<>();
        List<String> split = new ArrayList<>();
        for (String raw : entries) {
            // several in one value too (a .cfg file has one string per key): "10.1.2.0/24, vms.example"
            split.addAll(List.of(raw.strip().split("[,\\s]+")));
        }
        for (String entry : split) {
            if (entry.isEmpty()) {
                continue;
            }
            int slash = entry.indexOf('/');
            if (slash < 0 && !literal(entry)) {
                if (!entry.matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?")) {
                    throw new IllegalArgumentException("push.allow: '" + entry + "' is neither a host name, an address nor a network");
                }
                hosts.add(entry.toLowerCase(Locale.ROOT));
                continue;
            }
            String address = slash < 0 ? entry : entry.substring(0, slash);
            if (!literal(address)) {
                throw new IllegalArgumentException("push.allow: '" + entry + "' is not a network (address/bits)");
            }
            byte[] bytes;
            try {
                bytes = InetAddress.getByName(address).getAddress(); // a literal: no lookup
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("push.allow: '" + entry + "' is not an address", e);
            }
            int bits;
            try {
                bits = slash < 0 ? bytes.length * 8 : Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("push.allow: '" + entry + "' has no prefix length after /", e);
            }
            if (bits < 0 || bits > bytes.length * 8) {
                throw new IllegalArgumentException("push.allow: '" + entry + "': the prefix length must be 0 to " + bytes.length * 8);
            }
            networks.add(new Network(bytes, bits));
        }
        return new PushAllowList(hosts, networks, InetAddress::getAllByName);
    }

    /** An IPv4 dotted quad or an IPv6 literal (never looked up in DNS). */
    private static boolean literal(String text) {
        return text.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}") || (text.contains(":") && text.matches("[0-9A-Fa-f:.]+"));
    }

    PushAllowList withResolver(Resolver other) {
        return new PushAllowList(hosts, networks, other);
    }

    boolean empty() {
        return hosts.isEmpty() && networks.isEmpty();
    }

    List<Network> networks() {
        return networks;
    }

    /** Entries wider than a /24 or /64, as {@code vigil doctor} lists them. */
    List<String> broadEntries() {
        return networks.stream().filter(Network::broad).map(Network::toString).toList();
    }

    /**
     * @return empty when Vigil may push to {@code consumer}; else why not, for the fault and the log
     */
    java.util.Optional<String> refusal(URI consumer) {
        if (empty()) {
            return java.util.Optional.of("push (Subscribe) is off on this device: no consumer address is allowed (push.allow in"
                    + " io.vigil.onvif.device.cfg); use CreatePullPointSubscription, or ask the administrator to allow this address");
        }
        String host = consumer.getHost();
        if (host == null) {
            return java.util.Optional.of("the consumer address has no host");
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (hosts.contains(bare.toLowerCase(Locale.ROOT))) {
            return java.util.Optional.empty();
        }
        InetAddress[] addresses;
        try {
            addresses = literal(bare) ? new InetAddress[] {InetAddress.getByName(bare)} : resolver.resolve(bare);
        } catch (UnknownHostException e) {
            return java.util.Optional.of("the consumer host " + bare + " does not resolve");
        }
        for (InetAddress address : addresses) {
            if (networks.stream().noneMatch(network -> network.contains(address))) {
                return java.util.Optional.of("the consumer address " + bare + " (" + address.getHostAddress()
                        + ") is not allowed by push.allow");
            }
        }
        return addresses.length == 0 ? java.util.Optional.of("the consumer host " + bare + " has no address")
                : java.util.Optional.empty();
    }

    @Override
    public String toString() {
        List<String> all = new ArrayList<>(hosts);
        networks.forEach(network -> all.add(network.toString()));
        return String.join(",", all);
    }
}

package io.vigil.simulator.internal.discovery;

import io.vigil.onvif.discovery.Announcement;
import io.vigil.onvif.discovery.AnnouncementListener;
import io.vigil.onvif.discovery.DiscoveredDevice;
import io.vigil.onvif.discovery.DiscoveryClientOptions;
import io.vigil.onvif.discovery.WsDiscoveryClient;
import io.vigil.simulator.internal.SimulatedCamera;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Run by {@link MulticastDiscoveryTest} in a child JVM inside a network namespace of its own (a
 * JVM cannot move itself into one), where multicast cannot leave the machine. Two cameras, one
 * multicast probe, then a third camera's Hello and Bye. Prints one line per fact for the test:
 * {@code CAMERA epr xaddr}, {@code FOUND epr xaddr}, {@code HELLO epr xaddr}, {@code BYE epr}.
 * Refuses to run unless told it is inside a namespace.
 */
public final class MulticastScenario {

    static final String IN_NAMESPACE = "--in-network-namespace";
    private static final Duration PROBE_WAIT = Duration.ofSeconds(2);
    private static final long ANNOUNCEMENT_WAIT_SECONDS = 5;

    private MulticastScenario() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1 || !args[0].equals(IN_NAMESPACE)) {
            System.err.println("multicasts to 239.255.255.250: run only in a network namespace, by MulticastDiscoveryTest");
            System.exit(2);
        }
        if (!onlyLoopbackInterfaces()) {
            // the flag is a promise; this checks it: in a fresh namespace lo is the only interface
            System.err.println("refusing to multicast: this process sees network interfaces other than loopback");
            System.exit(2);
        }
        try {
            run();
            System.out.flush();
            System.exit(0);
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static boolean onlyLoopbackInterfaces() throws java.net.SocketException {
        return java.net.NetworkInterface.networkInterfaces().allMatch(networkInterface -> {
            try {
                return networkInterface.isLoopback();
            } catch (java.net.SocketException e) {
                return false;
            }
        });
    }

    private static void run() throws Exception {
        BlockingQueue<Announcement> heard = new LinkedBlockingQueue<>();
        WsDiscoveryClient client = new WsDiscoveryClient(DiscoveryClientOptions.on(InetAddress.getLoopbackAddress()));
        try (AnnouncementListener listener = client.listen(heard::add);
                SimulatedCamera first = camera("First");
                SimulatedCamera second = camera("Second")) {
            first.start();
            second.start();
            printCamera(first);
            printCamera(second);
            for (DiscoveredDevice device : client.probeMulticast(PROBE_WAIT)) {
                System.out.println("FOUND " + device.endpointReference() + " " + device.xaddrs().get(0));
            }
            SimulatedCamera third = camera("Third");
            String thirdId;
            try {
                third.start();
                printCamera(third);
                thirdId = third.discoveryResponder().orElseThrow().target().endpointReference();
                Announcement hello = await(heard, Announcement.Kind.HELLO, thirdId);
                System.out.println("HELLO " + hello.device().endpointReference() + " " + hello.device().xaddrs().get(0));
            } finally {
                third.close();
            }
            Announcement bye = await(heard, Announcement.Kind.BYE, thirdId);
            System.out.println("BYE " + bye.device().endpointReference());
        }
    }

    private static SimulatedCamera camera(String name) {
        return DiscoveryResponderTest.camera(DiscoverySettings.unicastOnly(name).withMulticast());
    }

    private static void printCamera(SimulatedCamera camera) {
        System.out.println("CAMERA " + camera.discoveryResponder().orElseThrow().target().endpointReference() + " " + camera.deviceService());
    }

    /** The first announcement of {@code kind} from {@code endpointReference}; others (the first two cameras' Hellos) are passed over. */
    private static Announcement await(BlockingQueue<Announcement> heard, Announcement.Kind kind, String endpointReference)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ANNOUNCEMENT_WAIT_SECONDS);
        while (true) {
            Announcement next = heard.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (next == null) {
                throw new AssertionError("no " + kind + " from " + endpointReference + " within " + ANNOUNCEMENT_WAIT_SECONDS + " s");
            }
            if (next.kind() == kind && next.device().endpointReference().equals(endpointReference)) {
                return next;
            }
        }
    }
}

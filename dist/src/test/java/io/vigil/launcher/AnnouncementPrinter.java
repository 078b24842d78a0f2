package io.vigil.launcher;

import io.vigil.onvif.discovery.Announcement;
import io.vigil.onvif.discovery.AnnouncementListener;
import io.vigil.onvif.discovery.DiscoveryClientOptions;
import io.vigil.onvif.discovery.WsDiscoveryClient;
import java.net.InetAddress;

/**
 * Run by a test inside the container's network namespace ({@code nsenter -n}): joins the
 * WS-Discovery group on loopback and prints each Hello ({@code HELLO <urn> <xaddrs>}) and Bye
 * ({@code BYE <urn>}) it hears, after {@code LISTENING}, for {@code args[0]} seconds.
 */
public final class AnnouncementPrinter {

    private AnnouncementPrinter() {
    }

    public static void main(String[] args) throws Exception {
        long seconds = Long.parseLong(args[0]);
        try (AnnouncementListener listener = new WsDiscoveryClient(DiscoveryClientOptions.on(InetAddress.getLoopbackAddress()))
                .listen(AnnouncementPrinter::print)) {
            System.out.println("LISTENING");
            System.out.flush();
            Thread.sleep(seconds * 1000);
        }
    }

    private static synchronized void print(Announcement announcement) {
        System.out.println(announcement.kind() + " " + announcement.device().endpointReference()
                + (announcement.kind() == Announcement.Kind.HELLO ? " " + announcement.device().xaddrs() : ""));
        System.out.flush();
    }
}

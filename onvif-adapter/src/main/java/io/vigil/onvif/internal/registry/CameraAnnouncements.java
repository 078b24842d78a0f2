package io.vigil.onvif.internal.registry;

import io.vigil.api.camera.Camera;
import io.vigil.api.status.ModuleStatus;
import io.vigil.api.status.StatusReporter;
import io.vigil.onvif.discovery.AnnouncementListener;
import io.vigil.onvif.discovery.DiscoveryClientOptions;
import io.vigil.onvif.discovery.WsDiscoveryClient;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Listens for the WS-Discovery Hello and Bye of cameras, when configured to
 * ({@code io.vigil.onvif.discovery.cfg}: {@code listen.announcements=true}). Off by default:
 * joining the multicast group sends IGMP membership reports onto the network, which an
 * administrator must choose. {@link AnnouncedDevices} decides what each announcement means.
 */
@Component(configurationPid = CameraAnnouncements.PID, immediate = true,
        service = {AnnouncedCameras.class, StatusReporter.class}, property = "vigil.module=discovery")
@Designate(ocd = CameraAnnouncements.Config.class)
public class CameraAnnouncements implements AnnouncedCameras, StatusReporter {

    static final String PID = "io.vigil.onvif.discovery";

    @ObjectClassDefinition(name = "Vigil camera discovery",
            description = "Whether the camera registry listens for the WS-Discovery Hello and Bye of cameras")
    public @interface Config {

        @AttributeDefinition(name = "Listen for Hello and Bye",
                description = "Join the WS-Discovery multicast group 239.255.255.250:3702. Off by default: joining "
                        + "sends IGMP membership reports onto the network")
        boolean listen_announcements() default false;

        @AttributeDefinition(name = "Interface address",
                description = "A local address on the cameras' network; 0.0.0.0: the interface of the system's multicast route")
        String interface_address() default "0.0.0.0";
    }

    private final List<CameraHandle> handles = new CopyOnWriteArrayList<>();
    private final AnnouncedDevices devices;
    private final String listening;
    private final AnnouncementListener listener;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile EventAdmin events;

    @Activate
    public CameraAnnouncements(Config config, @Reference(service = LoggerFactory.class) Logger logger) {
        this.devices = new AnnouncedDevices(() -> handles, () -> events, AnnouncedDevices.MAX_DEVICES);
        AnnouncementListener started = null;
        String state;
        if (!config.listen_announcements()) {
            state = "not listening for Hello and Bye (listen.announcements=false)";
        } else {
            try {
                InetAddress address = InetAddress.getByName(config.interface_address().strip());
                // the listener's own thread calls heard(), which only updates memory and posts events
                started = new WsDiscoveryClient(DiscoveryClientOptions.on(address)).listen(devices::heard);
                state = "listening for Hello and Bye on " + address.getHostAddress();
                logger.info("Camera discovery: {}", state);
            } catch (IOException | RuntimeException e) {
                // reported, not thrown: the registry and the commands keep working without it
                state = "cannot listen for Hello and Bye: " + e.getMessage();
                logger.error("Camera discovery: {}", state);
            }
        }
        this.listener = started;
        this.listening = state;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addCamera(CameraHandle handle) {
        handles.add(handle);
    }

    void removeCamera(CameraHandle handle) {
        handles.remove(handle);
    }

    @Override
    public List<Camera> cameras() {
        return devices.cameras();
    }

    @Override
    public ModuleStatus status() {
        if (listener == null) {
            return new ModuleStatus("discovery", listening.startsWith("cannot") ? ModuleStatus.Health.FAILED
                    : ModuleStatus.Health.OK, listening);
        }
        return new ModuleStatus("discovery", ModuleStatus.Health.OK, listening + ": " + devices.cameras().size()
                + " announced, not added; " + (devices.ignored() + listener.droppedDatagrams()) + " announcements ignored; "
                + devices.evicted() + " announced devices forgotten for newer ones");
    }

    @Deactivate
    void deactivate() {
        if (listener != null) {
            listener.close();
        }
    }
}

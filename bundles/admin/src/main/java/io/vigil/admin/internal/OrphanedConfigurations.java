package io.vigil.admin.internal;

import io.vigil.api.audit.AuditActions;
import io.vigil.api.audit.AuditException;
import io.vigil.api.audit.AuditTrail;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Configurations whose file is gone, deleted at start. fileinstall deletes the configuration of
 * a file it sees deleted, but a file deleted while the container was stopped or killed is never
 * seen: Config Admin keeps the configuration in the framework cache, and a camera an
 * administrator took out by deleting its file would be analysed again. This runs in a platform
 * bundle (start level 2), so it is done before the hot folder's bundles (level 3) start any
 * camera. Each deletion is logged at once and written to the audit trail when the compliance
 * bundle's trail comes (it starts later, from the hot folder); without one the log is the record.
 */
@Component(immediate = true)
public class OrphanedConfigurations {

    static final String FILENAME = "felix.fileinstall.filename";
    static final String CAMERA_PID = "io.vigil.onvif.camera";
    static final String STREAM_PID = "io.vigil.ingest.stream";

    private final Logger logger;
    private final List<Map<String, String>> unaudited = new ArrayList<>();

    @Activate
    public OrphanedConfigurations(@Reference ConfigurationAdmin configurations,
            @Reference(service = LoggerFactory.class) Logger logger) {
        this.logger = logger;
        for (Map<String, String> deleted : deleteOrphans(configurations)) {
            logger.warn("Deleted configuration {} at start: {}{}", deleted.get("pid"), deleted.get("reason"),
                    deleted.containsKey("file") ? " (" + deleted.get("file") + ")" : "");
            synchronized (unaudited) {
                unaudited.add(deleted);
            }
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setAudit(AuditTrail trail) {
        synchronized (unaudited) {
            while (!unaudited.isEmpty()) {
                Map<String, String> details = unaudited.get(0);
                try {
                    trail.record(AuditActions.CONFIGURATION_CHANGED, "system", details);
                    unaudited.remove(0);
                } catch (AuditException | RuntimeException e) {
                    // kept for the next trail; the log already has the deletion
                    logger.warn("Deletion of configuration {} not audited yet: {}", details.get("pid"), e.getMessage());
                    return;
                }
            }
        }
    }

    void unsetAudit(AuditTrail trail) {
        // nothing held: entries are recorded when a trail is bound
    }

    /** Deletes each configuration made from a file that no longer exists; returns what was deleted, for the audit trail. */
    static List<Map<String, String>> deleteOrphans(ConfigurationAdmin configurations) {
        List<Map<String, String>> deleted = new ArrayList<>();
        Configuration[] all;
        try {
            all = configurations.listConfigurations("(" + FILENAME + "=*)");
        } catch (IOException | InvalidSyntaxException e) {
            return deleted;
        }
        if (all == null) {
            return deleted;
        }
        for (Configuration configuration : all) {
            Object name = configuration.getProperties() == null ? null : configuration.getProperties().get(FILENAME);
            Path file = file(name);
            if (file == null || Files.exists(file)) {
                continue;
            }
            Map<String, String> details = new TreeMap<>();
            details.put("pid", configuration.getPid());
            if (configuration.getFactoryPid() != null) {
                details.put("factory.pid", configuration.getFactoryPid());
            }
            details.put("event", "deleted");
            details.put("file", file.toString());
            details.put("reason", "its file was deleted while Vigil was stopped");
            delete(configuration, details, deleted);
        }
        deleted.addAll(deleteStreamsTheRegistryMade(configurations));
        return deleted;
    }

    /**
     * The stream configurations the camera registry made in earlier versions (one per camera, with
     * no file behind it): the registry now offers its streams to ingest as a service
     * ({@code io.vigil.api.media.CameraStreams}), so such a configuration would run the camera a
     * second time beside the registry's offer, or run a camera that is no longer configured. Each is
     * deleted before any camera starts. Streams from files stay.
     */
    static List<Map<String, String>> deleteStreamsTheRegistryMade(ConfigurationAdmin configurations) {
        List<Map<String, String>> deleted = new ArrayList<>();
        try {
            Configuration[] streams = configurations.listConfigurations("(&(service.factoryPid=" + STREAM_PID
                    + ")(camera.id=*)(!(" + FILENAME + "=*)))");
            if (streams == null) {
                return deleted;
            }
            java.util.Set<String> cameras = new java.util.HashSet<>();
            Configuration[] configured = configurations.listConfigurations("(service.factoryPid=" + CAMERA_PID + ")");
            for (Configuration camera : configured == null ? new Configuration[0] : configured) {
                if (camera.getProperties() != null && camera.getProperties().get("camera.id") != null) {
                    cameras.add(String.valueOf(camera.getProperties().get("camera.id")));
                }
            }
            for (Configuration stream : streams) {
                String camera = String.valueOf(stream.getProperties().get("camera.id"));
                Map<String, String> details = new TreeMap<>();
                details.put("pid", stream.getPid());
                details.put("factory.pid", STREAM_PID);
                details.put("event", "deleted");
                details.put("camera.id", camera);
                details.put("reason", cameras.contains(camera)
                        ? "the stream configuration the camera registry made for camera " + camera
                                + "; the registry now offers the stream to ingest itself"
                        : "the stream of camera " + camera + ", which is no longer configured");
                delete(stream, details, deleted);
            }
        } catch (IOException | InvalidSyntaxException e) {
            // nothing listed: nothing deleted
        }
        return deleted;
    }

    private static void delete(Configuration configuration, Map<String, String> details, List<Map<String, String>> deleted) {
        try {
            configuration.delete();
            deleted.add(details);
        } catch (IOException | IllegalStateException e) {
            // already gone, or the store refused: the next start tries again
        }
    }

    /** The file fileinstall made the configuration from; null when the value is not a plain file. */
    static Path file(Object name) {
        if (name == null) {
            return null;
        }
        String text = String.valueOf(name);
        try {
            return text.startsWith("file:") ? Path.of(URI.create(text)) : Path.of(text);
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return null;
        }
    }
}

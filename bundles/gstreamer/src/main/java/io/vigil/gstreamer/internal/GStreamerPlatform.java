package io.vigil.gstreamer.internal;

import io.vigil.api.status.ModuleStatus;
import io.vigil.api.status.StatusReporter;
import io.vigil.gstreamer.GStreamerRuntime;
import java.util.OptionalInt;
import org.freedesktop.gstreamer.ElementFactory;
import org.freedesktop.gstreamer.Gst;
import org.freedesktop.gstreamer.PluginFeature;
import org.freedesktop.gstreamer.Registry;
import org.freedesktop.gstreamer.Version;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Initialises GStreamer once for the process. It is never de-initialised: GStreamer cannot be
 * initialised again in the same process, so stopping this bundle leaves the library loaded and
 * a restarted bundle finds it ready.
 */
@Component(service = {GStreamerRuntime.class, StatusReporter.class}, property = "vigil.module=gstreamer")
public class GStreamerPlatform implements GStreamerRuntime, StatusReporter {

    /** The oldest GStreamer whose RTSP, parsing and reference-timestamp behaviour Vigil relies on. */
    static final Version MINIMUM = new Version(1, 20);

    private final String version;

    @Activate
    public GStreamerPlatform(@Reference(service = LoggerFactory.class) Logger logger) {
        GStreamerInit.ensureInitialised();
        version = Gst.getVersionString();
        logger.info("{} initialised", version);
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public OptionalInt elementRank(String factoryName) {
        // ElementFactory.find throws for a missing element; a registry lookup answers null
        PluginFeature feature = Registry.get().lookupFeature(factoryName);
        if (feature == null) {
            return OptionalInt.empty();
        }
        try {
            return feature instanceof ElementFactory ? OptionalInt.of(feature.getRank()) : OptionalInt.empty();
        } finally {
            feature.dispose();
        }
    }

    @Override
    public ModuleStatus status() {
        return new ModuleStatus("gstreamer", ModuleStatus.Health.OK, version);
    }
}

package io.vigil.gstreamer.internal;

import io.vigil.api.status.ModuleStatus;
import io.vigil.api.status.StatusReporter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * The GStreamer platform module's presence in the container. It reports itself so that
 * {@code vigil status} shows the whole product; the module's work is added beside it.
 */
@Component(immediate = true, property = "vigil.module=gstreamer")
public class GStreamerPlatform implements StatusReporter {

    private final Logger logger;

    @Activate
    public GStreamerPlatform(@Reference(service = LoggerFactory.class) Logger logger) {
        this.logger = logger;
        logger.info("Vigil GStreamer platform module active");
    }

    @Deactivate
    void deactivate() {
        logger.info("Vigil GStreamer platform module stopped");
    }

    @Override
    public ModuleStatus status() {
        return new ModuleStatus("gstreamer", ModuleStatus.Health.OK, "idle: GStreamer bindings not loaded yet");
    }
}

package io.vigil.simulator.internal;

import io.vigil.api.status.ModuleStatus;
import io.vigil.api.status.StatusReporter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * The camera simulator module's presence in the container. It reports itself so that
 * {@code vigil status} shows the whole product; the module's work is added beside it.
 */
@Component(immediate = true, property = "vigil.module=simulator")
public class CameraSimulator implements StatusReporter {

    private final Logger logger;

    @Activate
    public CameraSimulator(@Reference(service = LoggerFactory.class) Logger logger) {
        this.logger = logger;
        logger.info("Vigil camera simulator module active");
    }

    @Deactivate
    void deactivate() {
        logger.info("Vigil camera simulator module stopped");
    }

    @Override
    public ModuleStatus status() {
        return new ModuleStatus("simulator", ModuleStatus.Health.OK, "idle: no simulated cameras");
    }
}

package io.vigil.inference.internal;

import io.vigil.api.status.ModuleStatus;
import io.vigil.api.status.StatusReporter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * The inference module's presence in the container. It reports itself so that
 * {@code vigil status} shows the whole product; the module's work is added beside it.
 */
@Component(immediate = true, property = "vigil.module=inference")
public class InferenceService implements StatusReporter {

    private final Logger logger;

    @Activate
    public InferenceService(@Reference(service = LoggerFactory.class) Logger logger) {
        this.logger = logger;
        logger.info("Vigil inference module active");
    }

    @Deactivate
    void deactivate() {
        logger.info("Vigil inference module stopped");
    }

    @Override
    public ModuleStatus status() {
        return new ModuleStatus("inference", ModuleStatus.Health.OK, "idle: no face models loaded");
    }
}

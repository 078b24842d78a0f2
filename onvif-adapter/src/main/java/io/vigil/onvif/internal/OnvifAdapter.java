package io.vigil.onvif.internal;

import io.vigil.api.status.ModuleStatus;
import io.vigil.api.status.StatusReporter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * The ONVIF adapter module's presence in the container. It reports itself so that
 * {@code vigil status} shows the whole product; the module's work is added beside it.
 */
@Component(immediate = true, property = "vigil.module=onvif")
public class OnvifAdapter implements StatusReporter {

    private final Logger logger;

    @Activate
    public OnvifAdapter(@Reference(service = LoggerFactory.class) Logger logger) {
        this.logger = logger;
        logger.info("Vigil ONVIF adapter module active");
    }

    @Deactivate
    void deactivate() {
        logger.info("Vigil ONVIF adapter module stopped");
    }

    @Override
    public ModuleStatus status() {
        return new ModuleStatus("onvif", ModuleStatus.Health.OK, "client side: see cameras and discovery; device side (for the VMS): see onvif-device");
    }
}

package io.vigil.onvif.internal.registry;

import io.vigil.api.camera.Camera;
import java.util.List;

/**
 * Devices that announced themselves with a WS-Discovery Hello and are not configured cameras:
 * listed by the registry as DISCOVERED, never reached or analysed until an administrator adds them.
 */
public interface AnnouncedCameras {

    /** Each announced device not (yet) a configured camera, as a camera in phase DISCOVERED. */
    List<Camera> cameras();
}

package io.vigil.onvif.internal.registry;

import io.vigil.onvif.discovery.DiscoveredDevice;

/**
 * Vigil's own ONVIF device (and another Vigil's) answers probes and says Hello like a camera, but
 * is not one: its profiles are restreams of cameras, and watching them would analyse a camera
 * twice. The camera side recognises it by the hardware scope every Vigil device announces.
 */
public final class VigilDevices {

    /** The scope every Vigil ONVIF device announces. */
    public static final String HARDWARE_SCOPE = "onvif://www.onvif.org/hardware/Vigil";

    private VigilDevices() {
    }

    static boolean isVigil(DiscoveredDevice device) {
        return device.scopes().contains(HARDWARE_SCOPE);
    }
}

package io.vigil.onvif.device;

import org.osgi.annotation.versioning.ProviderType;

/** Makes {@link PrivateDevice}s; the ONVIF bundle provides it as a service. */
@ProviderType
public interface PrivateDevices {

    /**
     * A device with one streaming camera {@code cameraId} and one account; the product's event
     * broker defaults (queue, subscriptions, terminations). The caller serves {@link PrivateDevice#servlet()}.
     */
    PrivateDevice open(String cameraId, String user, char[] password);
}

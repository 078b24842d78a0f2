package io.vigil.onvif.device;

import io.vigil.api.alert.Alert;
import jakarta.servlet.Servlet;
import org.osgi.annotation.versioning.ProviderType;

/** A device from {@link PrivateDevices}; closing it ends its subscriptions and timers. */
@ProviderType
public interface PrivateDevice extends AutoCloseable {

    /** The device's SOAP endpoints, to be served under {@code /onvif/*} with async support. */
    Servlet servlet();

    /** Announces a recognition on the device's camera as the product does, with UtcTime the alert's time. */
    void publish(Alert alert);

    /** Messages dropped so far from subscriptions whose queue was full. */
    long dropped();

    /** Messages kept per subscription before the oldest is dropped. */
    int queueCapacity();

    @Override
    void close();
}

package io.vigil.onvif.soap;

import java.util.Optional;

/**
 * Why an ONVIF exchange with a device failed. Subclasses say what kind of failure it is, so a
 * caller can decide without reading messages: credentials ({@link NotAuthorizedException}), an
 * operation the device lacks ({@link ActionNotSupportedException}), a request it refused
 * ({@link BadRequestException}), its own failure ({@link ServerErrorException}), an answer Vigil
 * cannot use ({@link InvalidResponseException}), or the network ({@link TransportException}:
 * {@link UnreachableException}, {@link TimeoutException}).
 *
 * <p>Messages name the operation and the address and, for a fault, its codes and reason; they
 * never contain a password or a digest of one.
 */
public abstract class OnvifException extends Exception {

    private static final long serialVersionUID = 1L;

    private final SoapFault fault;

    protected OnvifException(String message, SoapFault fault, Throwable cause) {
        super(message, cause);
        this.fault = fault;
    }

    /** The SOAP fault the device answered with, when that is what this is. */
    public Optional<SoapFault> fault() {
        return Optional.ofNullable(fault);
    }
}

package io.vigil.simulator.internal;

import io.vigil.onvif.soap.SoapFault;

/**
 * A request the camera answers with a SOAP fault. HTTP status as SOAP 1.2's HTTP binding has it
 * (Part 2, 7.5.1.2): 400 for {@code env:Sender} faults, 500 for the rest.
 */
final class SoapFaultResponse extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient SoapFault fault;

    SoapFaultResponse(SoapFault fault) {
        super(fault.reason());
        this.fault = fault;
    }

    SoapFault fault() {
        return fault;
    }

    int httpStatus() {
        return fault.code().equals(SoapFault.SENDER) ? 400 : 500;
    }
}

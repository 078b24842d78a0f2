package io.vigil.onvif.internal.device;

import io.vigil.onvif.soap.Namespaces;
import io.vigil.onvif.soap.SoapFault;
import java.util.List;
import javax.xml.namespace.QName;

/**
 * A request the Vigil device answers with a SOAP fault. HTTP status as SOAP 1.2's HTTP binding
 * has it (Part 2, 7.5.1.2): 400 for {@code env:Sender}, 500 for the rest, unless told otherwise.
 */
final class DeviceFault extends Exception {

    private static final long serialVersionUID = 1L;
    static final String WSNT = "http://docs.oasis-open.org/wsn/b-2";
    static final String WSRF = "http://docs.oasis-open.org/wsrf/rw-2";

    private final transient SoapFault fault;
    private final int status;

    DeviceFault(SoapFault fault) {
        this(fault, fault.code().equals(SoapFault.SENDER) ? 400 : 500);
    }

    DeviceFault(SoapFault fault, int status) {
        super(fault.reason());
        this.fault = fault;
        this.status = status;
    }

    SoapFault fault() {
        return fault;
    }

    int status() {
        return status;
    }

    static DeviceFault sender(String reason, QName... subcodes) {
        return new DeviceFault(new SoapFault(SoapFault.SENDER, List.of(subcodes), reason));
    }

    static DeviceFault receiver(String reason, QName... subcodes) {
        return new DeviceFault(new SoapFault(SoapFault.RECEIVER, List.of(subcodes), reason));
    }

    static DeviceFault notAuthorized() {
        return sender("Sender not Authorized", Namespaces.ter("NotAuthorized"));
    }

    static DeviceFault actionNotSupported() {
        return receiver("Optional Action Not Implemented", Namespaces.ter("ActionNotSupported"));
    }

    static DeviceFault invalidArgs(String reason) {
        return sender(reason, Namespaces.ter("InvalidArgVal"));
    }

    /** WS-ResourceFramework: the subscription does not exist (any more). */
    static DeviceFault unknownSubscription() {
        return sender("The subscription does not exist or has expired", new QName(WSRF, "ResourceUnknownFault", "wsrf-rw"));
    }

    static QName wsnt(String localName) {
        return new QName(WSNT, localName, "wsnt");
    }
}

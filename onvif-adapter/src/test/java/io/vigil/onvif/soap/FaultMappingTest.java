package io.vigil.onvif.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class FaultMappingTest {

    private static final String CONTEXT = "GetProfiles at http://192.0.2.10/onvif/media_service";

    private final SoapReader reader = new SoapReader();

    /** The fault as a device would send it: written by Vigil's device-side writer, read back by the client side. */
    private SoapFault overTheWire(SoapFault fault) throws Exception {
        return reader.read(SoapEnvelope.of(fault).toBytes()).fault().orElseThrow();
    }

    private OnvifException map(SoapFault fault) throws Exception {
        SoapFault received = overTheWire(fault);
        assertEquals(fault.code(), received.code());
        assertEquals(fault.subcodes(), received.subcodes());
        OnvifException e = FaultMapping.toException(received, CONTEXT);
        assertTrue(e.getMessage().startsWith(CONTEXT), e.getMessage());
        assertTrue(e.getMessage().contains(fault.reason()), e.getMessage());
        assertSame(received, e.fault().orElseThrow());
        return e;
    }

    @Test
    void notAuthorizedIsTypedWithItsReason() throws Exception {
        OnvifException e = map(SoapFault.sender(Namespaces.ter("NotAuthorized"), "Sender not Authorized"));
        assertInstanceOf(NotAuthorizedException.class, e);
        assertTrue(e.getMessage().contains("s:Sender / ter:NotAuthorized: Sender not Authorized"), e.getMessage());
        // nested under another subcode, as some devices write it
        assertInstanceOf(NotAuthorizedException.class, map(new SoapFault(SoapFault.SENDER,
                List.of(Namespaces.ter("OperationProhibited"), Namespaces.ter("NotAuthorized")), "denied")));
        // WS-Security's own fault code
        assertInstanceOf(NotAuthorizedException.class, map(SoapFault.sender(new QName(Namespaces.WSSE, "FailedAuthentication", "wsse"), "bad token")));
        assertInstanceOf(NotAuthorizedException.class, map(new SoapFault(new QName(Namespaces.WSSE, "InvalidSecurityToken", "wsse"), List.of(), "as the code")));
    }

    @Test
    void actionNotSupportedIsTypedWhicheverSideTheDeviceBlames() throws Exception {
        assertInstanceOf(ActionNotSupportedException.class,
                map(SoapFault.receiver(Namespaces.ter("ActionNotSupported"), "Optional Action Not Implemented")));
        assertInstanceOf(ActionNotSupportedException.class,
                map(SoapFault.sender(Namespaces.ter("ActionNotSupported"), "Optional Action Not Implemented")));
        assertInstanceOf(ActionNotSupportedException.class, map(SoapFault.sender(Namespaces.ter("UnknownAction"), "Unknown Action")));
    }

    @Test
    void otherSenderFaultsAreBadRequests() throws Exception {
        assertInstanceOf(BadRequestException.class, map(SoapFault.sender(Namespaces.ter("InvalidArgVal"), "Argument Value Invalid")));
        assertInstanceOf(BadRequestException.class, map(new SoapFault(SoapFault.SENDER, List.of(), "no subcode")));
        OnvifException mustUnderstand = map(new SoapFault(SoapFault.MUST_UNDERSTAND, List.of(), "SOAP header blocks not understood"));
        assertInstanceOf(BadRequestException.class, mustUnderstand);
        assertTrue(mustUnderstand.getMessage().contains("WS-Security"), mustUnderstand.getMessage());
        assertInstanceOf(BadRequestException.class, map(new SoapFault(SoapFault.VERSION_MISMATCH, List.of(), "SOAP version mismatch")));
    }

    @Test
    void receiverFaultsAreServerErrors() throws Exception {
        assertInstanceOf(ServerErrorException.class, map(SoapFault.receiver(Namespaces.ter("Action"), "Action Failed")));
        assertInstanceOf(ServerErrorException.class, map(SoapFault.receiver(Namespaces.ter("OutofMemory"), "Out of Memory")));
        assertInstanceOf(ServerErrorException.class, map(new SoapFault(new QName("urn:odd", "Strange", "o"), List.of(), "unknown code")));
    }
}

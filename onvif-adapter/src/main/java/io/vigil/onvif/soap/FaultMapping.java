package io.vigil.onvif.soap;

import java.util.List;
import javax.xml.namespace.QName;

/**
 * Which {@link OnvifException} a received SOAP fault becomes, decided by its codes (Core
 * specification, "Generic faults"), never by its reason text:
 * <ul>
 * <li>subcode {@code ter:NotAuthorized}, or WS-Security's {@code wsse:FailedAuthentication},
 * {@code wsse:InvalidSecurityToken} or {@code wsse:InvalidSecurity} (WS-Security SOAP Message
 * Security 1.0, "Error Handling") as subcode or code: {@link NotAuthorizedException};</li>
 * <li>subcode {@code ter:ActionNotSupported} (the Core specification gives it with
 * {@code env:Receiver} and notes a Sender may send it too) or {@code ter:UnknownAction}:
 * {@link ActionNotSupportedException};</li>
 * <li>code {@code env:Sender}, {@code env:MustUnderstand}, {@code env:VersionMismatch},
 * {@code env:DataEncodingUnknown} (and SOAP 1.1's {@code Client}, in case a device mixes the
 * versions): {@link BadRequestException};</li>
 * <li>code {@code env:Receiver} (or SOAP 1.1's {@code Server}) and anything else:
 * {@link ServerErrorException}.</li>
 * </ul>
 */
public final class FaultMapping {

    private static final List<String> WS_SECURITY_FAILURES = List.of("FailedAuthentication", "InvalidSecurityToken", "InvalidSecurity");

    private FaultMapping() {
    }

    /**
     * @param fault   the fault received
     * @param context what was asked of whom, for the message ("GetProfiles at http://...")
     */
    public static OnvifException toException(SoapFault fault, String context) {
        String detail = fault.codes() + (fault.reason().isEmpty() ? "" : ": " + fault.reason());
        if (fault.hasSubcode(Namespaces.TER, "NotAuthorized") || WS_SECURITY_FAILURES.stream().anyMatch(
                failure -> fault.hasSubcode(Namespaces.WSSE, failure) || fault.code().equals(new QName(Namespaces.WSSE, failure)))) {
            return new NotAuthorizedException(context + ": the device refused the credentials or the user's rights ("
                    + detail + "); check the user name, the password in the secret store and the user's level on the device", fault);
        }
        if (fault.hasSubcode(Namespaces.TER, "ActionNotSupported") || fault.hasSubcode(Namespaces.TER, "UnknownAction")) {
            return new ActionNotSupportedException(context + ": the device does not support this operation (" + detail + ")", fault);
        }
        if (fault.codeIs("MustUnderstand")) {
            return new BadRequestException(context + ": the device does not implement a header block marked mustUnderstand, "
                    + "such as WS-Security (" + detail + ")", fault);
        }
        if (fault.codeIs("Sender") || fault.codeIs("Client") || fault.codeIs("VersionMismatch") || fault.codeIs("DataEncodingUnknown")) {
            return new BadRequestException(context + ": the device refused the request (" + detail + ")", fault);
        }
        return new ServerErrorException(context + ": the device failed to carry out the request (" + detail + ")", fault);
    }
}

package io.vigil.onvif.message;

import io.vigil.onvif.soap.Namespaces;
import io.vigil.onvif.soap.SoapMessageException;
import io.vigil.onvif.xml.Dom;
import io.vigil.onvif.xml.XmlOutput;
import io.vigil.onvif.xml.XmlWritable;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.w3c.dom.Element;

/**
 * {@code tds:GetServicesResponse}: the services a device offers. Capabilities are never asked
 * for ({@code IncludeCapability} false), so none are written or read.
 */
public record Services(List<OnvifService> services) implements XmlWritable {

    public Services {
        services = List.copyOf(services);
    }

    /** The address of the service with this WSDL namespace, if the device offers it. */
    public Optional<URI> address(String namespace) {
        return services.stream().filter(service -> service.namespace().equals(namespace)).map(OnvifService::address).findFirst();
    }

    public static Services read(Element response) throws SoapMessageException {
        List<OnvifService> services = new ArrayList<>();
        for (Element service : Dom.children(response, Namespaces.TDS, "Service")) {
            services.add(OnvifService.read(service));
        }
        if (services.isEmpty()) {
            throw new SoapMessageException("GetServicesResponse without a Service (the device service at least must be listed)");
        }
        return new Services(services);
    }

    @Override
    public void writeTo(XMLStreamWriter out) throws XMLStreamException {
        XmlOutput.startElement(out, Operation.GET_SERVICES.response());
        for (OnvifService service : services) {
            service.writeTo(out);
        }
        out.writeEndElement();
    }

    /** The request, {@code tds:GetServices} with IncludeCapability false. */
    public static XmlWritable request() {
        return out -> {
            XmlOutput.startElement(out, Operation.GET_SERVICES.request());
            XmlOutput.textElement(out, Namespaces.tds("IncludeCapability"), "false");
            out.writeEndElement();
        };
    }
}

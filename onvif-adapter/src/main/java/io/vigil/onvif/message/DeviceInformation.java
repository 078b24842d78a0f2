package io.vigil.onvif.message;

import io.vigil.onvif.soap.Namespaces;
import io.vigil.onvif.soap.SoapMessageException;
import io.vigil.onvif.xml.XmlOutput;
import io.vigil.onvif.xml.XmlWritable;
import java.util.Objects;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.w3c.dom.Element;

/** {@code tds:GetDeviceInformationResponse}: every field is required by the device WSDL. */
public record DeviceInformation(String manufacturer, String model, String firmwareVersion, String serialNumber,
        String hardwareId) implements XmlWritable {

    public DeviceInformation {
        Objects.requireNonNull(manufacturer, "manufacturer");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(firmwareVersion, "firmwareVersion");
        Objects.requireNonNull(serialNumber, "serialNumber");
        Objects.requireNonNull(hardwareId, "hardwareId");
    }

    public static DeviceInformation read(Element response) throws SoapMessageException {
        return new DeviceInformation(Read.text(response, Namespaces.TDS, "Manufacturer"), Read.text(response, Namespaces.TDS, "Model"),
                Read.text(response, Namespaces.TDS, "FirmwareVersion"), Read.text(response, Namespaces.TDS, "SerialNumber"),
                Read.text(response, Namespaces.TDS, "HardwareId"));
    }

    @Override
    public void writeTo(XMLStreamWriter out) throws XMLStreamException {
        XmlOutput.startElement(out, Operation.GET_DEVICE_INFORMATION.response());
        XmlOutput.textElement(out, Namespaces.tds("Manufacturer"), manufacturer);
        XmlOutput.textElement(out, Namespaces.tds("Model"), model);
        XmlOutput.textElement(out, Namespaces.tds("FirmwareVersion"), firmwareVersion);
        XmlOutput.textElement(out, Namespaces.tds("SerialNumber"), serialNumber);
        XmlOutput.textElement(out, Namespaces.tds("HardwareId"), hardwareId);
        out.writeEndElement();
    }
}

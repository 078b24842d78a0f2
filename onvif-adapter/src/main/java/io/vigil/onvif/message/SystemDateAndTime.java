package io.vigil.onvif.message;

import io.vigil.onvif.soap.Namespaces;
import io.vigil.onvif.soap.SoapMessageException;
import io.vigil.onvif.xml.Dom;
import io.vigil.onvif.xml.XmlOutput;
import io.vigil.onvif.xml.XmlWritable;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.w3c.dom.Element;

/**
 * {@code tds:GetSystemDateAndTimeResponse}: the device's clock. Only the UTC time matters to a
 * client (it sets the UsernameToken's Created); the local time and time zone are left out when
 * written, as the schema allows.
 *
 * @param utc  the device's UTC time, whole seconds as ONVIF carries it
 * @param ntp  whether the device sets its clock by NTP ({@code DateTimeType} NTP, else Manual)
 */
public record SystemDateAndTime(Instant utc, boolean ntp) implements XmlWritable {

    public SystemDateAndTime {
        Objects.requireNonNull(utc, "utc");
        utc = utc.truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * @throws SoapMessageException no UTCDateTime (a device with only a local time cannot tell us
     *                              its offset to UTC reliably) or an impossible date
     */
    public static SystemDateAndTime read(Element response) throws SoapMessageException {
        Element system = Read.child(response, Namespaces.TDS, "SystemDateAndTime");
        Element utc = Dom.child(system, Namespaces.TT, "UTCDateTime").orElseThrow(() -> new SoapMessageException(
                "GetSystemDateAndTimeResponse without UTCDateTime"));
        Element date = Read.child(utc, Namespaces.TT, "Date");
        Element time = Read.child(utc, Namespaces.TT, "Time");
        try {
            LocalDateTime value = LocalDateTime.of(Read.integer(date, Namespaces.TT, "Year"), Read.integer(date, Namespaces.TT, "Month"),
                    Read.integer(date, Namespaces.TT, "Day"), Read.integer(time, Namespaces.TT, "Hour"),
                    Read.integer(time, Namespaces.TT, "Minute"), Read.integer(time, Namespaces.TT, "Second"));
            boolean ntp = "NTP".equals(Read.optionalText(system, Namespaces.TT, "DateTimeType").orElse(""));
            return new SystemDateAndTime(value.toInstant(ZoneOffset.UTC), ntp);
        } catch (DateTimeException e) {
            throw new SoapMessageException("GetSystemDateAndTimeResponse with an impossible UTCDateTime: " + e.getMessage());
        }
    }

    @Override
    public void writeTo(XMLStreamWriter out) throws XMLStreamException {
        LocalDateTime value = LocalDateTime.ofInstant(utc, ZoneOffset.UTC);
        XmlOutput.startElement(out, Operation.GET_SYSTEM_DATE_AND_TIME.response());
        XmlOutput.startElement(out, Namespaces.tds("SystemDateAndTime"));
        XmlOutput.textElement(out, Namespaces.tt("DateTimeType"), ntp ? "NTP" : "Manual");
        XmlOutput.textElement(out, Namespaces.tt("DaylightSavings"), "false");
        XmlOutput.startElement(out, Namespaces.tt("TimeZone"));
        XmlOutput.textElement(out, Namespaces.tt("TZ"), "UTC0");
        out.writeEndElement();
        XmlOutput.startElement(out, Namespaces.tt("UTCDateTime"));
        XmlOutput.startElement(out, Namespaces.tt("Time"));
        XmlOutput.textElement(out, Namespaces.tt("Hour"), Integer.toString(value.getHour()));
        XmlOutput.textElement(out, Namespaces.tt("Minute"), Integer.toString(value.getMinute()));
        XmlOutput.textElement(out, Namespaces.tt("Second"), Integer.toString(value.getSecond()));
        out.writeEndElement();
        XmlOutput.startElement(out, Namespaces.tt("Date"));
        XmlOutput.textElement(out, Namespaces.tt("Year"), Integer.toString(value.getYear()));
        XmlOutput.textElement(out, Namespaces.tt("Month"), Integer.toString(value.getMonthValue()));
        XmlOutput.textElement(out, Namespaces.tt("Day"), Integer.toString(value.getDayOfMonth()));
        out.writeEndElement();
        out.writeEndElement();
        out.writeEndElement();
        out.writeEndElement();
    }
}

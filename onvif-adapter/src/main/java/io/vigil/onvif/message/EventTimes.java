package io.vigil.onvif.message;

import io.vigil.onvif.soap.SoapMessageException;
import io.vigil.onvif.xml.Dom;
import io.vigil.onvif.xml.SafeText;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.w3c.dom.Element;

/** xs:dateTime values of event messages (CurrentTime, TerminationTime, UtcTime), with or without a zone. */
final class EventTimes {

    private EventTimes() {
    }

    static Instant instant(Element parent, String namespace, String localName) throws SoapMessageException {
        return parse(Read.text(parent, namespace, localName), Dom.describe(parent) + "/" + localName);
    }

    /** An xs:dateTime; one without a zone is taken as UTC, as devices that leave the Z out mean it. */
    static Instant parse(String text, String where) throws SoapMessageException {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return java.time.LocalDateTime.parse(text).toInstant(java.time.ZoneOffset.UTC);
            } catch (DateTimeParseException again) {
                throw new SoapMessageException(where + " is not an xs:dateTime: '" + SafeText.excerpt(text, 40) + "'");
            }
        }
    }
}

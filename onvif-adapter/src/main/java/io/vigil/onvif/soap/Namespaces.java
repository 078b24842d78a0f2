package io.vigil.onvif.soap;

import javax.xml.namespace.QName;

/**
 * Namespaces of SOAP 1.2, WS-Addressing, WS-Security and ONVIF (Core specification, "Namespaces"),
 * with the conventional prefixes Vigil writes. Prefixes are only what Vigil writes; everything
 * read is matched by namespace.
 */
public final class Namespaces {

    /** SOAP 1.2 envelope (prefix {@code s}). */
    public static final String SOAP = "http://www.w3.org/2003/05/soap-envelope";
    /** SOAP 1.1 envelope: only recognised, to refuse it with a clear message. */
    public static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
    /** WS-Addressing 1.0 (prefix {@code a}). WS-Discovery uses the older 2004/08 one, not this. */
    public static final String WSA = "http://www.w3.org/2005/08/addressing";
    /** WS-Security 1.0 secext (prefix {@code wsse}). */
    public static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    /** WS-Security 1.0 utility (prefix {@code wsu}). */
    public static final String WSU = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    /** ONVIF schema types (prefix {@code tt}). */
    public static final String TT = "http://www.onvif.org/ver10/schema";
    /** ONVIF device management service (prefix {@code tds}). */
    public static final String TDS = "http://www.onvif.org/ver10/device/wsdl";
    /** ONVIF media service, version 1 (prefix {@code trt}). */
    public static final String TRT = "http://www.onvif.org/ver10/media/wsdl";
    /** ONVIF media service, version 2 (prefix {@code tr2}). */
    public static final String TR2 = "http://www.onvif.org/ver20/media/wsdl";
    /** ONVIF event service (prefix {@code tev}). */
    public static final String TEV = "http://www.onvif.org/ver10/events/wsdl";
    /** ONVIF fault subcodes (prefix {@code ter}). */
    public static final String TER = "http://www.onvif.org/ver10/error";
    /** ONVIF topic namespace (prefix {@code tns1}). */
    public static final String TNS1 = "http://www.onvif.org/ver10/topics";
    /**
     * Vigil's own topic namespace (prefix {@code vigil}): ONVIF Core's topic rules reserve
     * {@code tns1} for the topics ONVIF defines and grow the tree with a vendor namespace.
     */
    public static final String VIGIL_TOPICS = "urn:vigil:onvif:topics";
    /** WS-BaseNotification (prefix {@code wsnt}). */
    public static final String WSNT = "http://docs.oasis-open.org/wsn/b-2";

    private Namespaces() {
    }

    public static QName soap(String localName) {
        return new QName(SOAP, localName, "s");
    }

    public static QName wsa(String localName) {
        return new QName(WSA, localName, "a");
    }

    public static QName wsse(String localName) {
        return new QName(WSSE, localName, "wsse");
    }

    public static QName wsu(String localName) {
        return new QName(WSU, localName, "wsu");
    }

    public static QName tt(String localName) {
        return new QName(TT, localName, "tt");
    }

    public static QName tds(String localName) {
        return new QName(TDS, localName, "tds");
    }

    public static QName trt(String localName) {
        return new QName(TRT, localName, "trt");
    }

    public static QName tr2(String localName) {
        return new QName(TR2, localName, "tr2");
    }

    public static QName tev(String localName) {
        return new QName(TEV, localName, "tev");
    }

    public static QName ter(String localName) {
        return new QName(TER, localName, "ter");
    }
}

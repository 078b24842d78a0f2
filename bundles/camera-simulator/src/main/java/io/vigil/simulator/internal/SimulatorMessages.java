package io.vigil.simulator.internal;

import io.vigil.onvif.soap.Namespaces;
import io.vigil.onvif.xml.XmlWritable;
import javax.xml.namespace.QName;

/** What the simulator's own message classes share. */
final class SimulatorMessages {

    private SimulatorMessages() {
    }

    /** The response element of {@code operation}, {@code <prefix>:<name>Response}. */
    static QName response(SimulatorOperation operation) {
        return new QName(operation.namespace(), operation.operationName() + "Response", prefix(operation.namespace()));
    }

    /**
     * The answer with the ONVIF namespaces declared once, on {@code s:Body}, as cameras do,
     * instead of on each element that uses them. Both are the same XML; but clients that read
     * namespace declarations as attributes (node-onvif's xml2js set-up) otherwise see every
     * {@code tt:Name} as an object with attributes rather than as text.
     */
    static XmlWritable withNamespacesOnBody(XmlWritable answer) {
        return out -> {
            // called right after <s:Body> is started, so these declarations belong to it
            out.writeNamespace("tds", Namespaces.TDS);
            out.writeNamespace("trt", Namespaces.TRT);
            out.writeNamespace("tr2", Namespaces.TR2);
            out.writeNamespace("tt", Namespaces.TT);
            answer.writeTo(out);
        };
    }

    private static String prefix(String namespace) {
        return switch (namespace) {
            case Namespaces.TDS -> "tds";
            case Namespaces.TRT -> "trt";
            case Namespaces.TR2 -> "tr2";
            default -> throw new IllegalArgumentException("no prefix for " + namespace);
        };
    }
}

package io.vigil.onvif.internal.client;

import io.vigil.onvif.soap.SoapMessageException;
import org.w3c.dom.Element;

/** Reads a typed response out of the response element. */
@FunctionalInterface
interface MessageReader<T> {

    T read(Element response) throws SoapMessageException;
}

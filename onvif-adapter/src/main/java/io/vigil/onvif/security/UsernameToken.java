package io.vigil.onvif.security;

import io.vigil.onvif.soap.Namespaces;
import io.vigil.onvif.xml.XmlOutput;
import io.vigil.onvif.xml.XmlWritable;
import java.util.Objects;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A WS-Security header with one UsernameToken carrying a PasswordDigest, ready to write:
 *
 * <pre>{@code
 * <wsse:Security s:mustUnderstand="1">
 *   <wsse:UsernameToken>
 *     <wsse:Username>user</wsse:Username>
 *     <wsse:Password Type="...#PasswordDigest">digest</wsse:Password>
 *     <wsse:Nonce EncodingType="...#Base64Binary">nonce</wsse:Nonce>
 *     <wsu:Created>2026-11-27T14:50:45.123Z</wsu:Created>
 *   </wsse:UsernameToken>
 * </wsse:Security>
 * }</pre>
 *
 * {@code mustUnderstand="1"}: both ONVIF clients Vigil is tested against send exactly this header
 * with it (npm {@code onvif} 0.8.3, {@code lib/cam.js}; {@code node-onvif} 0.1.7,
 * {@code lib/modules/soap.js}), so cameras that work with them accept it; and it is the honest
 * marking: a device that does not implement WS-Security must then fail the request with
 * {@code env:MustUnderstand} ({@code BadRequestException}, which says so) instead of silently
 * treating it as anonymous. Such a device is reached with HTTP Digest. Vigil's own verifier
 * accepts the header with or without the attribute.
 *
 * <p>Holds no password; {@link #toString()} leaves out the digest as well, since digest, nonce
 * and Created together are replayable for the device's time window.
 *
 * @param username       the user name
 * @param passwordDigest Base64 SHA-1 digest, see {@link PasswordDigest}
 * @param nonce          Base64 of the nonce bytes
 * @param created        the creation time as written and digested
 */
public record UsernameToken(String username, String passwordDigest, String nonce, String created) implements XmlWritable {

    public UsernameToken {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(passwordDigest, "passwordDigest");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(created, "created");
    }

    @Override
    public void writeTo(XMLStreamWriter out) throws XMLStreamException {
        XmlOutput.startElement(out, Namespaces.wsse("Security"));
        XmlOutput.attribute(out, Namespaces.soap("mustUnderstand"), "1");
        XmlOutput.startElement(out, Namespaces.wsse("UsernameToken"));
        XmlOutput.textElement(out, Namespaces.wsse("Username"), username);
        XmlOutput.startElement(out, Namespaces.wsse("Password"));
        XmlOutput.attribute(out, "Type", WsSecurity.PASSWORD_DIGEST);
        XmlOutput.characters(out, passwordDigest);
        out.writeEndElement();
        XmlOutput.startElement(out, Namespaces.wsse("Nonce"));
        XmlOutput.attribute(out, "EncodingType", WsSecurity.BASE64_BINARY);
        XmlOutput.characters(out, nonce);
        out.writeEndElement();
        XmlOutput.textElement(out, Namespaces.wsu("Created"), created);
        out.writeEndElement();
        out.writeEndElement();
    }

    @Override
    public String toString() {
        return "UsernameToken[username=" + username + ", created=" + created + ", nonce=" + nonce + ", digest=(hidden)]";
    }
}

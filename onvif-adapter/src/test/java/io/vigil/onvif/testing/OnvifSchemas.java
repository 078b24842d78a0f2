package io.vigil.onvif.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.Source;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The official ONVIF schemas for Media1 and Media2 (onvif.xsd, common.xsd and the types of both
 * media WSDLs), from this module's test resources ({@code onvif-schemas/}, see its README), to
 * validate a response body's content as a strict client would. Offline: a resolver serves every
 * schema a schema refers to from those resources and refuses anything else; no DTD is read.
 */
public final class OnvifSchemas {

    private static final String ROOT = "/onvif-schemas/";
    private static final String XS = XMLConstants.W3C_XML_SCHEMA_NS_URI;
    private static final String WSDL = "http://schemas.xmlsoap.org/wsdl/";

    /** What each namespace onvif.xsd imports is served from (the web's are stand-ins). */
    private static final Map<String, String> BY_NAMESPACE = Map.of(
            "http://www.onvif.org/ver10/schema", "ver10/schema/onvif.xsd",
            "http://docs.oasis-open.org/wsn/b-2", "stand-ins/wsn-b-2.xsd",
            "http://www.w3.org/2003/05/soap-envelope", "stand-ins/soap-envelope.xsd",
            "http://www.w3.org/2004/08/xop/include", "stand-ins/xop-include.xsd",
            "http://www.w3.org/2005/05/xmlmime", "stand-ins/xmlmime.xsd");

    private final Schema schema;

    private OnvifSchemas(Schema schema) {
        this.schema = schema;
    }

    /** Media1 ({@code trt}) and Media2 ({@code tr2}) with the ONVIF types. */
    public static OnvifSchemas media() throws Exception {
        SchemaFactory factory = SchemaFactory.newInstance(XS);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        // schemas only from the classpath (file: in a build, jar: from a test jar), never http(s)
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file,jar");
        factory.setResourceResolver(new ClasspathOnly());
        // onvif.xsd breaks XML Schema 1.0's Unique Particle Attribution in places (an optional
        // element before an xs:any of its own namespace: ONVIF's extension points), which
        // validating instances does not need; that one check is skipped, any other error stands
        factory.setFeature("http://apache.org/xml/features/validation/schema-full-checking", false);
        List<Source> sources = new ArrayList<>();
        sources.add(new javax.xml.transform.stream.StreamSource(resource("ver10/schema/onvif.xsd").toExternalForm()));
        sources.add(wsdlTypes("ver10/media/wsdl/media.wsdl"));
        sources.add(wsdlTypes("ver20/media/wsdl/media.wsdl"));
        return new OnvifSchemas(factory.newSchema(sources.toArray(Source[]::new)));
    }

    /**
     * The problems a strict client would find in {@code content} (a response element such as
     * trt:GetProfilesResponse, taken out of its envelope): empty when it is valid.
     */
    public List<String> problems(Element content) throws IOException, SAXException {
        Validator validator = schema.newValidator();
        validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        List<String> problems = new ArrayList<>();
        validator.setErrorHandler(new org.xml.sax.ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
            }

            @Override
            public void error(SAXParseException e) {
                problems.add(e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) {
                problems.add(e.getMessage());
            }
        });
        Document alone = newDocument();
        alone.appendChild(alone.importNode(content, true));
        try {
            validator.validate(new DOMSource(alone));
        } catch (SAXException e) {
            problems.add(e.getMessage());
        }
        return problems;
    }

    /** The xs:schema in the WSDL's types, its base the WSDL's own address, so its relative import resolves. */
    private static Source wsdlTypes(String path) throws Exception {
        URL url = resource(path);
        DocumentBuilderFactory builders = DocumentBuilderFactory.newInstance();
        builders.setNamespaceAware(true);
        builders.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        builders.setExpandEntityReferences(false);
        Document wsdl;
        try (InputStream in = url.openStream()) {
            wsdl = builders.newDocumentBuilder().parse(in);
        }
        NodeList types = wsdl.getElementsByTagNameNS(WSDL, "types");
        NodeList schemas = ((Element) types.item(0)).getElementsByTagNameNS(XS, "schema");
        Element schema = (Element) schemas.item(0);
        // the schema uses prefixes declared on wsdl:definitions: copy them down before it leaves its document
        var attributes = wsdl.getDocumentElement().getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Node attribute = attributes.item(i);
            if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attribute.getNamespaceURI())
                    && !schema.hasAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, attribute.getLocalName())) {
                schema.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, attribute.getNodeName(), attribute.getNodeValue());
            }
        }
        Document alone = newDocument();
        alone.appendChild(alone.importNode(schema, true));
        return new DOMSource(alone, url.toExternalForm());
    }

    private static Document newDocument() {
        try {
            DocumentBuilderFactory builders = DocumentBuilderFactory.newInstance();
            builders.setNamespaceAware(true);
            return builders.newDocumentBuilder().newDocument();
        } catch (javax.xml.parsers.ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static URL resource(String path) {
        URL url = OnvifSchemas.class.getResource(ROOT + path);
        if (url == null) {
            throw new IllegalStateException("test resource " + ROOT + path + " is missing");
        }
        return url;
    }

    /** Serves the schemas this class knows from the classpath, by namespace or file name; refuses the rest. */
    private static final class ClasspathOnly implements LSResourceResolver {
        @Override
        public LSInput resolveResource(String type, String namespace, String publicId, String systemId, String baseUri) {
            String path;
            if (systemId != null && systemId.endsWith("common.xsd")) {
                path = "ver10/schema/common.xsd";
            } else if (namespace != null && BY_NAMESPACE.containsKey(namespace)) {
                path = BY_NAMESPACE.get(namespace);
            } else {
                throw new IllegalStateException("no offline copy of " + systemId + " (namespace " + namespace + ")");
            }
            return new Input(resource(path).toExternalForm(), publicId);
        }
    }

    /** An LSInput naming a classpath URL; the parser opens it (file: or jar:, which the factory allows). */
    private record Input(String systemId, String publicId) implements LSInput {
        @Override public Reader getCharacterStream() { return null; }
        @Override public void setCharacterStream(Reader characterStream) { }
        @Override public InputStream getByteStream() {
            try {
                return new URL(systemId).openStream();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        @Override public void setByteStream(InputStream byteStream) { }
        @Override public String getStringData() { return null; }
        @Override public void setStringData(String stringData) { }
        @Override public String getSystemId() { return systemId; }
        @Override public void setSystemId(String systemId) { }
        @Override public String getPublicId() { return publicId; }
        @Override public void setPublicId(String publicId) { }
        @Override public String getBaseURI() { return null; }
        @Override public void setBaseURI(String baseURI) { }
        @Override public String getEncoding() { return null; }
        @Override public void setEncoding(String encoding) { }
        @Override public boolean getCertifiedText() { return false; }
        @Override public void setCertifiedText(boolean certifiedText) { }
    }
}

package io.vigil.onvif.xml;

import java.io.ByteArrayInputStream;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.UnsupportedEncodingException;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.w3c.dom.DOMImplementation;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/**
 * The one way the ONVIF adapter turns bytes from the network into a DOM.
 *
 * <p>It is the JDK's own parser ({@link SAXParserFactory#newDefaultInstance()}, so no other
 * parser on the class path or in the OSGi framework is picked up), namespace-aware, with:
 * <ul>
 * <li>DOCTYPE refused outright ({@code disallow-doctype-decl}): no internal subset, no entity
 * declarations, no external DTD; external general and parameter entities, external DTD loading
 * and XInclude off as well, {@code ACCESS_EXTERNAL_DTD}/{@code _SCHEMA} empty and an entity
 * resolver that refuses, so nothing is ever fetched;</li>
 * <li>secure processing on, and the JDK's own limits (entity expansions and sizes, name length,
 * attributes per element) set explicitly;</li>
 * <li>our {@link XmlLimits}: the byte count is checked on the stream before the parser sees the
 * bytes (an endless response is cut off at the limit), depth and element count while the DOM is
 * built (SAX events into a DOM, rather than a {@code DocumentBuilder}, so a limit stops the
 * parse where it is crossed).</li>
 * </ul>
 * Parser messages are pinned to English so that what an administrator reads, and how a failure
 * is classified, does not depend on the machine's locale.
 *
 * <p>Thread-safe; one instance can serve every camera.
 */
public final class SecureXmlParser {

    private static final String DISALLOW_DOCTYPE = "http://apache.org/xml/features/disallow-doctype-decl";
    private static final String EXTERNAL_GENERAL_ENTITIES = "http://xml.org/sax/features/external-general-entities";
    private static final String EXTERNAL_PARAMETER_ENTITIES = "http://xml.org/sax/features/external-parameter-entities";
    private static final String LOAD_EXTERNAL_DTD = "http://apache.org/xml/features/nonvalidating/load-external-dtd";
    private static final String LOCALE = "http://apache.org/xml/properties/locale";
    /** JDK (java.xml) limit properties; "0" would mean unlimited, so every value is positive. */
    private static final String JDK_PROPERTY = "http://www.oracle.com/xml/jaxp/properties/";
    /** Start of the JDK parser's message for {@link #DISALLOW_DOCTYPE}, with messages pinned to English. */
    private static final String DOCTYPE_MESSAGE = "DOCTYPE is disallowed";
    /** The JDK's limit messages start with a stable code: "JAXP00010001: The parser has ..." */
    private static final String JDK_LIMIT_MESSAGE = "JAXP000";

    private final XmlLimits limits;
    private final SAXParserFactory factory;
    private final DOMImplementation dom;

    public SecureXmlParser() {
        this(XmlLimits.DEFAULTS);
    }

    public SecureXmlParser(XmlLimits limits) {
        this.limits = limits;
        try {
            factory = SAXParserFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setValidating(false);
            factory.setXIncludeAware(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature(DISALLOW_DOCTYPE, true);
            factory.setFeature(EXTERNAL_GENERAL_ENTITIES, false);
            factory.setFeature(EXTERNAL_PARAMETER_ENTITIES, false);
            factory.setFeature(LOAD_EXTERNAL_DTD, false);
            DocumentBuilderFactory documents = DocumentBuilderFactory.newDefaultInstance();
            documents.setNamespaceAware(true);
            dom = documents.newDocumentBuilder().getDOMImplementation();
        } catch (ParserConfigurationException | SAXException e) {
            // fail closed: without every protection there is no parser
            throw new IllegalStateException("the JDK XML parser does not accept a required security setting", e);
        }
        newReader(new DomBuilder(newDocument(), limits)); // fail at construction if a property is refused
    }

    public XmlLimits limits() {
        return limits;
    }

    /** Parses a document already in memory (a datagram, a buffered response). */
    public Document parse(byte[] xml) throws XmlException {
        try {
            return parse(new ByteArrayInputStream(xml));
        } catch (IOException e) {
            throw new UncheckedIOException("reading a byte array failed", e); // cannot happen
        }
    }

    /**
     * Parses a stream, reading at most {@link XmlLimits#maxBytes()} + 1 bytes of it. The caller
     * closes the stream.
     *
     * @throws XmlException a document Vigil refuses; the subclass says why
     * @throws IOException  reading the stream itself failed (not a problem of the document)
     */
    public Document parse(InputStream in) throws XmlException, IOException {
        LimitedInputStream counted = new LimitedInputStream(in, limits.maxBytes());
        Document document = newDocument();
        DomBuilder builder = new DomBuilder(document, limits);
        XMLReader reader = newReader(builder);
        try {
            reader.parse(new InputSource(counted));
        } catch (SAXException | IOException | RuntimeException e) {
            throw classify(e, counted, builder);
        }
        if (document.getDocumentElement() == null) {
            throw new MalformedXmlException("malformed XML: no root element", null);
        }
        return document;
    }

    private XmlException classify(Exception e, LimitedInputStream counted, DomBuilder builder) throws IOException {
        if (builder.failure() != null) {
            return builder.failure();
        }
        if (counted.limitReached()) {
            return new XmlLimitExceededException(XmlLimitExceededException.Limit.SIZE,
                    "XML refused: document larger than " + limits.maxBytes() + " bytes", e);
        }
        if (counted.sourceFailure() != null) {
            throw counted.sourceFailure();
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof SAXParseException parse) {
            if (!builder.rootStarted() && message.startsWith(DOCTYPE_MESSAGE)) {
                return new ForbiddenXmlException("XML refused: it has a DOCTYPE declaration (DTDs and entity "
                        + "declarations are never accepted from the network) at line " + parse.getLineNumber(), e);
            }
            if (message.startsWith(JDK_LIMIT_MESSAGE)) {
                return new XmlLimitExceededException(XmlLimitExceededException.Limit.PARSER,
                        "XML refused: " + SafeText.excerpt(message), e);
            }
            if (parse.getException() instanceof CharConversionException) {
                return new MalformedXmlException("malformed XML: bytes do not match the declared or detected "
                        + "character encoding (line " + parse.getLineNumber() + "): " + SafeText.excerpt(message), e);
            }
            return new MalformedXmlException("malformed XML (line " + parse.getLineNumber() + ", column "
                    + parse.getColumnNumber() + "): " + SafeText.excerpt(message), e);
        }
        if (e instanceof UnsupportedEncodingException || e instanceof CharConversionException) {
            return new MalformedXmlException("malformed XML: unknown or wrong character encoding "
                    + SafeText.excerpt(message, 60), e);
        }
        if (e instanceof RuntimeException) {
            // a parser defect on hostile input is still only a refused document
            return new MalformedXmlException("malformed XML: the parser failed (" + SafeText.excerpt(message, 100) + ")", e);
        }
        return new MalformedXmlException("malformed XML: " + SafeText.excerpt(message), e);
    }

    private Document newDocument() {
        return dom.createDocument(null, null, null);
    }

    private XMLReader newReader(DomBuilder builder) {
        try {
            SAXParser parser;
            synchronized (factory) { // a factory is not guaranteed to be thread-safe
                parser = factory.newSAXParser();
            }
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            parser.setProperty(LOCALE, Locale.ROOT);
            parser.setProperty(JDK_PROPERTY + "entityExpansionLimit", "64");
            // the JDK counts character and predefined entity references (&amp;) against these too: a
            // document cannot hold more of them than it has bytes
            String documentSize = Integer.toString(limits.maxBytes());
            parser.setProperty(JDK_PROPERTY + "totalEntitySizeLimit", documentSize);
            parser.setProperty(JDK_PROPERTY + "maxGeneralEntitySizeLimit", documentSize);
            parser.setProperty(JDK_PROPERTY + "maxParameterEntitySizeLimit", "4096");
            parser.setProperty(JDK_PROPERTY + "elementAttributeLimit", "256");
            parser.setProperty(JDK_PROPERTY + "maxXMLNameLimit", "1000");
            // the parser's own depth limit stays one above ours so that ours, with its clear message, trips first
            parser.setProperty(JDK_PROPERTY + "maxElementDepth", Integer.toString(limits.maxDepth() + 1));
            XMLReader reader = parser.getXMLReader();
            reader.setContentHandler(builder);
            reader.setErrorHandler(builder);
            reader.setEntityResolver(builder);
            reader.setDTDHandler(builder);
            return reader;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the JDK XML parser does not accept a required security setting", e);
        }
    }
}

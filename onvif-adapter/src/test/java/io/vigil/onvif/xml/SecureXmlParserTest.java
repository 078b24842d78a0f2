package io.vigil.onvif.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.onvif.internal.LoopbackServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

@Timeout(10)
class SecureXmlParserTest {

    private static final String SECRET = "top-secret-file-content";

    private final SecureXmlParser parser = new SecureXmlParser();

    @TempDir
    Path temp;

    private Document parse(String xml) throws XmlException {
        return parser.parse(xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parsesANamespacedDocumentKeepingDeclarationsForQNameValues() throws Exception {
        Document document = parse("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<e:Envelope xmlns:e=\"urn:e\" xmlns:ter=\"urn:ter\"><e:Body>"
                + "<Value xmlns=\"urn:v\" attr=\"a &amp; b\">ter:NotAuthorized</Value>"
                + "<!-- a comment --><Text>one &lt;two&gt; <![CDATA[three & four]]> &#x20AC;</Text>"
                + "</e:Body></e:Envelope>");
        Element root = document.getDocumentElement();
        assertTrue(Dom.is(root, "urn:e", "Envelope"));
        Element body = Dom.child(root, "urn:e", "Body").orElseThrow();
        Element value = Dom.child(body, "urn:v", "Value").orElseThrow();
        assertEquals("a & b", value.getAttribute("attr"));
        assertEquals("urn:ter", Dom.qnameValue(value).getNamespaceURI());
        assertEquals("NotAuthorized", Dom.qnameValue(value).getLocalPart());
        Element text = Dom.child(body, "", "Text").orElseThrow(); // the default namespace was declared on Value only
        assertEquals("one <two> three & four €", Dom.text(text));
        assertEquals(1, text.getChildNodes().getLength(), "adjacent text merged into one node");
    }

    @Test
    void externalEntityToALocalFileIsRefusedAndTheFileNeverRead() throws Exception {
        Path secret = Files.writeString(temp.resolve("secret.txt"), SECRET);
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"" + secret.toUri() + "\">]><x>&e;</x>";
        ForbiddenXmlException e = assertThrows(ForbiddenXmlException.class, () -> parse(xml));
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET));
    }

    @Test
    void externalEntitiesAndDtdsOverHttpAreNeverFetched() throws Exception {
        try (LoopbackServer server = new LoopbackServer()) {
            server.on("/", (request, exchange) -> LoopbackServer.respond(exchange, 200, "text/plain",
                    SECRET.getBytes(StandardCharsets.UTF_8)));
            String url = server.uri("/evil").toString();
            String[] attacks = {
                "<!DOCTYPE x [<!ENTITY e SYSTEM \"" + url + "\">]><x>&e;</x>",
                "<!DOCTYPE x [<!ENTITY % p SYSTEM \"" + url + "\"> %p;]><x/>",
                "<!DOCTYPE x SYSTEM \"" + url + "\"><x/>",
                "<!DOCTYPE x PUBLIC \"-//A//B//EN\" \"" + url + "\"><x/>",
            };
            for (String attack : attacks) {
                assertThrows(ForbiddenXmlException.class, () -> parse(attack), attack);
            }
            // XInclude is not processed: the element stays an element, nothing is fetched
            Document document = parse("<x xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"" + url
                    + "\" parse=\"text\"/></x>");
            assertFalse(document.getDocumentElement().getTextContent().contains(SECRET));
            assertEquals(0, server.requests().size(), "the loopback server must never be asked");
        }
    }

    @Test
    void billionLaughsIsRefusedAtOnce() {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            xml.append("<!ENTITY lol").append(i).append(" \"");
            xml.append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("\">");
        }
        xml.append("]><lolz>&lol9;</lolz>");
        assertThrows(ForbiddenXmlException.class, () -> parse(xml.toString()));
    }

    @Test
    void anyDoctypeIsRefusedEvenAHarmlessOne() {
        assertThrows(ForbiddenXmlException.class, () -> parse("<!DOCTYPE html><html><body>Not Found</body></html>"));
        assertThrows(ForbiddenXmlException.class, () -> parse("<?xml version=\"1.0\"?>\n<!DOCTYPE x><x/>"));
    }

    @Test
    void depthIsLimited() throws Exception {
        SecureXmlParser shallow = new SecureXmlParser(XmlLimits.DEFAULTS.withMaxDepth(8));
        assertNotNull(shallow.parse(nested(8)));
        XmlLimitExceededException e = assertThrows(XmlLimitExceededException.class, () -> shallow.parse(nested(9)));
        assertEquals(XmlLimitExceededException.Limit.DEPTH, e.limit());
        assertTrue(e.getMessage().contains("deeper than 8"), e.getMessage());

        assertNotNull(parser.parse(nested(64)));
        assertEquals(XmlLimitExceededException.Limit.DEPTH,
                assertThrows(XmlLimitExceededException.class, () -> parser.parse(nested(100_000))).limit());
    }

    @Test
    void elementCountIsLimited() throws Exception {
        SecureXmlParser few = new SecureXmlParser(XmlLimits.DEFAULTS.withMaxElements(100));
        assertNotNull(few.parse(("<r>" + "<a/>".repeat(99) + "</r>").getBytes(StandardCharsets.UTF_8)));
        XmlLimitExceededException e = assertThrows(XmlLimitExceededException.class,
                () -> few.parse(("<r>" + "<a/>".repeat(100) + "</r>").getBytes(StandardCharsets.UTF_8)));
        assertEquals(XmlLimitExceededException.Limit.ELEMENTS, e.limit());
        assertEquals(XmlLimitExceededException.Limit.ELEMENTS, assertThrows(XmlLimitExceededException.class,
                () -> parser.parse(("<r>" + "<a/>".repeat(200_000) + "</r>").getBytes(StandardCharsets.UTF_8))).limit());
    }

    @Test
    void anEndlessDocumentIsCutOffAtTheSizeLimitWithoutBeingReadWhole() {
        int limit = 64 * 1024;
        SecureXmlParser small = new SecureXmlParser(XmlLimits.DEFAULTS.withMaxBytes(limit));
        EndlessXml endless = new EndlessXml();
        XmlLimitExceededException e = assertThrows(XmlLimitExceededException.class, () -> small.parse(endless));
        assertEquals(XmlLimitExceededException.Limit.SIZE, e.limit());
        assertTrue(endless.served.get() <= limit + 1, "read " + endless.served.get() + " bytes of an endless stream");

        // and the default limit holds against a document that claims to be a gigabyte
        EndlessXml gigabyte = new EndlessXml();
        assertEquals(XmlLimitExceededException.Limit.SIZE,
                assertThrows(XmlLimitExceededException.class, () -> parser.parse(gigabyte)).limit());
        assertTrue(gigabyte.served.get() <= XmlLimits.DEFAULT_MAX_BYTES + 1);
    }

    @Test
    void aDocumentOfExactlyTheLimitIsAccepted() throws Exception {
        String xml = "<r>" + "x".repeat(100 - 7) + "</r>";
        assertEquals(100, xml.length());
        assertNotNull(new SecureXmlParser(XmlLimits.DEFAULTS.withMaxBytes(100)).parse(xml.getBytes(StandardCharsets.US_ASCII)));
        assertThrows(XmlLimitExceededException.class,
                () -> new SecureXmlParser(XmlLimits.DEFAULTS.withMaxBytes(99)).parse(xml.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void truncatedAndNonXmlInputIsMalformed() {
        String[] inputs = {
            "",
            "   ",
            "<?xml version=\"1.0\"?>",
            "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body><x>",
            "<a><b></a>",
            "{\"error\": \"json, not xml\"}",
            "HTTP/1.1 200 OK",
            "<a>&undeclared;</a>",
            "<p:a/>",
            "<a/><b/>",
        };
        for (String input : inputs) {
            MalformedXmlException e = assertThrows(MalformedXmlException.class, () -> parse(input), input);
            assertTrue(e.getMessage().startsWith("malformed XML"), e.getMessage());
        }
        byte[] binary = new byte[4096];
        new java.util.Random(1).nextBytes(binary);
        assertThrows(XmlException.class, () -> parser.parse(binary));
    }

    @Test
    void wrongEncodingDeclarationsAreMalformed() {
        // UTF-8 bytes declared as UTF-16 (no byte order mark)
        assertThrows(MalformedXmlException.class, () -> parse("<?xml version=\"1.0\" encoding=\"UTF-16\"?><a>é</a>"));
        // an encoding nobody knows
        MalformedXmlException unknown = assertThrows(MalformedXmlException.class,
                () -> parse("<?xml version=\"1.0\" encoding=\"x-no-such-charset\"?><a/>"));
        assertTrue(unknown.getMessage().contains("encoding"), unknown.getMessage());
        // bytes that are not UTF-8 in a UTF-8 document
        MalformedXmlException invalid = assertThrows(MalformedXmlException.class,
                () -> parser.parse(new byte[] {'<', 'a', '>', (byte) 0xff, (byte) 0xfe, '<', '/', 'a', '>'}));
        assertTrue(invalid.getMessage().contains("encoding"), invalid.getMessage());
    }

    @Test
    void correctlyDeclaredEncodingsWork() throws Exception {
        byte[] latin1 = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>é</a>".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("é", parser.parse(latin1).getDocumentElement().getTextContent());
        byte[] utf16 = "\uFEFF<?xml version=\"1.0\" encoding=\"UTF-16\"?><a>é</a>".getBytes(Charset.forName("UTF-16BE"));
        assertEquals("é", parser.parse(utf16).getDocumentElement().getTextContent());
    }

    @Test
    void predefinedEntitiesAndCharacterReferencesAreNotCountedAsExpansions() throws Exception {
        String xml = "<a>" + "&amp;&lt;&#65;".repeat(5000) + "</a>";
        assertEquals(15000, parse(xml).getDocumentElement().getTextContent().length());
    }

    @Test
    void parserLimitsOfTheJdkAreTypedToo() {
        StringBuilder attributes = new StringBuilder("<a");
        for (int i = 0; i < 300; i++) {
            attributes.append(" a").append(i).append("=\"1\"");
        }
        XmlLimitExceededException e = assertThrows(XmlLimitExceededException.class, () -> parse(attributes + "/>"));
        assertEquals(XmlLimitExceededException.Limit.PARSER, e.limit());
    }

    @Test
    void messagesAreEnglishWhateverTheLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            SecureXmlParser german = new SecureXmlParser();
            assertThrows(ForbiddenXmlException.class, () -> german.parse("<!DOCTYPE x><x/>".getBytes(StandardCharsets.UTF_8)));
            MalformedXmlException e = assertThrows(MalformedXmlException.class,
                    () -> german.parse("<a><b></a>".getBytes(StandardCharsets.UTF_8)));
            assertTrue(e.getMessage().contains("must be terminated"), e.getMessage());
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void aFailingSourceIsAnIoErrorNotABadDocument() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                throw new IOException("connection reset");
            }
        };
        assertEquals("connection reset", assertThrows(IOException.class, () -> parser.parse(broken)).getMessage());
    }

    private static byte[] nested(int depth) {
        return ("<a>".repeat(depth) + "</a>".repeat(depth)).getBytes(StandardCharsets.UTF_8);
    }

    /** {@code <a>} followed by text forever, produced as it is read. */
    private static final class EndlessXml extends InputStream {
        final AtomicLong served = new AtomicLong();

        @Override
        public int read() {
            byte[] one = new byte[1];
            read(one, 0, 1);
            return one[0];
        }

        @Override
        public int read(byte[] b, int off, int len) {
            for (int i = 0; i < len; i++) {
                long n = served.getAndIncrement();
                b[off + i] = (byte) (n < 3 ? "<a>".charAt((int) n) : 'x');
            }
            return len;
        }
    }
}

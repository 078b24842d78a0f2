package io.vigil.onvif.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.w3c.dom.Element;

@Timeout(10)
class XmlOutputTest {

    private static final QName ROOT = new QName("urn:r", "Root", "r");
    private static final QName ITEM = new QName("urn:i", "Item", "i");

    @Test
    void markupInTextAndAttributesIsEscapedAndSurvivesARoundTrip() throws Exception {
        String hostile = "</i:Item><evil xmlns=\"x\"/>&amp; ]]> \"quoted\" 'single'";
        byte[] xml = XmlOutput.toBytes(out -> {
            XmlOutput.startElement(out, ROOT);
            XmlOutput.startElement(out, ITEM);
            XmlOutput.attribute(out, "note", hostile);
            XmlOutput.characters(out, hostile);
            out.writeEndElement();
            out.writeEndElement();
        });
        Element root = new SecureXmlParser().parse(xml).getDocumentElement();
        Element item = Dom.child(root, "urn:i", "Item").orElseThrow();
        assertEquals(hostile, item.getTextContent());
        assertEquals(hostile, item.getAttribute("note"));
        assertEquals(1, Dom.childElements(root).size());
    }

    @Test
    void aNamespaceIsDeclaredOnceWhereItIsFirstNeeded() {
        String xml = new String(XmlOutput.toBytes(out -> {
            XmlOutput.startElement(out, ROOT);
            XmlOutput.textElement(out, new QName("urn:r", "Inner", "r"), "1");
            XmlOutput.textElement(out, ITEM, "2");
            out.writeEndElement();
        }), StandardCharsets.UTF_8);
        assertEquals(1, xml.split("xmlns:r=", -1).length - 1, xml);
        assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"), xml);
        assertTrue(xml.contains("<i:Item xmlns:i=\"urn:i\">2</i:Item>"), xml);
    }

    @Test
    void charactersXmlCannotCarryAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> XmlOutput.toBytes(out -> {
            XmlOutput.startElement(out, ROOT);
            XmlOutput.characters(out, "bell\u0007");
            out.writeEndElement();
        }));
        assertTrue(e.getMessage().contains("U+0007"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> XmlOutput.requireXmlText("lone \uD800 surrogate"));
        assertEquals("emoji \uD83D\uDE00 ok\ttab", XmlOutput.requireXmlText("emoji \uD83D\uDE00 ok\ttab"));
    }

    @Test
    void safeTextCleansAndShortensNetworkText() {
        assertEquals("line one line two", SafeText.excerpt("line one\r\nline\ttwo\u0000"));
        assertEquals("abcde…", SafeText.excerpt("abcdefgh", 5));
        assertEquals("abcde", SafeText.excerpt("abcde   ", 5));
        assertEquals("", SafeText.excerpt(null));
    }
}

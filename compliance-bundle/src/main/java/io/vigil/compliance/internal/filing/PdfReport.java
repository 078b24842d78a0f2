package io.vigil.compliance.internal.filing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The pack's PDF, bilingual, with a TrueType CJK font embedded (PDFBox embeds TrueType outlines
 * only; Debian's fonts-wqy-zenhei is a TrueType collection, read through {@link TrueTypeCollection}).
 */
final class PdfReport {

    private static final float MARGIN = 50;
    private static final float SIZE = 9.5f;
    private static final float LEADING = 13.5f;

    private PdfReport() {
    }

    static byte[] render(FilingContent content, Path fontFile) throws FilingException {
        if (!Files.isRegularFile(fontFile)) {
            throw new FilingException("the CJK font " + fontFile + " is missing: install Debian's fonts-wqy-zenhei"
                    + " (./vigil setup does) or configure pdf.font to a TrueType (not CFF/OTF) CJK font");
        }
        try (PDDocument doc = new PDDocument(); TrueTypeCollection collection = open(fontFile)) {
            PDType0Font font = PDType0Font.load(doc, first(collection, fontFile), true);
            Writer w = new Writer(doc, font);
            w.line("Facial information filing pack / 人脸信息备案材料", 15);
            w.line("Profile / 法域: " + content.profile() + "    Generated / 生成时间: " + content.generated(), SIZE);
            w.gap();
            if (!content.complete()) {
                w.line("INCOMPLETE - missing required fields / 不完整 - 缺失的必填项:", 11.5f);
                for (FilingForm.Field f : content.missing()) {
                    w.wrapped("  - " + f.english() + " / " + f.chinese() + " (" + f.key() + ")");
                }
                w.gap();
            }
            for (FilingContent.Section s : content.sections()) {
                w.line(s.english() + " / " + s.chinese(), 11.5f);
                for (FilingContent.Row r : s.rows()) {
                    w.wrapped(r.english() + " / " + r.chinese() + ": " + r.value());
                }
                w.gap();
            }
            if (!content.history().isEmpty()) {
                w.line("Daily history / 每日历史记录", 11.5f);
                w.wrapped(String.join("  ", content.historyHeader()));
                for (List<String> row : content.history()) {
                    w.wrapped(String.join("  ", row));
                }
            }
            w.close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new FilingException("the PDF cannot be made: " + e.getMessage(), e);
        }
    }

    private static TrueTypeCollection open(Path fontFile) throws IOException {
        return new TrueTypeCollection(fontFile.toFile());
    }

    private static TrueTypeFont first(TrueTypeCollection c, Path file) throws IOException, FilingException {
        TrueTypeFont[] found = new TrueTypeFont[1];
        c.processAllFonts(f -> {
            if (found[0] == null) {
                found[0] = f;
            }
        });
        if (found[0] == null) {
            throw new FilingException(file + " holds no TrueType font");
        }
        return found[0];
    }

    /** Lines onto pages, wrapping by measured width. */
    private static final class Writer {
        private final PDDocument doc;
        private final PDType0Font font;
        private PDPageContentStream stream;
        private float y;

        Writer(PDDocument doc, PDType0Font font) throws IOException {
            this.doc = doc;
            this.font = font;
            newPage();
        }

        private void newPage() throws IOException {
            if (stream != null) {
                stream.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            stream = new PDPageContentStream(doc, page);
            y = PDRectangle.A4.getHeight() - MARGIN;
        }

        void line(String text, float size) throws IOException {
            if (y < MARGIN + size) {
                newPage();
            }
            stream.beginText();
            stream.setFont(font, size);
            stream.newLineAtOffset(MARGIN, y);
            stream.showText(clean(text));
            stream.endText();
            y -= Math.max(LEADING, size * 1.4f);
        }

        void wrapped(String text) throws IOException {
            float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
            for (String part : wrap(clean(text), width)) {
                line(part, SIZE);
            }
        }

        private List<String> wrap(String text, float width) throws IOException {
            List<String> out = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (int i = 0; i < text.length(); ) {
                int cp = text.codePointAt(i);
                String ch = new String(Character.toChars(cp));
                if (font.getStringWidth(current + ch) / 1000 * SIZE > width && current.length() > 0) {
                    out.add(current.toString());
                    current = new StringBuilder("    ");
                }
                current.append(ch);
                i += Character.charCount(cp);
            }
            out.add(current.toString());
            return out;
        }

        /** Control characters have no glyph. */
        private static String clean(String s) {
            return s.replaceAll("[\\p{Cntrl}]", " ");
        }

        void gap() {
            y -= LEADING / 2;
        }

        void close() throws IOException {
            stream.close();
        }
    }
}

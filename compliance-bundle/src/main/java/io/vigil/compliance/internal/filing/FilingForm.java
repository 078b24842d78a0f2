package io.vigil.compliance.internal.filing;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * What only the compliance officer knows, from a form file they keep ({@code key = value}, UTF-8,
 * Java properties syntax). Every required field that is absent or blank is listed, never left
 * silently blank.
 */
public final class FilingForm {

    /** Field key, English label, Chinese label. */
    public record Field(String key, String english, String chinese) {
    }

    public static final List<Field> REQUIRED = List.of(
            new Field("processor.name", "Processor (organisation) name", "个人信息处理者名称"),
            new Field("processor.address", "Processor address", "处理者地址"),
            new Field("processor.registration", "Registration / unified social credit code", "统一社会信用代码"),
            new Field("processor.representative", "Legal representative", "法定代表人"),
            new Field("purpose", "Purpose of processing", "处理目的"),
            new Field("legal.basis", "Legal basis", "法律依据"),
            new Field("method", "Processing method", "处理方式"),
            new Field("rules", "Processing rules and operating procedures", "处理规则和操作规程"),
            new Field("pia.reference", "Personal information protection impact assessment (PIA) reference", "个人信息保护影响评估报告编号"),
            new Field("pia.date", "PIA date", "影响评估日期"),
            new Field("contact.name", "Contact person", "联系人"),
            new Field("contact.phone", "Contact telephone", "联系电话"),
            new Field("contact.email", "Contact e-mail", "联系邮箱"));

    private final Map<String, String> values;
    private final String origin;

    private FilingForm(Map<String, String> values, String origin) {
        this.values = values;
        this.origin = origin;
    }

    public static FilingForm empty() {
        return new FilingForm(Map.of(), "no form file given");
    }

    public static FilingForm read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Map<String, String> v = new LinkedHashMap<>();
        for (String k : p.stringPropertyNames()) {
            v.put(k, p.getProperty(k).strip());
        }
        return new FilingForm(v, file.toString());
    }

    public String value(String key) {
        return values.getOrDefault(key, "");
    }

    public List<Field> missing() {
        List<Field> out = new ArrayList<>();
        for (Field f : REQUIRED) {
            if (value(f.key()).isBlank()) {
                out.add(f);
            }
        }
        return out;
    }

    public String origin() {
        return origin;
    }

    /** A template an officer can fill in. */
    public static String template() {
        StringBuilder b = new StringBuilder("# Vigil filing form (UTF-8). Fill every field; blank ones are listed as missing.\n");
        for (Field f : REQUIRED) {
            b.append("# ").append(f.english()).append(" / ").append(f.chinese()).append('\n').append(f.key()).append(" =\n");
        }
        return b.toString();
    }
}

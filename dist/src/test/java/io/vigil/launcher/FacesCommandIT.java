package io.vigil.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil faces} and {@code vigil models} in the real container: DJL and ONNX Runtime
 * inside the inference bundle, on the real models and photos from the cache ./vigil set-up fills.
 * The commands go to one running container for the class (each command given with nothing running
 * would start a one-shot container of its own, a whole Felix start; DataFolderIT tests that path for
 * {@code faces}); models missing from the cache are seen by a one-shot container started without them.
 */
class FacesCommandIT {

    @TempDir
    static Path shared;
    private static InstalledDistribution vigil;

    @TempDir
    Path dir;

    @BeforeAll
    static void startContainer() throws Exception {
        vigil = new InstalledDistribution(shared);
        vigil.start();
    }

    @AfterAll
    static void stopContainer() throws Exception {
        if (vigil != null) {
            vigil.close();
        }
    }

    private static Path sample(String name) {
        return InstalledDistribution.samplePhoto(name);
    }

    @Test
    void findsTheFacesOfAPhotoAsTextAndJson() throws Exception {
        InstalledDistribution.Result text = vigil.vigil("", "faces", sample("sample3.jpg").toString());
        assertEquals(0, text.exit(), text.output());
        assertTrue(text.output().contains("sample3.jpg: 1920x1350, 3 faces"), text.output());
        assertEquals(3, count(Pattern.compile("(?m)^\\s+box .* score (0\\.9\\d\\d|1\\.000) .*embedded$"), text.output()), text.output());

        InstalledDistribution.Result json = vigil.vigil("", "faces", "--json", "--embedding", sample("sample1.jpg").toString());
        assertEquals(0, json.exit(), json.output());
        String body = json.output().substring(json.output().indexOf('['));
        assertEquals(3, count(Pattern.compile("\"box\": \\[[\\d.]+, [\\d.]+, [\\d.]+, [\\d.]+\\]"), body), body);
        Matcher embedding = Pattern.compile("\"embedding\": \\[([^\\]]*)\\]").matcher(body);
        assertTrue(embedding.find(), body);
        String[] values = embedding.group(1).split(",\\s*");
        assertEquals(512, values.length);
        double norm = 0;
        for (String v : values) {
            norm += Double.parseDouble(v) * Double.parseDouble(v);
        }
        assertEquals(1.0, norm, 1e-3, "embeddings are unit length");
    }

    @Test
    void refusesWhatIsNotAPhotoAndReportsTheModels() throws Exception {
        Path bad = Files.writeString(dir.resolve("not-a-photo.jpg"), "this is text");
        InstalledDistribution.Result corrupt = vigil.vigil("", "faces", bad.toString());
        assertEquals(3, corrupt.exit(), corrupt.output());
        assertTrue(corrupt.output().contains("not-a-photo.jpg is not an image in a supported format"), corrupt.output());

        InstalledDistribution.Result usage = vigil.vigil("", "faces");
        assertEquals(2, usage.exit(), usage.output());

        InstalledDistribution.Result models = vigil.vigil("", "models");
        assertEquals(0, models.exit(), models.output());
        assertEquals(3, count(Pattern.compile("(?m)^\\s+fr_\\w+\\.onnx\\s+verified \\(SHA-256 "), models.output()), models.output());
        assertTrue(models.output().contains("provider CPU"), models.output());
        assertTrue(models.output().contains("threshold 0.44 is set for a false-match rate of 0.1 % per comparison"),
                models.output());
        InstalledDistribution.Result modelsJson = vigil.vigil("", "models", "--json");
        assertEquals(0, modelsJson.exit(), modelsJson.output());
        String body = modelsJson.output().substring(modelsJson.output().indexOf('{'));
        assertTrue(body.contains("\"default\": 0.44, \"targetFalseMatchRate\": 0.001"), body);
        assertTrue(body.contains("\"identities\": 21, \"faces\": 40, \"genuinePairs\": 24, \"impostorPairs\": 756,"
                + " \"falseMatches\": 0"), body);
        assertEquals(3, count(Pattern.compile("\"verified\": true"), body), body);
    }

    @Test
    void saysWhenModelsAreMissing() throws Exception {
        try (InstalledDistribution bare = new InstalledDistribution(dir)) {
            bare.env("VIGIL_CACHE", dir.resolve("empty-cache").toString());
            InstalledDistribution.Result missing = bare.vigil("", "faces", sample("sample1.jpg").toString());
            assertEquals(3, missing.exit(), missing.output());
            assertTrue(missing.output().contains("fr_detect.onnx is missing: run './vigil setup'"), missing.output());
        }
    }

    private static int count(Pattern p, String s) {
        Matcher m = p.matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}

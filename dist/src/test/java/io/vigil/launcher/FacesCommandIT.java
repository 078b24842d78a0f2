package io.vigil.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

        InstalledDistribution.JsonRun json = vigil.json("faces", "--json", "--embedding", sample("sample1.jpg").toString());
        assertEquals(0, json.exit(), json.err());
        assertEquals(3, json.doc().size(), json.doc().toPrettyString());
        for (JsonNode face : json.doc()) {
            JsonNode box = face.get("box");
            assertEquals(4, box.size(), face.toString());
            assertTrue(box.get(2).asDouble() > box.get(0).asDouble() && box.get(3).asDouble() > box.get(1).asDouble(),
                    face.toString());
        }
        JsonNode embedding = null;
        for (JsonNode face : json.doc()) {
            embedding = embedding != null ? embedding : face.get("embedding");
        }
        assertTrue(embedding != null, json.doc().toPrettyString());
        assertEquals(512, embedding.size());
        double norm = 0;
        for (JsonNode v : embedding) {
            norm += v.asDouble() * v.asDouble();
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
        InstalledDistribution.JsonRun modelsJson = vigil.json("models", "--json");
        assertEquals(0, modelsJson.exit(), modelsJson.err());
        JsonNode threshold = modelsJson.doc().get("threshold");
        assertEquals(0.44, threshold.get("default").asDouble());
        assertEquals(0.001, threshold.get("targetFalseMatchRate").asDouble());
        assertEquals(List.of(21, 40, 24, 756, 0), List.of(threshold.get("identities").asInt(), threshold.get("faces").asInt(),
                threshold.get("genuinePairs").asInt(), threshold.get("impostorPairs").asInt(),
                threshold.get("falseMatches").asInt()), threshold.toString());
        assertEquals(3, modelsJson.list("files").stream().filter(f -> f.get("verified").asBoolean()).count(),
                modelsJson.doc().toPrettyString());
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

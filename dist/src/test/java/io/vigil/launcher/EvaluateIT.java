package io.vigil.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil evaluate} on a labelled folder made from the sample photos: each annotated face
 * cut out and mirrored (the mirror is the same person turned the other way), one subfolder per
 * person; the figures it prints; with the labels shuffled its rank-1 falls to chance; scenes
 * (group photos named left to right) are searched against the folder; bad folders are clear
 * errors.
 */
class EvaluateIT {

    /** The annotated faces of sample1..6 (inference-bundle's faces-ground-truth.txt): photo, x, y, w, h, person. */
    private static final String[] FACES = {
            "sample1 402 353 196 248 p01", "sample1 825 423 212 228 p02", "sample1 1460 219 225 218 p03",
            "sample2 1432 146 216 246 p04", "sample2 365 122 166 296 p05", "sample2 892 236 157 208 p06",
            "sample3 1071 203 233 318 p03", "sample3 590 323 204 275 p07", "sample3 1501 299 186 279 p08",
            "sample4 269 193 143 253 p09", "sample4 978 174 179 259 p10", "sample4 659 70 179 245 p11",
            "sample4 1293 153 117 260 p12", "sample5 1120 205 149 226 p13", "sample5 613 409 156 258 p14",
            "sample5 1414 390 180 274 p15", "sample5 378 870 179 295 p16", "sample5 797 118 150 206 p17",
            "sample6 1479 255 216 299 p18", "sample6 260 489 205 274 p19", "sample6 1178 308 194 280 p20",
            "sample6 677 319 170 306 p21"};

    @TempDir
    Path dir;

    /** The face with half its size of margin all round, and its mirror image. */
    private static BufferedImage[] cropAndMirror(String photo, int x, int y, int w, int h) throws Exception {
        BufferedImage full = ImageIO.read(InstalledDistribution.samplePhoto(photo + ".jpg").toFile());
        int x0 = Math.max(0, x - w / 2);
        int y0 = Math.max(0, y - h / 2);
        int x1 = Math.min(full.getWidth(), x + w + w / 2);
        int y1 = Math.min(full.getHeight(), y + h + h / 2);
        BufferedImage crop = new BufferedImage(x1 - x0, y1 - y0, BufferedImage.TYPE_3BYTE_BGR);
        crop.createGraphics().drawImage(full.getSubimage(x0, y0, x1 - x0, y1 - y0), 0, 0, null);
        BufferedImage mirror = new BufferedImage(crop.getWidth(), crop.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        mirror.createGraphics().drawImage(crop, crop.getWidth(), 0, -crop.getWidth(), crop.getHeight(), null);
        return new BufferedImage[] {crop, mirror};
    }

    /** Writes every face photo into {@code folder/<label>/}, labels given in the order of the photos. */
    private static void write(Path folder, List<BufferedImage> photos, List<String> names, List<String> labels) throws Exception {
        for (int i = 0; i < photos.size(); i++) {
            Path person = Files.createDirectories(folder.resolve(labels.get(i)));
            ImageIO.write(photos.get(i), "png", person.resolve(names.get(i)).toFile());
        }
    }

    @Test
    void figuresOfTheSampleFolderChanceWhenShuffledScenesAndErrors() throws Exception {
        List<BufferedImage> photos = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (String f : FACES) {
            String[] v = f.split(" ");
            BufferedImage[] pair = cropAndMirror(v[0], Integer.parseInt(v[1]), Integer.parseInt(v[2]), Integer.parseInt(v[3]),
                    Integer.parseInt(v[4]));
            for (int k = 0; k < 2; k++) {
                photos.add(pair[k]);
                names.add(v[0] + "-" + v[5] + (k == 0 ? "" : "-mirrored") + ".png");
                labels.add(v[5]);
            }
        }
        Path samples = dir.resolve("samples");
        write(samples, photos, names, labels);
        Files.writeString(samples.resolve("p01").resolve("notes.jpg"), "not a photo");
        List<String> shuffled = new ArrayList<>(labels);
        Collections.shuffle(shuffled, new Random(18));
        write(dir.resolve("shuffled"), photos, names, shuffled);
        Files.createDirectories(dir.resolve("one-person/p01"));
        Files.copy(samples.resolve("p01/sample1-p01.png"), dir.resolve("one-person/p01/a.png"));
        // the scenes: sample1 and sample3 named left to right; p07 (sample3, left) is left out of the folder searched
        Path scenesFolder = dir.resolve("without-p07");
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            if (!labels.get(i).equals("p07")) {
                keep.add(i);
            }
        }
        write(scenesFolder, keep.stream().map(photos::get).toList(), keep.stream().map(names::get).toList(),
                keep.stream().map(labels::get).toList());
        Files.copy(InstalledDistribution.samplePhoto("sample1.jpg"), dir.resolve("sample1.jpg"));
        Files.copy(InstalledDistribution.samplePhoto("sample3.jpg"), dir.resolve("sample3.jpg"));
        Files.writeString(dir.resolve("scenes.txt"), "# photo, people left to right\nsample1.jpg p01 p02 p03\n"
                + "sample3.jpg p07 p03 p08\nmissing.jpg p01\n");

        try (InstalledDistribution vigil = new InstalledDistribution(dir.resolve("install"))) {
            vigil.start();
            vigil.awaitModules("OK", java.time.Duration.ofSeconds(60), "inference", "watchlist");

            InstalledDistribution.Result text = vigil.vigil("", "evaluate", samples.toString());
            assertEquals(0, text.exit(), text.output());
            System.out.println("vigil evaluate on the sample folder:\n" + text.output());

            InstalledDistribution.JsonRun run = vigil.json("evaluate", "--json", samples.toString());
            assertEquals(0, run.exit(), run.err());
            JsonNode doc = run.doc();
            String json = doc.toPrettyString();
            // 21 people, 45 files (44 photos and a text file); the near-profile p05 and p06 looking
            // down at her phone (pitch near 40 degrees), each with the mirror image, are refused for pose
            assertEquals(21, doc.get("people").asInt(), json);
            assertEquals(45, doc.get("photos").asInt(), json);
            assertEquals(40, doc.get("faces").asInt(), json);
            Map<String, String> unused = new HashMap<>();
            run.list("unused").forEach(u -> unused.put(u.get("photo").asText(), u.get("reason").asText()));
            assertEquals("no face good enough (pose)", unused.get("p06/sample2-p06.png"), json);
            assertTrue(unused.getOrDefault("p01/notes.jpg", "").startsWith("unreadable"), json);
            assertEquals("no face good enough (pose)", unused.get("p05/sample2-p05.png"), json);
            // genuine pairs: 18 people with a photo and its mirror, p03 with 4 photos (6 pairs); impostors the rest of 40*39/2
            assertEquals(24, doc.get("genuine").get("pairs").asInt(), json);
            assertEquals(780 - 24, doc.get("impostor").get("pairs").asInt(), json);
            double rank1 = doc.get("rank1").get("rate").asDouble();
            assertTrue(rank1 >= 0.9, "rank-1 on the samples: " + json);
            assertEquals(0, doc.get("current").get("falseAccepts").asInt(), json);

            InstalledDistribution.JsonRun chance = vigil.json("evaluate", "--json", dir.resolve("shuffled").toString());
            assertEquals(0, chance.exit(), chance.err());
            JsonNode shuffledRank1 = chance.doc().get("rank1");
            System.out.println("rank-1 with shuffled labels: " + shuffledRank1.get("rate").asDouble() + " (" + shuffledRank1 + ")");
            assertTrue(shuffledRank1.get("rate").asDouble() <= 0.15, "with shuffled labels rank-1 falls to chance: "
                    + chance.doc().toPrettyString());

            InstalledDistribution.JsonRun scenes = vigil.json("evaluate", "--json", scenesFolder.toString(), "--scenes",
                    dir.resolve("scenes.txt").toString());
            assertEquals(0, scenes.exit(), scenes.err());
            JsonNode scenesJson = scenes.doc().get("scenes");
            assertEquals(5, scenesJson.get("enrolledFaces").asInt(), scenesJson.toString());
            assertEquals(5, scenesJson.get("namedCorrectly").asInt(), scenesJson.toString());
            assertEquals(1, scenesJson.get("notEnrolledFaces").asInt(), scenesJson.toString());
            assertEquals(0, scenesJson.get("falseMatches").asInt(), scenesJson.toString());
            assertEquals("missing.jpg", scenesJson.get("notScored").get(0).get("scene").asText(), scenesJson.toString());

            InstalledDistribution.Result missing = vigil.vigil("", "evaluate", dir.resolve("nowhere").toString());
            assertEquals(3, missing.exit(), missing.output());
            assertTrue(missing.output().contains("does not exist"), missing.output());
            InstalledDistribution.Result onePerson = vigil.vigil("", "evaluate", dir.resolve("one-person").toString());
            assertEquals(3, onePerson.exit(), onePerson.output());
            assertTrue(onePerson.output().contains("at least two people"), onePerson.output());

            InstalledDistribution.Result audit = vigil.vigil("", "audit", "list", "--action", "evaluation.run");
            assertTrue(audit.output().contains("evaluation.run"), audit.output());
        }
    }
}

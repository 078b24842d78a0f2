package io.vigil.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Watchlists through bin/vigil on the real models and photos: a person enrolled from one photo is
 * identified in another photo of them, the others are unknown; bad enrolment photos and bad import
 * rows are refused with their reasons; deletion destroys the list's key; a wrong secret-store
 * passphrase is a clear error.
 */
class WatchlistIT {

    @TempDir
    Path dir;

    private static Path sample(String name) {
        return InstalledDistribution.samplePhoto(name);
    }

    /** A crop around one face of a group photo, as an enrolment photo would be. */
    private Path crop(String photo, int x, int y, int w, int h, String name) throws Exception {
        BufferedImage full = ImageIO.read(sample(photo).toFile());
        int mx = w / 2;
        int my = h / 2;
        int x0 = Math.max(0, x - mx);
        int y0 = Math.max(0, y - my);
        int x1 = Math.min(full.getWidth(), x + w + mx);
        int y1 = Math.min(full.getHeight(), y + h + my);
        Path out = dir.resolve(name);
        ImageIO.write(full.getSubimage(x0, y0, x1 - x0, y1 - y0), "png", out.toFile());
        return out;
    }

    /** A square around a face resized to 150x150 grey, as custody and ID photos are. */
    private Path greyCrop(String photo, int x, int y, int w, int h, String name) throws Exception {
        BufferedImage full = ImageIO.read(sample(photo).toFile());
        int side = Math.max(w, h);
        int x0 = x + w / 2 - side / 2;
        int y0 = y + h / 2 - side / 2;
        BufferedImage grey = new BufferedImage(150, 150, BufferedImage.TYPE_BYTE_GRAY);
        java.awt.Graphics2D g = grey.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(full, 0, 0, 150, 150, x0, y0, x0 + side, y0 + side, null);
        g.dispose();
        Path out = dir.resolve(name);
        ImageIO.write(grey, "png", out.toFile());
        return out;
    }

    /** The enrolment crop with sample2's near-profile (left woman) beside it. */
    private Path besideProfile(Path crop) throws Exception {
        BufferedImage person = ImageIO.read(crop.toFile());
        BufferedImage profile = ImageIO.read(crop("sample2.jpg", 365, 122, 166, 296, "profile.png").toFile());
        BufferedImage both = new BufferedImage(person.getWidth() + profile.getWidth(),
                Math.max(person.getHeight(), profile.getHeight()), BufferedImage.TYPE_3BYTE_BGR);
        java.awt.Graphics2D g = both.createGraphics();
        g.drawImage(person, 0, 0, null);
        g.drawImage(profile, person.getWidth(), 0, null);
        g.dispose();
        Path out = dir.resolve("beside-profile.png");
        ImageIO.write(both, "png", out.toFile());
        return out;
    }

    @Test
    void enrolFromOnePhotoIdentifyInAnotherAndEraseTheList() throws Exception {
        try (InstalledDistribution vigil = new InstalledDistribution(dir)) {
            // p03 of the ground truth: right in sample1, middle in sample3
            Path p03 = crop("sample1.jpg", 1460, 219, 225, 218, "p03.png");
            Path p01 = crop("sample1.jpg", 402, 353, 196, 248, "p01.png");
            // one running container serves every command (a one-shot container per command costs ~5 s)
            vigil.start();
            vigil.awaitModules("OK", java.time.Duration.ofSeconds(60), "inference", "watchlist");

            InstalledDistribution.Result created = vigil.vigil("", "watchlist", "create", "wanted", "--category", "suspect",
                    "--legal-basis", "PACE 1984 s.32", "--officer", "Insp. Wood");
            assertEquals(0, created.exit(), created.output());
            assertTrue(created.output().contains("threshold 0.44"), created.output());

            InstalledDistribution.Result enrolled = vigil.vigil("", "watchlist", "enrol", "wanted", "Jane Roe", p03.toString());
            assertEquals(0, enrolled.exit(), enrolled.output());
            Matcher pseudonym = Pattern.compile("as (S-[A-Z0-9XY]+): 1 template").matcher(enrolled.output());
            assertTrue(pseudonym.find(), enrolled.output());

            InstalledDistribution.Result group = vigil.vigil("", "watchlist", "enrol", "wanted", "Group", sample("sample3.jpg").toString());
            assertEquals(3, group.exit(), group.output());
            assertTrue(group.output().contains("3 faces good enough to enrol; an enrolment photo must show one person"),
                    group.output());

            // a custody-style photo: the face filling a 150x150 grey picture
            InstalledDistribution.Result mugshot = vigil.vigil("", "watchlist", "enrol", "wanted", "Grey Crop",
                    greyCrop("sample1.jpg", 402, 353, 196, 248, "p01-grey.png").toString());
            assertEquals(0, mugshot.exit(), mugshot.output());
            assertTrue(mugshot.output().contains(": 1 template") && !mugshot.output().contains("ignored"), mugshot.output());
            // one face good enough to enrol beside a profile the gate refuses: enrolled, the profile named
            Path beside = besideProfile(p01);
            InstalledDistribution.JsonRun withProfile = vigil.json("watchlist", "enrol", "wanted", "Beside Profile", "--json",
                    beside.toString());
            assertEquals(0, withProfile.exit(), withProfile.err());
            String enrolJson = withProfile.doc().toPrettyString();
            assertEquals(1, withProfile.doc().get("templates").asInt(), enrolJson);
            assertEquals(1, withProfile.list("ignored").size(), enrolJson);
            assertEquals("pose", withProfile.list("ignored").get(0).get("reason").asText(), enrolJson);
            Path blank = dir.resolve("wall.png");
            ImageIO.write(new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB), "png", blank.toFile());
            InstalledDistribution.Result noFace = vigil.vigil("", "watchlist", "enrol", "wanted", "Nobody", blank.toString());
            assertEquals(3, noFace.exit(), noFace.output());
            assertTrue(noFace.output().contains("no face found"), noFace.output());

            InstalledDistribution.JsonRun identified = vigil.json("identify", "--json", sample("sample3.jpg").toString());
            assertEquals(0, identified.exit(), identified.err());
            String json = identified.doc().toPrettyString();
            assertEquals(3, identified.doc().size(), json);
            List<JsonNode> matches = new ArrayList<>();
            identified.doc().forEach(face -> {
                if (face.get("match").asBoolean()) {
                    matches.add(face);
                }
            });
            assertEquals(1, matches.size(), json);
            assertEquals("Jane Roe", matches.get(0).get("subject").asText(), json);
            assertEquals(pseudonym.group(1), matches.get(0).get("pseudonym").asText(), json);
            assertEquals("wanted", matches.get(0).get("watchlist").asText(), json);

            // bulk import: one good row, three bad ones, reported by line; the good one lands
            Files.writeString(dir.resolve("import.csv"), String.join("\n",
                    "name,reference,images",
                    "Joan Doe,CASE-1,p01.png",
                    "Missing File,CASE-2,nowhere.jpg",
                    "Crowd,CASE-3," + sample("sample4.jpg"),
                    ",CASE-4,p01.png", ""));
            InstalledDistribution.Result imported = vigil.vigil("", "watchlist", "import", "wanted", dir.resolve("import.csv").toString());
            assertEquals(3, imported.exit(), imported.output());
            assertTrue(imported.output().contains("line 2 (Joan Doe): enrolled as S-"), imported.output());
            assertTrue(imported.output().contains("line 3 (Missing File): refused:") && imported.output().contains("does not exist"),
                    imported.output());
            assertTrue(imported.output().contains("line 4 (Crowd): refused:") && imported.output().contains("faces"), imported.output());
            assertTrue(imported.output().contains("line 5 (?): refused: no name"), imported.output());
            assertTrue(imported.output().contains("Imported 1 subject, 3 rows refused"), imported.output());

            InstalledDistribution.Result list = vigil.vigil("", "watchlist", "list");
            assertTrue(list.output().contains("wanted") && list.output().contains("4 subjects, 4 templates"), list.output());

            InstalledDistribution.Result keys = vigil.vigil("", "secret", "list");
            assertTrue(keys.output().contains("watchlist.1.key.v1"), keys.output());
            assertTrue(keys.output().contains("watchlist.photo-hash.hmac"), keys.output());
            // removing a subject moves the list to a new key and destroys the one a backup would need
            InstalledDistribution.Result removed = vigil.vigil("", "watchlist", "remove", "wanted", "Joan Doe");
            assertEquals(0, removed.exit(), removed.output());
            String afterRemoval = vigil.vigil("", "secret", "list").output();
            assertTrue(afterRemoval.contains("watchlist.1.key.v2") && !afterRemoval.contains("watchlist.1.key.v1"), afterRemoval);
            InstalledDistribution.JsonRun stillThere = vigil.json("identify", "--json", sample("sample3.jpg").toString());
            int stillMatching = 0;
            for (JsonNode face : stillThere.doc()) {
                stillMatching += face.get("match").asBoolean() ? 1 : 0;
            }
            assertEquals(1, stillMatching, "the other subject still matches: " + stillThere.doc().toPrettyString());
            InstalledDistribution.Result deleted = vigil.vigil("", "watchlist", "delete", "wanted");
            assertEquals(0, deleted.exit(), deleted.output());
            assertFalse(vigil.vigil("", "secret", "list").output().contains("watchlist.1.key."), "the data key is destroyed");
            assertTrue(vigil.vigil("", "watchlist", "list").output().contains("No watchlists."));
            InstalledDistribution.Result after = vigil.vigil("", "identify", sample("sample3.jpg").toString());
            assertEquals(0, count("MATCH", after.output()), after.output());

            vigil.stop();
            vigil.env("VIGIL_SECRETS_PASSPHRASE", "not-the-passphrase");
            InstalledDistribution.Result wrong = vigil.vigil("", "watchlist", "create", "other");
            assertTrue(wrong.exit() != 0, wrong.output());
            assertTrue(wrong.output().toLowerCase().contains("passphrase"), wrong.output());
        }
    }

    private static int count(String needle, String s) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}

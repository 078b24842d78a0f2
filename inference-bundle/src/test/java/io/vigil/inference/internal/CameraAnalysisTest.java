package io.vigil.inference.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.face.AnalysedFace;
import io.vigil.api.face.AnalysedFrame;
import io.vigil.api.face.FaceAnalyzer.Source;
import io.vigil.api.face.FaceObservation;
import io.vigil.api.face.TrackedFace;
import io.vigil.api.media.BgrImage;
import io.vigil.api.media.Frame;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real face moving across synthetic 1280x720 frames at 5 frames a second, through detection,
 * tracking and embedding, matched by cosine against the same person in another photo: one person
 * passing is one track and one alert, with at most {@code facesPerTrack} embeddings.
 *
 * <p>The walker is p03 of the ground truth, cut from sample1.jpg; the reference is p03 in
 * sample3.jpg (different light, angle and day: the one same-person pair of the sample photos,
 * cosine 0.616 between the photos themselves). The other clip walks p01 of sample1.jpg, who is
 * not p03.
 */
class CameraAnalysisTest {

    static final int FRAMES = 30;
    static final Duration FRAME_INTERVAL = Duration.ofMillis(200);
    static final Instant START = Instant.parse("2024-05-01T10:00:00Z");

    private static FaceModels models;
    private static float[] reference;

    @BeforeAll
    static void loadModelsAndReference() {
        models = FaceModels.load(TestImages.models(),
                RuntimeChoice.choose(RuntimeChoice.Request.CPU, Set.of(), false, 1), 1);
        FacePipeline pipeline = new FacePipeline(models, InferenceOptions.defaults(), new RejectionCounts());
        GroundTruth.Face p03 = GroundTruth.load().faces().stream()
                .filter(f -> f.photo().equals("sample3.jpg") && f.person().equals("p03")).findFirst().orElseThrow();
        for (AnalysedFace f : pipeline.analyse(TestImages.read(TestImages.sample(3)), Source.PHOTO)) {
            var b = f.box();
            if (p03.asDetection().iou(new Detection(b.x(), b.y(), b.x() + b.width(), b.y() + b.height(), 1)) > 0.5f) {
                reference = f.embedding().orElseThrow().vector();
            }
        }
        assertNotNull(reference, "p03 found and embedded in sample3.jpg");
    }

    @AfterAll
    static void close() {
        models.close();
    }

    /**
     * Walking towards the camera: the face grows from about 55 px to 220 px, so its quality keeps
     * rising and the budget of embeddings is spent on the way.
     */
    @Test
    void aFaceApproachingAcrossAClipYieldsOneTrackAndOneAlert() {
        assertOneTrackOneAlert(walk(cropAround(1, "p03"), 0.25), "approaching p03");
    }

    /** Passing at a steady distance (face about 190 to 220 px): its first face is already good. */
    @Test
    void aFacePassingAcrossAClipYieldsOneTrackAndOneAlert() {
        assertOneTrackOneAlert(walk(cropAround(1, "p03"), 0.85), "passing p03");
    }

    @Test
    void anotherPersonsFaceRaisesNothing() {
        Clip clip = walk(cropAround(1, "p01"), 0.25);
        System.out.println("different person, approaching p01: " + clip);
        assertEquals(1, clip.trackIds.size(), "one track: " + clip.trackIds);
        assertEquals(0, clip.alertedTracks.size(), "no alert: " + clip.decisions);
        assertTrue(clip.embedded >= 1 && clip.embedded <= InferenceOptions.defaults().facesPerTrack(),
                "embeddings within the per-track budget: " + clip.embedded);
    }

    /**
     * p03 walks right, p01 walks left in front of her, 40 px a frame each, faces about 110 px:
     * p01's picture hides p03's face for a few frames (under the 1 s timeout). Two tracks, and
     * p03's alert is raised once: had she come out of hiding on a new track, it would be raised
     * again.
     */
    @Test
    void twoPeopleCrossingAreTwoTracksAndOneAlert() {
        Clip clip = walk(25, new Walker(cropAround(1, "p03"), 60, 150, 40, 0, 0.5, 0.5),
                new Walker(cropAround(1, "p01"), 1020, 210, -40, 0, 0.5, 0.5));
        System.out.println("crossing, p03 behind p01: " + clip);
        assertTrue(clip.found.contains(1), "p03 was hidden in some frames: " + clip.found);
        assertEquals(2, clip.trackIds.size(), "two tracks: " + clip.trackIds);
        assertTrue(clip.endedTracks.isEmpty(), "no track ended during the clip: " + clip.endedTracks);
        assertEquals(2, clip.liveTracksAtEnd);
        assertEquals(1, clip.alertedTracks.size(), "exactly one alert: " + clip.decisions);
        assertTrue(clip.embedded <= 2 * InferenceOptions.defaults().facesPerTrack(), "budget: " + clip.embedded);
    }

    /**
     * A person already standing in view when a deployment starts (or when they are enrolled): the
     * tracker embedded her face before anything could match it and a standing face never improves,
     * so her best face is offered to the matcher again once a second, at her current place.
     */
    @Test
    void aPersonAlreadyInViewIsMatchedWhenMatchingStartsLater() {
        CameraAnalysis camera = new CameraAnalysis(models, InferenceOptions.defaults(), new RejectionCounts(), "cam-1");
        Set<Long> alerted = new TreeSet<>();
        BufferedImage frame = new BufferedImage(1280, 720, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = frame.createGraphics();
        g.drawImage(background(), 0, 0, null);
        BufferedImage face = cropAround(1, "p03");
        g.drawImage(face, 500, 200, face.getWidth() / 2, face.getHeight() / 2, null);
        g.dispose();
        BgrImage image;
        try {
            image = ImageFiles.toBgr(frame, "standing");
        } catch (ImageFiles.ImageException e) {
            throw new AssertionError(e);
        }
        int matchingStartsAt = 7; // frame 7 = 1.4 s: the deployment starts while she stands there
        List<Integer> rematchFrames = new ArrayList<>();
        Set<Long> tracks = new TreeSet<>();
        int raisedAt = -1;
        int embedded = 0;
        for (int n = 0; n < 16; n++) {
            Instant captured = START.plus(FRAME_INTERVAL.multipliedBy(n));
            // a cluster member's camera from frame 8 on: each observation carries its own frame's epoch
            long epoch = n < 8 ? Frame.NO_EPOCH : 42;
            CameraAnalysis.CameraFaces faces = camera.analyse(image, captured, epoch, StageTimes.NONE);
            embedded += faces.observations().size();
            // every frame tells where she is, embedded or not: one box over the drawn face, no template
            AnalysedFrame placed = faces.frame();
            assertEquals(new AnalysedFrame("cam-1", captured, 1280, 720, placed.faces()), placed);
            assertEquals(1, placed.faces().size(), "frame " + n + ": " + placed.faces());
            TrackedFace where = placed.faces().get(0);
            tracks.add(where.trackId());
            assertTrue(where.box().x() < 500 + face.getWidth() / 2 && where.box().x() + where.box().width() > 500
                    && where.box().y() < 200 + face.getHeight() / 2 && where.box().y() + where.box().height() > 200,
                    "the box overlaps the drawn face: " + where.box());
            assertTrue(where.likelihood() > 0.5f && where.likelihood() <= 1f, "likelihood " + where.likelihood());
            List<FaceObservation> offered = new ArrayList<>(faces.observations());
            offered.addAll(faces.rematches());
            faces.rematches().forEach(o -> rematchFrames.add(o.captureTime() == null ? -1
                    : (int) (Duration.between(START, o.captureTime()).toMillis() / FRAME_INTERVAL.toMillis())));
            for (FaceObservation o : offered) {
                assertEquals(epoch, o.epoch(), "frame " + n + ": the frame's epoch, rematches included");
                tracks.add(o.trackId());
                if (n < matchingStartsAt) {
                    continue;
                }
                float score = FaceEmbedder.cosine(o.embedding().vector(), reference);
                if (score >= FaceModels.CALIBRATED_THRESHOLD && alerted.add(o.trackId()) && raisedAt < 0) {
                    raisedAt = n;
                }
            }
        }
        BufferedImage nobody = new BufferedImage(1280, 720, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D painter = nobody.createGraphics();
        painter.drawImage(background(), 0, 0, null);
        painter.dispose();
        CameraAnalysis.CameraFaces empty;
        try {
            empty = camera.analyse(ImageFiles.toBgr(nobody, "nobody"), START.plus(FRAME_INTERVAL.multipliedBy(16)));
        } catch (ImageFiles.ImageException e) {
            throw new AssertionError(e);
        }
        assertTrue(empty.frame().faces().isEmpty(), "an empty frame is reported, with no faces: " + empty.frame());
        System.out.println("standing p03: embedded " + embedded + ", offered again at frames " + rematchFrames
                + ", matching from frame " + matchingStartsAt + ", raised at frame " + raisedAt);
        assertEquals(1, tracks.size(), "one person, one track: " + tracks);
        assertTrue(embedded >= 1 && embedded <= InferenceOptions.defaults().facesPerTrack(), "embedded " + embedded);
        for (int i = 1; i < rematchFrames.size(); i++) {
            assertTrue(rematchFrames.get(i) - rematchFrames.get(i - 1) >= 5, "at most once a second: " + rematchFrames);
        }
        assertTrue(raisedAt >= matchingStartsAt && raisedAt <= matchingStartsAt + 5,
                "raised within a second of matching starting, not never: frame " + raisedAt);
    }

    private static void assertOneTrackOneAlert(Clip clip, String name) {
        System.out.println("same person, " + name + ": " + clip);
        assertTrue(clip.found.stream().allMatch(f -> f == 1), "the one face found in every frame: " + clip.found);
        assertEquals(1, clip.trackIds.size(), "one track: " + clip.trackIds);
        assertTrue(clip.endedTracks.isEmpty(), "no track ended during the clip: " + clip.endedTracks);
        assertEquals(1, clip.liveTracksAtEnd);
        assertEquals(1, clip.alertedTracks.size(), "exactly one alert: " + clip.decisions);
        assertTrue(clip.embedded >= 1 && clip.embedded <= InferenceOptions.defaults().facesPerTrack(),
                "embeddings within the per-track budget: " + clip.embedded);
        // the alert came with the first embedded face at or above the threshold, not at the end
        assertEquals(clip.firstMatchingFrame, clip.raiseFrame);
    }

    /** What one clip yielded. */
    static final class Clip {
        final Set<Long> trackIds = new TreeSet<>();
        final List<Long> endedTracks = new ArrayList<>();
        final List<String> decisions = new ArrayList<>();
        /** Tracks with a face at or above the threshold: recognition raises one alert per track (its TrackRecognitions). */
        final Set<Long> alertedTracks = new TreeSet<>();
        /** Faces the detector finds in each frame, by a finder of its own (the analysis does not tell). */
        final List<Integer> found = new ArrayList<>();
        int embedded;
        int liveTracksAtEnd;
        int firstMatchingFrame = -1;
        int raiseFrame = -1;

        @Override
        public String toString() {
            return found.size() + " frames, faces found per frame " + found + ", tracks " + trackIds + ", " + embedded + " embedded: " + decisions;
        }
    }

    /**
     * Runs {@link #FRAMES} frames of {@code face} moving right 25 px and down 2 px a frame and
     * growing linearly from {@code startScale} to its full size, 200 ms apart, through a camera's
     * analysis, and each embedded face through the alert decision against {@link #reference}.
     */
    private static Clip walk(BufferedImage face, double startScale) {
        return walk(FRAMES, new Walker(face, 40, 120, 25, 2, startScale, 1));
    }

    /**
     * One face pasted into the frames: top-left corner {@code (x, y)} moving {@code (dx, dy)} a
     * frame, scale changing linearly from {@code scaleFrom} to {@code scaleTo} over the clip.
     */
    record Walker(BufferedImage face, double x, double y, double dx, double dy, double scaleFrom, double scaleTo) {
    }

    /** Walkers drawn in order, later ones in front (they hide what they cross). */
    private static Clip walk(int frames, Walker... walkers) {
        CameraAnalysis camera = new CameraAnalysis(models, InferenceOptions.defaults(), new RejectionCounts(), "cam-1");
        BufferedImage background = background();
        float threshold = FaceModels.CALIBRATED_THRESHOLD;
        InferenceOptions options = InferenceOptions.defaults();
        FaceFinder finder = new FaceFinder(models.detector(), options.detectionScore(), options.nmsIou());
        Clip clip = new Clip();
        for (int n = 0; n < frames; n++) {
            BufferedImage frame = new BufferedImage(1280, 720, BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D g = frame.createGraphics();
            g.drawImage(background, 0, 0, null);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            for (Walker walker : walkers) {
                double scale = walker.scaleFrom() + (walker.scaleTo() - walker.scaleFrom()) * n / (frames - 1);
                g.drawImage(walker.face(), (int) Math.round(walker.x() + walker.dx() * n),
                        (int) Math.round(walker.y() + walker.dy() * n),
                        (int) Math.round(walker.face().getWidth() * scale),
                        (int) Math.round(walker.face().getHeight() * scale), null);
            }
            g.dispose();
            BgrImage image;
            try {
                image = ImageFiles.toBgr(frame, "frame " + n);
            } catch (ImageFiles.ImageException e) {
                throw new AssertionError(e);
            }
            clip.found.add(finder.find(image, options.gate().minFaceSize(), false).size());
            CameraAnalysis.CameraFaces faces = camera.analyse(image, START.plus(FRAME_INTERVAL.multipliedBy(n)));
            clip.endedTracks.addAll(faces.endedTracks());
            for (FaceObservation o : faces.observations()) {
                clip.trackIds.add(o.trackId());
                clip.embedded++;
                float score = FaceEmbedder.cosine(o.embedding().vector(), reference);
                boolean raised = score >= threshold && clip.alertedTracks.add(o.trackId());
                if (score >= threshold && clip.firstMatchingFrame < 0) {
                    clip.firstMatchingFrame = n;
                }
                if (raised) {
                    clip.raiseFrame = n;
                }
                clip.decisions.add(String.format("frame %d track %d quality %.3f cosine %.3f %s", n, o.trackId(),
                        o.quality().score(), score, raised ? "RAISE" : "-"));
            }
        }
        clip.liveTracksAtEnd = camera.liveTracks();
        return clip;
    }

    /** A wall: a soft grey-blue gradient, nothing a detector could take for a face. */
    private static BufferedImage background() {
        BufferedImage bg = new BufferedImage(1280, 720, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = bg.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(150, 160, 170), 1280, 720, new Color(90, 95, 105)));
        g.fillRect(0, 0, 1280, 720);
        g.dispose();
        return bg;
    }

    /** The person's head and some surroundings: a square 1.8 times the annotated face, centred on it. */
    private static BufferedImage cropAround(int sample, String person) {
        GroundTruth.Face f = GroundTruth.load().faces().stream()
                .filter(x -> x.photo().equals("sample" + sample + ".jpg") && x.person().equals(person))
                .findFirst().orElseThrow();
        BufferedImage photo = readAwt(TestImages.sample(sample));
        int side = Math.round(1.8f * Math.max(f.width(), f.height()));
        int x = Math.max(0, Math.min(photo.getWidth() - side, Math.round(f.x() + f.width() / 2 - side / 2f)));
        int y = Math.max(0, Math.min(photo.getHeight() - side, Math.round(f.y() + f.height() / 2 - side / 2f)));
        return photo.getSubimage(x, y, side, side);
    }

    private static BufferedImage readAwt(Path file) {
        try {
            return ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

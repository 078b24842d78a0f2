package io.vigil.watchlist.internal;

import io.vigil.api.face.AnalysedFace;
import io.vigil.api.face.BoundingBox;
import io.vigil.api.face.FaceAnalysisException;
import io.vigil.api.face.FaceAnalyzer;
import io.vigil.api.face.UnreadableImageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Turns an enrolment photo into a template: the photo must show exactly one face that passes the
 * quality gate; otherwise it is refused with the reason. Other faces the gate refused (a small
 * box on a custody crop, a face far behind the person) do not make it a photo of two people:
 * they are ignored, and named, so the administrator sees what was left out.
 */
final class PhotoEnrolment {

    /** Enrolment photos larger than this are refused before decoding. */
    static final long MAX_BYTES = 32L * 1024 * 1024;

    private final FaceAnalyzer analyzer;

    PhotoEnrolment(FaceAnalyzer analyzer) {
        this.analyzer = analyzer;
    }

    /** A face of an enrolment photo left out because the quality gate refused it. */
    record IgnoredFace(String photo, BoundingBox box, String reason) {
        String describe() {
            return String.format(Locale.ROOT, "%s: ignored a face at %.0f,%.0f %.0fx%.0f (%s)", photo, box.x(), box.y(),
                    box.width(), box.height(), reason);
        }
    }

    /** The template of an enrolment photo and the faces beside it that were ignored. */
    record Examined(EnrolmentPhoto photo, List<IgnoredFace> ignored) {
        Examined {
            ignored = List.copyOf(ignored);
        }
    }

    EnrolmentPhoto enrol(Path file) throws WatchlistException {
        return examine(file).photo();
    }

    Examined examine(Path file) throws WatchlistException {
        return examine(read(file), file.toString());
    }

    /** @param file what the photo is called in messages (its path, or an upload's file name) */
    EnrolmentPhoto enrol(byte[] bytes, String file) throws WatchlistException {
        return examine(bytes, file).photo();
    }

    Examined examine(byte[] bytes, String file) throws WatchlistException {
        if (bytes.length > MAX_BYTES) {
            throw new WatchlistException(file + " is larger than " + (MAX_BYTES >> 20) + " MiB");
        }
        List<AnalysedFace> faces;
        try {
            faces = analyzer.analysePhoto(bytes, file);
        } catch (UnreadableImageException e) {
            throw new WatchlistException(e.getMessage(), e);
        } catch (FaceAnalysisException e) {
            throw new WatchlistException(file + ": " + e.getMessage(), e);
        }
        if (faces.isEmpty()) {
            throw new WatchlistException(file + ": no face found");
        }
        List<AnalysedFace> gated = faces.stream().filter(f -> f.embedding().isPresent()).toList();
        if (gated.size() > 1) {
            throw new WatchlistException(file + ": " + gated.size() + " faces good enough to enrol; an enrolment photo"
                    + " must show one person (crop it to the person)");
        }
        if (gated.isEmpty()) {
            if (faces.size() == 1) {
                throw new WatchlistException(file + ": the face is not good enough to enrol ("
                        + reason(faces.get(0)) + ")");
            }
            throw new WatchlistException(file + ": " + faces.size() + " faces, none good enough to enrol ("
                    + String.join(", ", faces.stream().map(PhotoEnrolment::reason).toList()) + ")");
        }
        AnalysedFace face = gated.get(0);
        List<IgnoredFace> ignored = new ArrayList<>();
        for (AnalysedFace f : faces) {
            if (f != face) {
                ignored.add(new IgnoredFace(file, f.box(), reason(f)));
            }
        }
        return new Examined(new EnrolmentPhoto(bytes, sha256(bytes), face.embedding().orElseThrow(), face.quality().score()),
                ignored);
    }

    private static String reason(AnalysedFace face) {
        return face.rejection().map(r -> r.name().toLowerCase(Locale.ROOT).replace('_', ' ')).orElse("good");
    }

    static byte[] read(Path file) throws WatchlistException {
        try {
            if (Files.isDirectory(file)) {
                throw new WatchlistException(file + " is a folder, not a photo");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new WatchlistException(file + " is larger than " + (MAX_BYTES >> 20) + " MiB");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new WatchlistException(file + " does not exist");
        } catch (IOException e) {
            throw new WatchlistException(file + " cannot be read: " + e.getMessage(), e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}

package io.vigil.watchlist.internal;

import io.vigil.api.face.AnalysedFace;
import io.vigil.api.face.FaceAnalysisException;
import io.vigil.api.face.FaceAnalyzer;
import io.vigil.api.face.UnreadableImageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Turns an enrolment photo into a template: the photo must show exactly one face, and that face
 * must pass the quality gate; otherwise the photo is refused with the reason.
 */
final class PhotoEnrolment {

    /** Enrolment photos larger than this are refused before decoding. */
    static final long MAX_BYTES = 32L * 1024 * 1024;

    private final FaceAnalyzer analyzer;

    PhotoEnrolment(FaceAnalyzer analyzer) {
        this.analyzer = analyzer;
    }

    EnrolmentPhoto enrol(Path file) throws WatchlistException {
        return enrol(read(file), file.toString());
    }

    /** @param file what the photo is called in messages (its path, or an upload's file name) */
    EnrolmentPhoto enrol(byte[] bytes, String file) throws WatchlistException {
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
        if (faces.size() > 1) {
            throw new WatchlistException(file + ": " + faces.size() + " faces; an enrolment photo must show one person"
                    + " (crop it to the person)");
        }
        AnalysedFace face = faces.get(0);
        if (face.rejection().isPresent()) {
            throw new WatchlistException(file + ": the face is not good enough to enrol ("
                    + face.rejection().get().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")");
        }
        return new EnrolmentPhoto(bytes, sha256(bytes), face.embedding().orElseThrow(), face.quality().score());
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

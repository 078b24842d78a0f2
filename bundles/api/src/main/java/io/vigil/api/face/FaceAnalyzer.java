package io.vigil.api.face;

import io.vigil.api.media.BgrImage;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Finds the faces in one image, checks their quality and embeds those fit for recognition.
 * Enrolment and {@code vigil faces} use it on photos; camera frames take the tracked path.
 * Safe to call from several threads.
 */
@ProviderType
public interface FaceAnalyzer {

    /** What kind of picture is analysed; photos may be tight crops that the face fills. */
    enum Source { PHOTO, VIDEO_FRAME }

    /**
     * @throws FaceAnalysisException when the models cannot run (missing or corrupt files)
     */
    List<AnalysedFace> analyse(BgrImage image, Source source);

    /**
     * Decodes a photo file's bytes (JPEG, PNG, BMP or GIF) and analyses it as a {@link Source#PHOTO}.
     *
     * @param name how to call the photo in error messages (its file name)
     * @throws UnreadableImageException when the bytes are not a whole image in a supported format
     * @throws FaceAnalysisException    when the models cannot run
     */
    List<AnalysedFace> analysePhoto(byte[] encoded, String name);

    /** The embedding model every template of this analyser carries. */
    EmbeddingModel embeddingModel();
}

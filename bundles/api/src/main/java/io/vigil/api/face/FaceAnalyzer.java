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

    /** The embedding model every template of this analyser carries. */
    EmbeddingModel embeddingModel();
}

package io.vigil.api.watchlist;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The photo a subject was enrolled from, for reviewers and evidence packages: decrypted on request
 * only, by watchlist and pseudonym (what an alert carries).
 */
@ProviderType
public interface EnrolmentPhotos {

    /**
     * @return the first enrolment photo's file bytes as enrolled; empty when the list or subject is
     *         gone (erased, expired) or cannot be read
     */
    Optional<byte[]> enrolmentPhoto(String watchlist, String subjectPseudonym);
}

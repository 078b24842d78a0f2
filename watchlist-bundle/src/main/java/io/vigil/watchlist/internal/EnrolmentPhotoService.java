package io.vigil.watchlist.internal;

import io.vigil.api.watchlist.EnrolmentPhotos;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Enrolment photos for the alert bundle's evidence packages, decrypted on request only. */
@Component
public class EnrolmentPhotoService implements EnrolmentPhotos {

    private final WatchlistService watchlists;

    @Activate
    public EnrolmentPhotoService(@Reference WatchlistService watchlists) {
        this.watchlists = watchlists;
    }

    @Override
    public Optional<byte[]> enrolmentPhoto(String watchlist, String subjectPseudonym) {
        return watchlists.enrolmentPhoto(watchlist, subjectPseudonym);
    }
}

package io.vigil.watchlist.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One person to enrol (or to add photos to, when the list has them under that name), and when they leave the list. */
record SubjectEnrolment(String displayName, String reference, String notes, String addedBy, Optional<Instant> expiry,
                        List<EnrolmentPhoto> photos) {
    SubjectEnrolment {
        photos = List.copyOf(photos);
    }
}

package io.vigil.watchlist.internal;

import io.vigil.api.face.FaceEmbedding;

/** One enrolment photo and the template made from it, ready to be stored. */
record EnrolmentPhoto(byte[] imageBytes, String sha256, FaceEmbedding embedding, float quality) {
}

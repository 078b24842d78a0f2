package io.vigil.api.inventory;

import java.util.Objects;

/**
 * One person on one watchlist.
 *
 * @param pseudonym     the subject's pseudonymous id on that list
 * @param individualKey equal for the same individual on different lists (a keyed hash of their
 *                      external reference), otherwise unique; never reversible to the person
 * @param templates     face templates stored for them
 * @param images        face images stored for them
 */
public record HeldSubject(String pseudonym, String individualKey, int templates, int images) {
    public HeldSubject {
        Objects.requireNonNull(pseudonym, "pseudonym");
        Objects.requireNonNull(individualKey, "individualKey");
    }
}

package io.vigil.compliance.internal.ledger;

/** Counts of one slice of the facial data: distinct individuals, templates, images. */
public record Tally(long individuals, long templates, long images) {
}

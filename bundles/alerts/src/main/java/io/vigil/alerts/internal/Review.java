package io.vigil.alerts.internal;

import java.time.Instant;
import java.util.Optional;

/** One reviewer's decision on an alert: confirmed, or dismissed with a reason. */
record Review(String reviewer, Outcome outcome, Optional<DismissReason> reason, Instant at) {

    enum Outcome { CONFIRMED, DISMISSED }
}

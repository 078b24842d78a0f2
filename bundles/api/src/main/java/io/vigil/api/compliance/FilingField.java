package io.vigil.api.compliance;

/** A filing-form field: its key in the form file and its label in English and Chinese. */
public record FilingField(String key, String english, String chinese) {
}

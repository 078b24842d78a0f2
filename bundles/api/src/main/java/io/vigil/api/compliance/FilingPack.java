package io.vigil.api.compliance;

import java.nio.file.Path;
import java.util.List;

/**
 * A signed filing pack as written.
 *
 * @param profile the profile it was made for
 * @param folder  the pack's folder
 * @param archive the same files zipped: what is handed to the regulator
 * @param missing required form fields left blank (listed in the pack too)
 */
public record FilingPack(String profile, Path folder, Path archive, List<FilingField> missing) {
    public FilingPack {
        missing = List.copyOf(missing);
    }
}

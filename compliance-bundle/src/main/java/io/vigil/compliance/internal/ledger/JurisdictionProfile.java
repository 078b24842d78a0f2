package io.vigil.compliance.internal.ledger;

import java.util.List;

/**
 * What one jurisdiction asks of the facial data held (DESIGN.md, "Compliance facts").
 *
 * @param code              CN, HK, UK or EU
 * @param name              in words
 * @param threshold         individuals at which a filing is due; 0: no count-triggered filing
 * @param warningPercents   early warnings, as percentages of the threshold (ascending)
 * @param deadlineDays      working days a filing (initial, change, cancellation) is due within; 0: none
 * @param reminderDays      an open filing's deadline is warned of once this many working days (or fewer) remain; 0: never
 * @param countBands        individual counts whose crossing (either way) is a change to file
 * @param obligations       the rules that apply, for status and the pack
 */
public record JurisdictionProfile(String code, String name, long threshold, List<Integer> warningPercents, int deadlineDays,
                                  int reminderDays, List<Long> countBands, List<String> obligations) {

    public JurisdictionProfile {
        warningPercents = List.copyOf(warningPercents);
        countBands = List.copyOf(countBands);
        obligations = List.copyOf(obligations);
    }

    public boolean countTriggered() {
        return threshold > 0;
    }

    /** The band a count falls in: how many band limits it reaches. */
    public int band(long individuals) {
        int b = 0;
        for (long limit : countBands) {
            if (individuals >= limit) {
                b++;
            }
        }
        return b;
    }

    public String bandText(long individuals) {
        int b = band(individuals);
        if (countBands.isEmpty()) {
            return "-";
        }
        if (b == 0) {
            return "< " + countBands.get(0);
        }
        return b == countBands.size() ? ">= " + countBands.get(b - 1) : countBands.get(b - 1) + " - " + (countBands.get(b) - 1);
    }

    /** Parses "80,95" into ascending percentages between 1 and 99. */
    public static List<Integer> percents(String text) {
        List<Integer> out = new java.util.ArrayList<>();
        for (String p : text.split(",")) {
            if (p.isBlank()) {
                continue;
            }
            int v;
            try {
                v = Integer.parseInt(p.strip().replace("%", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("warning level '" + p.strip() + "' is not a percentage");
            }
            if (v < 1 || v > 99) {
                throw new IllegalArgumentException("warning level " + v + "% must be between 1 and 99");
            }
            out.add(v);
        }
        out.sort(null);
        return out;
    }

    public static List<Long> longs(String text) {
        List<Long> out = new java.util.ArrayList<>();
        for (String p : text.split(",")) {
            if (!p.isBlank()) {
                out.add(Long.parseLong(p.strip().replace("_", "")));
            }
        }
        out.sort(null);
        return out;
    }
}

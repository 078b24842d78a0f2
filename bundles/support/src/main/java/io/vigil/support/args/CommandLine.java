package io.vigil.support.args;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command line that {@link CommandLineSpec#parse parsed}: its options by their names (an alias is
 * found under the name it was declared with) and its positionals in order. Values are read as what
 * the command needs; one that is not says so, naming the option and the value
 * ({@code --cameras needs a whole number, not 'eight'}). Asking for an option the command did not
 * declare is a mistake in the command, not in the line, and throws {@link IllegalStateException}.
 */
public final class CommandLine {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min|h|d)?");

    private final CommandLineSpec spec;
    private final Map<String, List<String>> given;
    private final List<String> positionals;
    private final int declaredPositionals;

    CommandLine(CommandLineSpec spec, Map<String, List<String>> given, List<String> positionals, int declaredPositionals) {
        this.spec = spec;
        this.given = Map.copyOf(given);
        this.positionals = List.copyOf(positionals);
        this.declaredPositionals = declaredPositionals;
    }

    /** Whether the flag or option was given. */
    public boolean has(String option) {
        spec.kind(option);
        return given.containsKey(option);
    }

    /** The option's value; for a repeatable or list option, the last one. */
    public Optional<String> value(String option) {
        spec.kind(option);
        List<String> values = given.get(option);
        return values == null ? Optional.empty() : Optional.of(values.get(values.size() - 1));
    }

    public String value(String option, String otherwise) {
        return value(option).orElse(otherwise);
    }

    /** Every value of a repeatable or list option, in order; empty when it was not given. */
    public List<String> values(String option) {
        spec.kind(option);
        return given.getOrDefault(option, List.of());
    }

    /**
     * The option's value read by {@code read}; what {@code read} throws (a {@link RuntimeException})
     * becomes a message naming the option, the value and {@code expected}.
     *
     * @param expected what a good value is, after "needs": {@code "a date (YYYY-MM-DD)"}
     */
    public <T> Optional<T> value(String option, Function<String, T> read, String expected) {
        return value(option).map(v -> read(option, v, read, expected));
    }

    public int intValue(String option, int otherwise) {
        return value(option, Integer::parseInt, "a whole number").orElse(otherwise);
    }

    public long longValue(String option, long otherwise) {
        return value(option, Long::parseLong, "a whole number").orElse(otherwise);
    }

    public double doubleValue(String option, double otherwise) {
        return value(option, CommandLine::finiteDouble, "a number").orElse(otherwise);
    }

    public float floatValue(String option, float otherwise) {
        return value(option, v -> (float) finiteDouble(v), "a number").orElse(otherwise);
    }

    /**
     * A length of time: a number in {@code plainUnit} ({@code --timeout 30}), or a number with a unit
     * ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}), or ISO-8601 ({@code PT5M}).
     */
    public Optional<Duration> duration(String option, ChronoUnit plainUnit) {
        return value(option, v -> readDuration(v, plainUnit), "a length of time (such as 30, 30s, 5m or PT5M)");
    }

    /** Every positional, declared or in the rest, in order. */
    public List<String> positionals() {
        return positionals;
    }

    /** The positional at {@code index} (from 0); empty when an optional one was left out. */
    public Optional<String> positional(int index) {
        return index < positionals.size() ? Optional.of(positionals.get(index)) : Optional.empty();
    }

    /** The positional at {@code index} read by {@code read}; {@code name} is how the usage text calls it. */
    public <T> T positional(int index, String name, Function<String, T> read, String expected) {
        String value = positional(index).orElseThrow(() -> spec.error("missing " + name));
        return read(name, value, read, expected);
    }

    /** The positionals after the declared ones ({@code IMAGE...}). */
    public List<String> rest() {
        return positionals.size() <= declaredPositionals ? List.of() : positionals.subList(declaredPositionals, positionals.size());
    }

    /** A message about this command line, with the command's usage. */
    public ArgumentException error(String message) {
        return spec.error(message);
    }

    private <T> T read(String what, String value, Function<String, T> read, String expected) {
        try {
            return read.apply(value);
        } catch (RuntimeException e) {
            throw spec.error(what + " needs " + expected + ", not '" + value + "'");
        }
    }

    private static double finiteDouble(String text) {
        double value = Double.parseDouble(text);
        if (!Double.isFinite(value)) {
            throw new NumberFormatException(text);
        }
        return value;
    }

    static Duration readDuration(String text, ChronoUnit plainUnit) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.startsWith("p")) {
            return Duration.parse(t.toUpperCase(Locale.ROOT));
        }
        Matcher m = DURATION.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException(text);
        }
        double amount = Double.parseDouble(m.group(1));
        Duration unit = m.group(2) == null ? plainUnit.getDuration() : switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(1);
            case "s" -> Duration.ofSeconds(1);
            case "m", "min" -> Duration.ofMinutes(1);
            case "h" -> Duration.ofHours(1);
            default -> Duration.ofDays(1);
        };
        return Duration.ofNanos(Math.round(amount * unit.toNanos()));
    }
}

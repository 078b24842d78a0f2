package io.vigil.support.args;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandLineSpecTest {

    private static final String USAGE = "usage: vigil thing NAME [IMAGE...] [--last N] [--json]";

    private static CommandLineSpec spec() {
        return CommandLineSpec.of("vigil thing", USAGE)
                .flag("--json")
                .option("--last")
                .option("--authorisation", "--authorization")
                .repeatable("--target")
                .list("--photos")
                .positional("NAME")
                .rest("IMAGE", 0);
    }

    private static String message(List<String> words) {
        return assertThrows(ArgumentException.class, () -> spec().parse(words)).getMessage();
    }

    @Test
    void optionsTakeTheirValueFromTheNextWordOrAfterAnEqualsSignAndStandAnywhere() {
        CommandLine line = spec().parse(List.of("--last", "5", "watch", "--json", "a.jpg", "--authorization=REF-1", "b.jpg"));
        assertEquals(5, line.intValue("--last", 20));
        assertTrue(line.has("--json"));
        assertEquals(Optional.of("REF-1"), line.value("--authorisation"), "an alias is found under the declared name");
        assertEquals(List.of("watch", "a.jpg", "b.jpg"), line.positionals());
        assertEquals(Optional.of("watch"), line.positional(0));
        assertEquals(List.of("a.jpg", "b.jpg"), line.rest());
        assertEquals(Optional.of("--x"), spec().parse(List.of("n", "--last=--x")).value("--last"),
                "a value that begins with -- is given after =");
        assertEquals(Optional.of(""), spec().parse(List.of("n", "--last=")).value("--last"));
    }

    @Test
    void whatIsNotGivenHasItsDefault() {
        CommandLine line = spec().parse(List.of("watch"));
        assertFalse(line.has("--json"));
        assertEquals(20, line.intValue("--last", 20));
        assertEquals("all", line.value("--last", "all"));
        assertEquals(List.of(), line.values("--target"));
        assertEquals(List.of(), line.rest());
        assertEquals(Optional.empty(), line.duration("--last", ChronoUnit.SECONDS));
    }

    @Test
    void repeatableOptionsKeepEveryValueAndListOptionsTakeTheWordsUpToTheNextOption() {
        CommandLine line = spec().parse(List.of("n", "--target", "a:1", "--photos", "x.jpg", "y.jpg", "--target=b:2", "--json"));
        assertEquals(List.of("a:1", "b:2"), line.values("--target"));
        assertEquals(List.of("x.jpg", "y.jpg"), line.values("--photos"));
        assertEquals(List.of("n"), line.positionals());
    }

    @Test
    void aDoubleDashEndsTheOptions() {
        CommandLine line = spec().parse(List.of("--json", "--", "--odd-name", "--last"));
        assertEquals(List.of("--odd-name", "--last"), line.positionals());
        assertTrue(line.has("--json"));
        assertFalse(line.has("--last"));
    }

    @Test
    void wordsThatAreNotOptionsOrValuesAreRefusedByName() {
        assertEquals("vigil thing: unknown option --lats", message(List.of("n", "--lats", "5")));
        assertEquals("vigil thing: unknown option --lats", message(List.of("n", "--lats=5")));
        assertEquals("vigil thing: --last needs a value", message(List.of("n", "--last")));
        assertEquals("vigil thing: --last needs a value", message(List.of("n", "--last", "--json")));
        assertEquals("vigil thing: --photos needs a value", message(List.of("n", "--photos", "--json")));
        assertEquals("vigil thing: --json takes no value", message(List.of("n", "--json=yes")));
        assertEquals("vigil thing: --last is given twice", message(List.of("n", "--last", "1", "--last", "2")));
        assertEquals("vigil thing: --authorization is given twice",
                message(List.of("n", "--authorisation", "1", "--authorization", "2")));
        assertEquals("vigil thing: missing NAME", message(List.of("--json")));
    }

    @Test
    void requiredOptionsAndPositionalsAndTooManyPositionalsAreReported() {
        CommandLineSpec spec = CommandLineSpec.of("vigil report", "usage: vigil report FOLDER [KIND] --to DIR")
                .required("--to").positional("FOLDER").optionalPositional("KIND");
        assertEquals("vigil report: --to is required",
                assertThrows(ArgumentException.class, () -> spec.parse(List.of("f"))).getMessage());
        assertEquals("vigil report: missing FOLDER",
                assertThrows(ArgumentException.class, () -> spec.parse(List.of("--to", "d"))).getMessage());
        assertEquals("vigil report: unexpected argument 'extra'",
                assertThrows(ArgumentException.class, () -> spec.parse(List.of("f", "k", "extra", "--to", "d"))).getMessage());
        CommandLine line = spec.parse(List.of("f", "--to", "d"));
        assertEquals(Optional.empty(), line.positional(1));
        assertEquals(List.of(), line.rest());
        CommandLineSpec atLeastOne = CommandLineSpec.of("vigil enrol", "u").positional("NAME").rest("IMAGE", 1);
        assertEquals("vigil enrol: missing IMAGE",
                assertThrows(ArgumentException.class, () -> atLeastOne.parse(List.of("n"))).getMessage());
    }

    @Test
    void numbersDatesAndDurationsThatDoNotReadSaySoNamingTheOptionAndValue() {
        assertEquals("vigil thing: --last needs a whole number, not 'ten'",
                assertThrows(ArgumentException.class, () -> spec().parse(List.of("n", "--last", "ten")).intValue("--last", 1))
                        .getMessage());
        assertEquals("vigil thing: --last needs a number, not 'NaN'",
                assertThrows(ArgumentException.class, () -> spec().parse(List.of("n", "--last", "NaN")).doubleValue("--last", 1))
                        .getMessage());
        assertEquals("vigil thing: --last needs a date (YYYY-MM-DD), not '2026-13-01'",
                assertThrows(ArgumentException.class, () -> spec().parse(List.of("n", "--last", "2026-13-01"))
                        .value("--last", LocalDate::parse, "a date (YYYY-MM-DD)")).getMessage());
        assertEquals("vigil thing: NAME needs a number, not 'x'",
                assertThrows(ArgumentException.class, () -> spec().parse(List.of("x"))
                        .positional(0, "NAME", Float::parseFloat, "a number")).getMessage());
        assertEquals(0.5f, spec().parse(List.of("n", "--last", "0.5")).floatValue("--last", 0f));
        assertEquals(7L, spec().parse(List.of("n", "--last", "7")).longValue("--last", 0L));
    }

    @Test
    void durationsAreAPlainNumberInTheCommandsUnitOrCarryTheirOwn() {
        assertEquals(Duration.ofSeconds(30), CommandLine.readDuration("30", ChronoUnit.SECONDS));
        assertEquals(Duration.ofMinutes(10), CommandLine.readDuration("10", ChronoUnit.MINUTES));
        assertEquals(Duration.ofMillis(500), CommandLine.readDuration("500ms", ChronoUnit.SECONDS));
        assertEquals(Duration.ofSeconds(90), CommandLine.readDuration("1.5m", ChronoUnit.SECONDS));
        assertEquals(Duration.ofHours(2), CommandLine.readDuration("2h", ChronoUnit.SECONDS));
        assertEquals(Duration.ofMinutes(5), CommandLine.readDuration("PT5M", ChronoUnit.SECONDS));
        assertEquals("vigil thing: --last needs a length of time (such as 30, 30s, 5m or PT5M), not '5 weeks'",
                assertThrows(ArgumentException.class, () -> spec().parse(List.of("n", "--last", "5 weeks"))
                        .duration("--last", ChronoUnit.SECONDS)).getMessage());
    }

    @Test
    void theCommandsOwnChecksComeWithItsUsageAndPrintBoth() {
        ArgumentException e = spec().parse(List.of("n")).error("give --end or --hours, not both");
        assertEquals("vigil thing: give --end or --hours, not both", e.getMessage());
        assertEquals(USAGE, e.usage());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        e.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals("vigil thing: give --end or --hours, not both\n" + USAGE + "\n", bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void runAnswersAWrongLineWithTheMessageTheUsageAndExitTwoWithoutRunningTheAction() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        List<String> ran = new java.util.ArrayList<>();
        assertEquals(7, spec().run(List.of("n", "--last", "3"), err, line -> {
            ran.add(line.positionals().get(0));
            return 7;
        }));
        assertEquals(List.of("n"), ran);
        assertEquals(CommandLineSpec.USAGE, spec().run(List.of("n", "--nope"), err, line -> {
            ran.add("ran anyway");
            return 0;
        }));
        assertEquals(List.of("n"), ran, "a line that does not parse runs nothing");
        assertEquals("vigil thing: unknown option --nope\n" + USAGE + "\n", bytes.toString(StandardCharsets.UTF_8));
        bytes.reset();
        assertEquals(CommandLineSpec.USAGE, spec().run(List.of("n", "--last", "x"), err, line -> line.intValue("--last", 1)));
        assertTrue(bytes.toString(StandardCharsets.UTF_8).startsWith("vigil thing: --last needs a whole number, not 'x'"));
    }

    @Test
    void askingForAnOptionTheCommandDidNotDeclareIsAMistakeInTheCommand() {
        CommandLine line = spec().parse(List.of("n"));
        assertThrows(IllegalStateException.class, () -> line.has("--verbose"));
        assertThrows(IllegalStateException.class, () -> line.value("--authorization"), "aliases are not names");
        assertThrows(IllegalStateException.class, () -> CommandLineSpec.of("c", "u").flag("--a").option("--a"));
        assertThrows(IllegalArgumentException.class, () -> CommandLineSpec.of("c", "u").flag("-a"));
    }
}

package io.vigil.compliance.internal.ledger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * PRC working days: Monday to Friday except the public holidays of the State Council General
 * Office's annual notice, plus the weekend days it makes working days (调休上班). Read from a
 * line-based file (format in the shipped {@code prc-working-days.txt}) that is validated as a whole:
 * a malformed file is refused, naming the line, rather than half used. Counting refuses to run
 * into a year the file does not cover, because a guess there would be a wrong legal deadline.
 */
public final class WorkingDayCalendar {

    /** The shipped file, inside the bundle. */
    public static final String SHIPPED = "prc-working-days.txt";

    /** One listed day. */
    public record Entry(LocalDate date, boolean workday, String source, String name) {
    }

    private final String origin;
    private final Map<String, String> sources;
    private final Map<Integer, String> covers;
    private final TreeMap<LocalDate, Entry> entries;

    private WorkingDayCalendar(String origin, Map<String, String> sources, Map<Integer, String> covers,
                               TreeMap<LocalDate, Entry> entries) {
        this.origin = origin;
        this.sources = sources;
        this.covers = covers;
        this.entries = entries;
    }

    public static WorkingDayCalendar shipped() throws CalendarException {
        try (InputStream in = WorkingDayCalendar.class.getResourceAsStream(SHIPPED)) {
            if (in == null) {
                throw new CalendarException("the shipped calendar " + SHIPPED + " is missing from the bundle");
            }
            return parse("shipped " + SHIPPED, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CalendarException("the shipped calendar cannot be read: " + e.getMessage());
        }
    }

    public static WorkingDayCalendar read(Path file) throws CalendarException {
        try {
            return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CalendarException("the working-day calendar " + file + " cannot be read as UTF-8 text: " + e.getMessage());
        }
    }

    public static WorkingDayCalendar parse(String origin, String text) throws CalendarException {
        Map<String, String> sources = new LinkedHashMap<>();
        Map<Integer, String> covers = new TreeMap<>();
        TreeMap<LocalDate, Entry> entries = new TreeMap<>();
        Map<LocalDate, Integer> entryLines = new LinkedHashMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int n = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+", 4);
            String where = origin + " line " + n + ": ";
            switch (f[0]) {
                case "source" -> {
                    if (f.length < 3) {
                        throw new CalendarException(where + "a source needs an id and its citation: source ID CITATION");
                    }
                    String citation = line.substring(line.indexOf(f[1]) + f[1].length()).strip();
                    if (sources.put(f[1], citation) != null) {
                        throw new CalendarException(where + "source " + f[1] + " is declared twice");
                    }
                }
                case "covers" -> {
                    if (f.length != 3) {
                        throw new CalendarException(where + "expected: covers YEAR SOURCE-ID");
                    }
                    int year;
                    try {
                        year = Integer.parseInt(f[1]);
                    } catch (NumberFormatException e) {
                        throw new CalendarException(where + "'" + f[1] + "' is not a year");
                    }
                    if (covers.put(year, f[2]) != null) {
                        throw new CalendarException(where + "year " + year + " is covered twice");
                    }
                }
                default -> {
                    LocalDate date;
                    try {
                        date = LocalDate.parse(f[0]);
                    } catch (DateTimeException e) {
                        throw new CalendarException(where + "'" + f[0] + "' is neither a date (YYYY-MM-DD) nor source/covers");
                    }
                    if (f.length < 4) {
                        throw new CalendarException(where + "expected: " + f[0] + " holiday|workday SOURCE-ID NAME");
                    }
                    boolean workday;
                    if (f[1].equals("holiday")) {
                        workday = false;
                    } else if (f[1].equals("workday")) {
                        workday = true;
                    } else {
                        throw new CalendarException(where + "'" + f[1] + "' is neither holiday nor workday");
                    }
                    if (workday && !weekend(date)) {
                        throw new CalendarException(where + date + " is a " + date.getDayOfWeek()
                                + ": a make-up working day is always a Saturday or Sunday");
                    }
                    if (entries.put(date, new Entry(date, workday, f[2], f[3].strip())) != null) {
                        throw new CalendarException(where + date + " is listed twice (first on line " + entryLines.get(date) + ")");
                    }
                    entryLines.put(date, n);
                }
            }
        }
        if (covers.isEmpty()) {
            throw new CalendarException(origin + ": no 'covers YEAR SOURCE-ID' line: the file says for no year that it is complete");
        }
        for (Map.Entry<Integer, String> c : covers.entrySet()) {
            if (!sources.containsKey(c.getValue())) {
                throw new CalendarException(origin + ": year " + c.getKey() + " cites source " + c.getValue()
                        + ", which is not declared by a 'source' line");
            }
            if (entries.keySet().stream().noneMatch(d -> d.getYear() == c.getKey())) {
                throw new CalendarException(origin + ": year " + c.getKey() + " is covered but lists no holiday");
            }
        }
        for (Entry e : entries.values()) {
            int n = entryLines.get(e.date());
            if (!sources.containsKey(e.source())) {
                throw new CalendarException(origin + " line " + n + ": source " + e.source() + " is not declared");
            }
            if (!covers.containsKey(e.date().getYear())) {
                throw new CalendarException(origin + " line " + n + ": " + e.date() + " lies in " + e.date().getYear()
                        + ", which no 'covers' line declares");
            }
        }
        return new WorkingDayCalendar(origin, Collections.unmodifiableMap(sources), Collections.unmodifiableMap(covers),
                entries);
    }

    private static boolean weekend(LocalDate d) {
        return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    public boolean isWorkingDay(LocalDate day) throws CalendarException {
        requireCovered(day);
        Entry e = entries.get(day);
        if (e != null) {
            return e.workday();
        }
        return !weekend(day);
    }

    private void requireCovered(LocalDate day) throws CalendarException {
        if (!covers.containsKey(day.getYear())) {
            throw new CalendarException("the working-day calendar (" + origin + ") covers " + coveredYears() + ", not "
                    + day.getYear() + " (" + day + "): add that year's State Council holiday schedule to the calendar file"
                    + " (vigil compliance: calendar.file) rather than guess a legal deadline");
        }
    }

    /**
     * The day by which something must be done within {@code workingDays} working days of
     * {@code event}, counted from the day after it: the {@code workingDays}-th working day after it.
     */
    public LocalDate deadline(LocalDate event, int workingDays) throws CalendarException {
        if (workingDays < 1) {
            throw new IllegalArgumentException("working days must be at least 1");
        }
        LocalDate day = event;
        int counted = 0;
        while (counted < workingDays) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return day;
    }

    /** Working days from the day after {@code from} through {@code to} (0 when {@code to} is not after it). */
    public int workingDaysBetween(LocalDate from, LocalDate to) throws CalendarException {
        int n = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                n++;
            }
        }
        return n;
    }

    public String coveredYears() {
        List<Integer> years = List.copyOf(covers.keySet());
        return years.size() == 1 ? years.get(0).toString() : years.get(0) + "–" + years.get(years.size() - 1);
    }

    public String origin() {
        return origin;
    }

    /** Declared sources by id (citations, for the filing pack). */
    public Map<String, String> sources() {
        return sources;
    }

    public List<Entry> entries() {
        return List.copyOf(entries.values());
    }
}

package io.vigil.compliance.internal.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The shipped PRC calendar and deadlines of 30 working days counted from the day after an event. */
class WorkingDayCalendarTest {

    private static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    @Test
    void theShippedCalendarIsValidAndKnowsTheNationalDayWeekOf2025() throws Exception {
        WorkingDayCalendar cal = WorkingDayCalendar.shipped();
        assertEquals("2025–2026", cal.coveredYears());
        for (LocalDate day = d("2025-10-01"); !day.isAfter(d("2025-10-08")); day = day.plusDays(1)) {
            assertFalse(cal.isWorkingDay(day), day + " is a holiday");
        }
        assertTrue(cal.isWorkingDay(d("2025-09-28")), "Sunday 28 September 2025 is a make-up working day");
        assertTrue(cal.isWorkingDay(d("2025-10-11")), "Saturday 11 October 2025 is a make-up working day");
        assertFalse(cal.isWorkingDay(d("2025-10-12")), "an ordinary Sunday");
        assertTrue(cal.isWorkingDay(d("2025-10-09")));
        cal.entries().forEach(e -> assertTrue(cal.sources().containsKey(e.source()), "every entry cites its source"));
        assertTrue(cal.sources().get("GOV-2025").contains("国办发明电〔2024〕12号"));
    }

    /*
     * Worked example 1: crossed on Friday 2025-09-26. Counting from Saturday 27 September:
     *   Sun 28 Sep (make-up) 1, Mon 29 2, Tue 30 3, 1-8 Oct holiday, Thu 9 Oct 4, Fri 10 5,
     *   Sat 11 Oct (make-up) 6, 13-17 Oct 7-11, 20-24 Oct 12-16, 27-31 Oct 17-21, 3-7 Nov 22-26,
     *   Mon 10 Nov 27, Tue 11 28, Wed 12 29, Thu 13 Nov 30.
     * Counting weekends only (ignoring the holiday) would have said 7 November: a week early.
     */
    @Test
    void aCrossingTheFridayBeforeNationalDayIsDueOnThirteenNovember() throws Exception {
        WorkingDayCalendar cal = WorkingDayCalendar.shipped();
        assertEquals(d("2025-11-13"), cal.deadline(d("2025-09-26"), 30));
        assertEquals(d("2025-09-28"), cal.deadline(d("2025-09-26"), 1), "the make-up Sunday is the first working day");
        assertEquals(d("2025-10-11"), cal.deadline(d("2025-09-26"), 6), "the make-up Saturday counts");
    }

    /*
     * Worked example 2: crossed on Tuesday 2025-09-30, the eve of the holiday. Nothing counts until
     * Thu 9 Oct 1, Fri 10 2, Sat 11 (make-up) 3, 13-17 Oct 4-8, 20-24 9-13, 27-31 14-18, 3-7 Nov 19-23,
     * 10-14 Nov 24-28, Mon 17 Nov 29, Tue 18 Nov 30.
     */
    @Test
    void aCrossingOnTheEveOfTheHolidayIsDueOnEighteenNovember() throws Exception {
        assertEquals(d("2025-11-18"), WorkingDayCalendar.shipped().deadline(d("2025-09-30"), 30));
    }

    /*
     * Worked example 3: crossed on the make-up Sunday 2025-09-28 itself: that day does not count
     * (counting starts the day after). Mon 29 1, Tue 30 2, Thu 9 Oct 3, Fri 10 4, Sat 11 5,
     * 13-17 Oct 6-10, 20-24 11-15, 27-31 16-20, 3-7 Nov 21-25, 10-14 Nov 26-30: Friday 14 November.
     */
    @Test
    void theDayOfTheCrossingNeverCountsEvenWhenItIsAWorkingDay() throws Exception {
        assertEquals(d("2025-11-14"), WorkingDayCalendar.shipped().deadline(d("2025-09-28"), 30));
    }

    @Test
    void aDeadlineBeyondTheCoveredYearsIsRefusedNotGuessed() throws Exception {
        CalendarException e = assertThrows(CalendarException.class,
                () -> WorkingDayCalendar.shipped().deadline(d("2026-12-20"), 30));
        assertTrue(e.getMessage().contains("covers 2025–2026, not 2027"), e.getMessage());
    }

    private static final String HEAD = "source S notice\ncovers 2025 S\n";

    @Test
    void aMalformedCalendarIsRefusedNamingTheLine() {
        assertRefused(HEAD + "2025-10-01 holiday S National Day\n2025-10-09 workday S make-up\n",
                "line 4: 2025-10-09 is a THURSDAY: a make-up working day is always a Saturday or Sunday");
        assertRefused(HEAD + "2025-13-01 holiday S bad\n", "line 3: '2025-13-01' is neither a date");
        assertRefused(HEAD + "2025-10-01 holliday S typo\n", "line 3: 'holliday' is neither holiday nor workday");
        assertRefused(HEAD + "2025-10-01 holiday X National Day\n", "line 3: source X is not declared");
        assertRefused(HEAD + "2025-10-01 holiday S a\n2025-10-01 holiday S b\n", "line 4: 2025-10-01 is listed twice");
        assertRefused(HEAD + "2024-10-01 holiday S a\n2025-10-01 holiday S b\n", "2024-10-01 lies in 2024, which no 'covers'");
        assertRefused("source S notice\n2025-10-01 holiday S a\n", "no 'covers YEAR SOURCE-ID' line");
        assertRefused(HEAD + "2025-10-01 holiday S\n", "line 3: expected: 2025-10-01 holiday|workday SOURCE-ID NAME");
    }

    private static void assertRefused(String text, String expected) {
        CalendarException e = assertThrows(CalendarException.class, () -> WorkingDayCalendar.parse("cal.txt", text));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}

package io.vigil.console.internal;

import static io.vigil.console.internal.Html.esc;

import io.vigil.api.compliance.HistoryDay;
import java.util.List;
import java.util.Locale;

/**
 * The ledger's daily history as an inline SVG line chart: no script, no library. The line is the
 * individuals held each day, a dashed line the threshold when it is within sight (so a count far
 * below it does not flatten into the axis). The same figures follow as a table for screen readers
 * and for reading exact values.
 */
final class HistoryChart {

    static final int WIDTH = 720;
    static final int HEIGHT = 240;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 20;
    private static final int BOTTOM = 40;

    private HistoryChart() {
    }

    /** @param threshold the profile's threshold, 0 for none */
    static String svg(List<HistoryDay> days, long threshold) {
        long max = 1;
        for (HistoryDay d : days) {
            max = Math.max(max, Math.max(d.individuals(), d.peakIndividuals()));
        }
        boolean showThreshold = threshold > 0 && threshold <= max * 4;
        long top = showThreshold ? Math.max(max, threshold) : max;
        top = niceCeiling(top);
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        StringBuilder b = new StringBuilder(2048);
        String last = days.isEmpty() ? "no history yet" : days.get(days.size() - 1).individuals() + " individuals on "
                + days.get(days.size() - 1).day();
        b.append("<svg id=\"history-chart\" class=\"chart\" role=\"img\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" aria-labelledby=\"history-title\"><title id=\"history-title\">Individuals held per day, ")
                .append(days.size()).append(" days; ").append(esc(last)).append("</title>");
        // axes and three gridlines with their values
        for (int i = 0; i <= 2; i++) {
            long value = top * i / 2;
            double y = TOP + plotH - (double) plotH * value / top;
            b.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>", LEFT, y,
                    WIDTH - RIGHT, y));
            b.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d</text>", LEFT - 6,
                    y + 4, value));
        }
        if (showThreshold) {
            double y = TOP + plotH - (double) plotH * threshold / top;
            b.append(String.format(Locale.ROOT, "<line class=\"threshold\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>", LEFT, y,
                    WIDTH - RIGHT, y));
            b.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">threshold %d</text>",
                    WIDTH - RIGHT, y - 4, threshold));
        }
        if (!days.isEmpty()) {
            StringBuilder points = new StringBuilder();
            int n = days.size();
            for (int i = 0; i < n; i++) {
                double x = n == 1 ? LEFT + plotW / 2.0 : LEFT + (double) plotW * i / (n - 1);
                double y = TOP + plotH - (double) plotH * days.get(i).individuals() / top;
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                if (n <= 60) {
                    b.append(String.format(Locale.ROOT, "<circle class=\"point\" cx=\"%.1f\" cy=\"%.1f\" r=\"3\"/>", x, y));
                }
            }
            b.append("<polyline class=\"line\" points=\"").append(points.toString().strip()).append("\"/>");
            b.append("<text class=\"axis\" x=\"").append(LEFT).append("\" y=\"").append(HEIGHT - 12).append("\">")
                    .append(days.get(0).day()).append("</text>");
            b.append("<text class=\"axis\" x=\"").append(WIDTH - RIGHT).append("\" y=\"").append(HEIGHT - 12)
                    .append("\" text-anchor=\"end\">").append(days.get(n - 1).day()).append("</text>");
        }
        b.append("</svg>");
        return b.toString();
    }

    /** 1, 2 or 5 times a power of ten, at least {@code v}: round axis values. */
    static long niceCeiling(long v) {
        long p = 1;
        while (true) {
            for (long m : new long[] {1, 2, 5}) {
                if (m * p >= v) {
                    return m * p;
                }
            }
            p *= 10;
        }
    }
}

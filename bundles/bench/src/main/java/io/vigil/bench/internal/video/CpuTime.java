package io.vigil.bench.internal.video;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time (user + system) of a whole process, all its threads, native ones included, from
 * /proc/PID/stat. GStreamer's work happens on native threads the JVM cannot account for.
 */
final class CpuTime {

    /** Linux reports in clock ticks; USER_HZ is 100 on every architecture Vigil ships on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private CpuTime() {
    }

    static double seconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // the command name (field 2) is in parentheses and may hold spaces: count from after it
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long userTicks = Long.parseLong(fields[11]);
        long systemTicks = Long.parseLong(fields[12]);
        return (userTicks + systemTicks) / TICKS_PER_SECOND;
    }

    static double self() throws IOException {
        return seconds(ProcessHandle.current().pid());
    }
}

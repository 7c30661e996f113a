package org.confero.cli.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * CPU time this process has used so far, all threads (the load's senders and receivers, but also JIT and GC: what the
 * load costs the machine). From the JVM when it can tell ({@code com.sun.management}), else from
 * {@code /proc/self/stat}; empty where neither works.
 */
final class ProcessCpu {

    /**
     * Linux reports {@code /proc/<pid>/stat} times in USER_HZ ticks, which is 100 per second on every architecture's
     * user ABI (what {@code sysconf(_SC_CLK_TCK)} answers); Java cannot ask sysconf.
     */
    static final long NANOS_PER_TICK = 10_000_000L;

    private static final Path SELF_STAT = Path.of("/proc/self/stat");

    private ProcessCpu() {
    }

    /** Nanoseconds of CPU used by this process so far, if it can be measured here. */
    static OptionalLong nanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long nanos = os.getProcessCpuTime();
            if (nanos >= 0) {
                return OptionalLong.of(nanos);
            }
        }
        try {
            return fromStat(Files.readString(SELF_STAT, StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * User plus system time from the text of a {@code /proc/<pid>/stat} file, in nanoseconds. The command name (field
     * 2) is in parentheses and may itself contain spaces and parentheses, so the fields are counted from the last ')':
     * utime and stime are fields 14 and 15.
     */
    static OptionalLong fromStat(String stat) {
        int end = stat.lastIndexOf(')');
        if (end < 0) {
            return OptionalLong.empty();
        }
        String[] fields = stat.substring(end + 1).trim().split("\\s+");
        // fields[0] is field 3 (state): utime (14) is fields[11], stime (15) fields[12].
        if (fields.length < 13) {
            return OptionalLong.empty();
        }
        try {
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return OptionalLong.of(ticks * NANOS_PER_TICK);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}

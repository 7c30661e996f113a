package org.confero.cli.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

class ProcessCpuTest {

    @Test
    void readsUserPlusSystemTicksAfterTheCommandName() {
        // A command name with spaces and parentheses must not shift the fields; utime 250, stime 70 ticks.
        String stat = "4242 (java (load) x) S 1 4242 4242 0 -1 4194560 9170 0 12 0 250 70 0 0 20 0 31 0 1234 "
                + "5000000 3000 18446744073709551615 1 1 0 0 0 0 0 4096 17612 0 0 0 17 1 0 0 0 0 0";
        assertThat(ProcessCpu.fromStat(stat)).hasValue(320 * ProcessCpu.NANOS_PER_TICK);
    }

    @Test
    void anUnreadableStatGivesNothingRatherThanAWrongFigure() {
        assertThat(ProcessCpu.fromStat("garbage")).isEmpty();
        assertThat(ProcessCpu.fromStat("1 (x) S 1 2")).isEmpty();
        assertThat(ProcessCpu.fromStat("1 (x) S 1 2 3 4 5 6 7 8 9 10 ten 12 13")).isEmpty();
    }

    @Test
    void countsTheCpuThisThreadBurns() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        OptionalLong before = ProcessCpu.nanos();
        assertThat(before).isPresent();
        long threadStart = threads.getCurrentThreadCpuTime();
        long sink = 0;
        // Burn 200 ms of this thread's CPU (bounded in wall time, for a machine too busy to give it).
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (threads.getCurrentThreadCpuTime() - threadStart < 200_000_000L && System.nanoTime() < deadline) {
            for (int i = 0; i < 10_000; i++) {
                sink += i * 31L ^ sink;
            }
        }
        long burnt = threads.getCurrentThreadCpuTime() - threadStart;
        OptionalLong after = ProcessCpu.nanos();
        assertThat(sink).isNotEqualTo(42);
        // The process's time includes this thread's; /proc's 10 ms ticks are the only imprecision allowed.
        assertThat(after.getAsLong() - before.getAsLong()).isGreaterThanOrEqualTo(burnt - ProcessCpu.NANOS_PER_TICK);
    }
}

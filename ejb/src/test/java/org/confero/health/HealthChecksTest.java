package org.confero.health;

import org.confero.health.api.CheckResult;
import org.confero.health.api.HealthReport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class HealthChecksTest {

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() throws InterruptedException {
        release.countDown();
        executor.shutdownNow();
        assertThat(executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void allUpIsUp() {
        HealthChecks checks = new HealthChecks(List.of(fixed("a", true), fixed("b", true)), Duration.ofSeconds(1));

        HealthReport report = checks.run(executor);

        assertThat(report.up()).isTrue();
        assertThat(report.checks()).extracting(CheckResult::name).containsExactly("a", "b");
    }

    @Test
    void oneDownMakesTheReportDownAndNamesIt() {
        HealthReport report = new HealthChecks(List.of(fixed("a", true), fixed("b", false)), Duration.ofSeconds(1))
                .run(executor);

        assertThat(report.up()).isFalse();
        assertThat(report.checks()).filteredOn(r -> !r.up()).extracting(CheckResult::name).containsExactly("b");
    }

    @Test
    void aHangingDependencyIsDownAfterTheTimeoutNotNever() {
        HealthChecks checks = new HealthChecks(List.of(hanging("database"), fixed("cache", true)),
                Duration.ofMillis(200));

        long start = System.nanoTime();
        HealthReport report = checks.run(executor);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(tookMillis).isLessThan(2_000);
        assertThat(report.checks().get(0)).satisfies(r -> {
            assertThat(r.up()).isFalse();
            assertThat(r.detail()).startsWith("no answer for ");
        });
        assertThat(report.checks().get(1).up()).isTrue();
    }

    @Test
    void aHangingProbeIsJoinedNotRestarted() {
        AtomicInteger started = new AtomicInteger();
        DependencyCheck hanging = new DependencyCheck() {
            @Override
            public String name() {
                return "database";
            }

            @Override
            public CheckResult probe() throws InterruptedException {
                started.incrementAndGet();
                release.await();
                return CheckResult.up(name(), "back");
            }
        };
        HealthChecks checks = new HealthChecks(List.of(hanging), Duration.ofMillis(100));

        for (int i = 0; i < 5; i++) {
            assertThat(checks.run(executor).up()).isFalse();
        }
        assertThat(started).as("one blocked thread at most, whatever the probe rate").hasValue(1);

        release.countDown();
        HealthReport recovered = checks.run(executor);
        // The first probe after release may still be the old one finishing; either way it reports the recovery.
        assertThat(recovered.up()).isTrue();
    }

    @Test
    void aFailingProbeIsDownWithItsMessageButNoStackTrace() {
        DependencyCheck failing = new DependencyCheck() {
            @Override
            public String name() {
                return "media";
            }

            @Override
            public CheckResult probe() {
                throw new IllegalStateException("port 8801 taken\n\tat some.Frame(Frame.java:1)");
            }
        };

        CheckResult result = new HealthChecks(List.of(failing), Duration.ofSeconds(1)).run(executor).checks().get(0);

        assertThat(result.up()).isFalse();
        assertThat(result.detail()).isEqualTo("IllegalStateException: port 8801 taken");
    }

    private static DependencyCheck fixed(String name, boolean up) {
        return new DependencyCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public CheckResult probe() {
                return new CheckResult(name, up, up ? "fine" : "broken");
            }
        };
    }

    private DependencyCheck hanging(String name) {
        return new DependencyCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public CheckResult probe() throws InterruptedException {
                release.await();
                return CheckResult.up(name, "late");
            }
        };
    }
}

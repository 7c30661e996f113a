package org.confero.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class AssignmentPolicyTest {

    private final RouterCandidate r1 = new RouterCandidate("r1", 0, 48, 3, 50, false);
    private final RouterCandidate r2 = new RouterCandidate("r2", 1, 10, 1, 50, false);
    private final RouterCandidate r3 = new RouterCandidate("r3", 2, 0, 0, 50, false);

    @Test
    void leastLoadedPicksTheLeastStressedWithRoom() {
        assertThat(new LeastLoaded().choose(List.of(r1, r2, r3))).contains(r3);
    }

    @Test
    void aRouterWithAHighCpuLoadCountsAsStressedEvenWithFewParticipants() {
        RouterCandidate busyCpu = new RouterCandidate("cpu", 3, 1, 1, 50, false, 0.95);
        RouterCandidate moderate = new RouterCandidate("mod", 4, 20, 2, 50, false, 0.2);

        assertThat(new LeastLoaded().choose(List.of(busyCpu, moderate))).contains(moderate);
    }

    @Test
    void orderedFillFillsTheFirstRouterUntilItsThreshold() {
        OrderedFill fill = new OrderedFill();
        assertThat(fill.choose(List.of(r3, r2, r1))).as("order, not list position or load").contains(r1);

        RouterCandidate r1Full = new RouterCandidate("r1", 0, 50, 4, 50, false);
        assertThat(fill.choose(List.of(r1Full, r2, r3))).as("past the threshold: the next one").contains(r2);
    }

    @Test
    void drainingRoutersNeverTakeNewMeetings() {
        RouterCandidate drainingIdle = new RouterCandidate("r3", 2, 0, 0, 50, true);
        assertThat(new LeastLoaded().choose(List.of(r1, r2, drainingIdle))).contains(r2);
        assertThat(new OrderedFill().choose(List.of(drainingIdle))).isEmpty();
    }

    @Test
    void whenAllAreFullTheLeastStressedOverflows() {
        RouterCandidate a = new RouterCandidate("a", 0, 60, 5, 50, false);
        RouterCandidate b = new RouterCandidate("b", 1, 55, 5, 50, false);
        assertThat(new OrderedFill().choose(List.of(a, b))).contains(b);
        assertThat(new LeastLoaded().choose(List.of(a, b))).contains(b);
    }

    @Test
    void aMeetingStaysOnItsRouterWhileThatHasRoom() {
        RouterAssigner assigner = new RouterAssigner(new LeastLoaded());

        assertThat(assigner.assign(Optional.of("r1"), List.of(r1, r2, r3))).hasValueSatisfying(a -> {
            assertThat(a.router()).isEqualTo(r1);
            assertThat(a.kind()).isEqualTo(RouterAssigner.Kind.HOSTED);
        });
        assertThat(assigner.assign(Optional.empty(), List.of(r1, r2, r3))).hasValueSatisfying(a -> {
            assertThat(a.router()).isEqualTo(r3);
            assertThat(a.kind()).isEqualTo(RouterAssigner.Kind.NEW_PLACEMENT);
        });
    }

    @Test
    void aFullDrainingOrGoneHostOverflowsToAnotherRouter() {
        RouterAssigner assigner = new RouterAssigner(new OrderedFill());
        RouterCandidate r1Full = new RouterCandidate("r1", 0, 50, 3, 50, false);
        RouterCandidate r1Draining = new RouterCandidate("r1", 0, 10, 3, 50, true);

        assertThat(assigner.assign(Optional.of("r1"), List.of(r1Full, r2, r3))).hasValueSatisfying(a -> {
            assertThat(a.router()).isEqualTo(r2);
            assertThat(a.kind()).isEqualTo(RouterAssigner.Kind.OVERFLOW);
            assertThat(a.reason()).contains("threshold");
        });
        assertThat(assigner.assign(Optional.of("r1"), List.of(r1Draining, r3)))
                .hasValueSatisfying(a -> assertThat(a.reason()).contains("draining"));
        assertThat(assigner.assign(Optional.of("gone"), List.of(r2)))
                .hasValueSatisfying(a -> assertThat(a.reason()).contains("gone"));
        assertThat(assigner.assign(Optional.of("r1"), List.of(r1Full))).as("no other router").isEmpty();
        assertThat(assigner.assign(Optional.empty(), List.of())).isEmpty();
    }
}

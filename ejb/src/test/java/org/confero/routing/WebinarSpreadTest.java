package org.confero.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/** Issue 23: webinar attendees go to the least loaded router of the zone, not to the webinar's home. */
class WebinarSpreadTest {

    private final RouterAssigner assigner = new RouterAssigner(new LeastLoaded());

    @Test
    void anAttendeeGoesToTheLeastLoadedRouterEvenWhileTheHomeHasRoom() {
        RouterCandidate home = new RouterCandidate("r1", 0, 10, 1, 50, false);
        RouterCandidate idle = new RouterCandidate("r2", 1, 0, 0, 50, false);

        assertThat(assigner.assign(Optional.of("r1"), List.of(home, idle))).map(RouterAssigner.Assignment::router)
                .as("a meeting's participant stays with its meeting").contains(home);
        assertThat(assigner.spread(Optional.of("r1"), List.of(home, idle))).hasValueSatisfying(a -> {
            assertThat(a.router()).isEqualTo(idle);
            assertThat(a.kind()).isEqualTo(RouterAssigner.Kind.SPREAD);
        });
    }

    @Test
    void theHomeTakesAttendeesWhenItIsTheLeastLoadedAndANewWebinarIsPlacedAsUsual() {
        RouterCandidate home = new RouterCandidate("r1", 0, 1, 1, 50, false);
        RouterCandidate busy = new RouterCandidate("r2", 1, 30, 4, 50, false);

        assertThat(assigner.spread(Optional.of("r1"), List.of(home, busy))).map(RouterAssigner.Assignment::kind)
                .contains(RouterAssigner.Kind.HOSTED);
        assertThat(assigner.spread(Optional.empty(), List.of(home, busy))).map(RouterAssigner.Assignment::kind)
                .contains(RouterAssigner.Kind.NEW_PLACEMENT);
    }

    /**
     * A burst of attendees, each assignment counted against its router before the next (as the controller's pending
     * arrivals do between heartbeats): they fill the zone evenly and no router passes its threshold while another has
     * room; a draining router takes none.
     */
    @Test
    void aBurstOfAttendeesFillsTheZoneEvenlyWithinEachThreshold() {
        Map<String, Integer> load = new TreeMap<>(Map.of("r1", 1, "r2", 0, "r3", 0, "r4", 0));
        Map<String, Integer> capacity = Map.of("r1", 40, "r2", 40, "r3", 20, "r4", 40);
        for (int i = 0; i < 100; i++) {
            List<RouterCandidate> fresh = new ArrayList<>();
            load.forEach((node, n) -> fresh
                    .add(new RouterCandidate(node, node.charAt(1), n, 1, capacity.get(node), node.equals("r4"))));
            RouterCandidate chosen = assigner.spread(Optional.of("r1"), fresh).orElseThrow().router();
            load.merge(chosen.node(), 1, Integer::sum);
        }
        assertThat(load.get("r4")).as("draining").isZero();
        assertThat(load.get("r1") + load.get("r2") + load.get("r3")).isEqualTo(101);
        assertThat(load.get("r3")).as("its threshold is lower: full at 20 of 20, like the others at 40").isEqualTo(20);
        assertThat(load.get("r1")).isBetween(39, 41);
        assertThat(load.get("r2")).isBetween(40, 41);
    }

    @Test
    void pastEveryThresholdTheLeastStressedRouterTakesTheAttendee() {
        RouterCandidate a = new RouterCandidate("a", 0, 2, 1, 2, false);
        RouterCandidate b = new RouterCandidate("b", 1, 3, 1, 2, false);
        assertThat(assigner.spread(Optional.of("b"), List.of(a, b))).map(RouterAssigner.Assignment::router).contains(a);
    }
}

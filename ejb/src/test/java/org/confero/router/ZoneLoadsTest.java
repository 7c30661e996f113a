package org.confero.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.confero.zone.ranking.ZoneLoad;
import org.junit.jupiter.api.Test;

class ZoneLoadsTest {

    private final Instant now = Instant.parse("2026-11-21T12:00:00Z");

    @Test
    void freshRoutersAreSummedPerZoneStaleAndDrainingOnesAreNot() {
        var loads = ZoneLoads.of(
                List.of(load("a", "eu", 10, 100, false, 1), load("b", "eu", 30, 100, false, 2),
                        load("c", "eu", 0, 100, true, 1), load("d", "us", 5, 50, false, 10)),
                now, Duration.ofSeconds(6));

        assertThat(loads).containsOnlyKeys("eu");
        assertThat(loads.get("eu")).isEqualTo(new ZoneLoad(40, 200, 2));
    }

    @Test
    void encodingRoundTripsAndRejectsGarbage() {
        RouterLoad load = load("node-1", "eu", 3, 500, false, 0);

        assertThat(RouterLoad.decode(load.encode())).isEqualTo(load);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RouterLoad.decode("v2|x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private RouterLoad load(String node, String zone, int participants, int capacity, boolean draining,
            int secondsAgo) {
        return new RouterLoad(node, zone, participants, 1, capacity, draining, now.minusSeconds(secondsAgo),
                "https://" + node + "/api/v1/mmr", node, 8801, 8801, 1000, 0.25);
    }
}

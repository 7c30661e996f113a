package org.confero.client.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class TransportPlanTest {

    @Test
    void udpThenTcpThenWebSocket() {
        assertThat(TransportPlan.order(EnumSet.allOf(Transport.class), false)).containsExactly(Transport.UDP,
                Transport.TCP, Transport.WEBSOCKET);
    }

    @Test
    void disabledTransportsAreSkipped() {
        assertThat(TransportPlan.order(EnumSet.of(Transport.TCP, Transport.WEBSOCKET), false))
                .containsExactly(Transport.TCP, Transport.WEBSOCKET);
        assertThat(TransportPlan.order(Set.of(Transport.UDP), false)).containsExactly(Transport.UDP);
    }

    @Test
    void aProxyLeavesOnlyWebSocket() {
        assertThat(TransportPlan.order(EnumSet.allOf(Transport.class), true)).containsExactly(Transport.WEBSOCKET);
        assertThat(TransportPlan.order(EnumSet.of(Transport.UDP, Transport.TCP), true)).isEmpty();
    }
}

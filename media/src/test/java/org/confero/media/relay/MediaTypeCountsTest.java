package org.confero.media.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import org.confero.protocol.media.CascadeLink;
import org.confero.protocol.media.MediaType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 22: forwarded media is counted per media type, and the binding census counts what is bound now by media type
 * and transport (a cascade link apart from WebSocket endpoints), falling back when an endpoint leaves.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MediaTypeCountsTest {

    final MutableClock clock = new MutableClock();
    ExecutorService executor;
    MediaRelay relay;

    @BeforeEach
    void start() {
        executor = RelayTestSupport.executor("media-type-counts");
        relay = new MediaRelay(RelayTestSupport.config().build(), RelayTestSupport.key(), executor, RelayListener.NONE,
                org.confero.media.relay.transport.RelayTransport.best(), clock);
        relay.start();
        relay.openMeeting("m1");
    }

    @AfterEach
    void stop() {
        relay.stop();
        executor.shutdownNow();
    }

    @Test
    void forwardedMediaIsCountedUnderItsMediaTypeOnly() {
        VirtualEndpointHandle alice = attach("alice", MediaType.VIDEO);
        attach("bob", MediaType.VIDEO);
        attach("carol", MediaType.VIDEO);

        alice.send(ByteBuffer.wrap(RelayTestSupport.rtp(1, 100)));
        alice.send(ByteBuffer.wrap(RelayTestSupport.rtp(2, 100)));

        Map<MediaType, CounterSnapshot> counts = relay.countersByMediaType();
        CounterSnapshot video = counts.get(MediaType.VIDEO);
        assertThat(video.mediaIn()).isEqualTo(2);
        assertThat(video.bytesIn()).isEqualTo(200);
        assertThat(video.packetsOut()).as("each packet to bob and carol").isEqualTo(4);
        assertThat(video.bytesOut()).isEqualTo(400);
        assertThat(counts.get(MediaType.AUDIO).packetsIn()).isZero();
        assertThat(counts.get(MediaType.CONTENT).packetsOut()).isZero();
    }

    @Test
    void theCensusCountsCurrentBindingsByMediaTypeAndTransport() {
        VirtualEndpointHandle alice = attach("alice", MediaType.AUDIO);
        attach("bob", MediaType.AUDIO);
        attach(CascadeLink.participantId("router-2"), MediaType.AUDIO);
        attach("bob", MediaType.CONTENT);

        BindingCensus census = relay.bindings();
        assertThat(census.count(MediaType.AUDIO, BindingCensus.WEBSOCKET)).isEqualTo(2);
        assertThat(census.count(MediaType.AUDIO, BindingCensus.CASCADE)).isEqualTo(1);
        assertThat(census.count(MediaType.CONTENT, BindingCensus.WEBSOCKET)).isEqualTo(1);
        assertThat(census.count(MediaType.AUDIO, BindingCensus.UDP)).isZero();

        alice.close();
        assertThat(relay.bindings().count(MediaType.AUDIO, BindingCensus.WEBSOCKET)).as("alice left").isEqualTo(1);
    }

    /**
     * Issue 22: media the HTTP tunnel carries is its own transport, told apart by the path that attached it (the JCA
     * layer knows it came from a tunnel server), never by anything the client sent; its events say so too.
     */
    @Test
    void aTunnelledEndpointCountsAsTunnelNotWebSocket() {
        java.util.List<RelayEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        relay.stop();
        relay = new MediaRelay(RelayTestSupport.config().build(), RelayTestSupport.key(), executor, events::add,
                org.confero.media.relay.transport.RelayTransport.best(), clock);
        relay.start();
        relay.openMeeting("m1");
        attach("alice", MediaType.AUDIO);
        VirtualEndpointHandle bob = relay.attachVirtualEndpoint("m1", "bob", MediaType.AUDIO,
                Instant.ofEpochMilli(clock.millis()), false, VirtualVia.TUNNEL, packet -> {
                });

        BindingCensus census = relay.bindings();
        assertThat(census.count(MediaType.AUDIO, BindingCensus.TUNNEL)).isEqualTo(1);
        assertThat(census.count(MediaType.AUDIO, BindingCensus.WEBSOCKET)).as("alice only").isEqualTo(1);
        assertThat(events).filteredOn(e -> e.type() == RelayEvent.Type.BOUND).extracting(RelayEvent::path)
                .containsExactly(BindingCensus.WEBSOCKET, BindingCensus.TUNNEL);

        bob.close();
        assertThat(relay.bindings().count(MediaType.AUDIO, BindingCensus.TUNNEL)).as("bob left").isZero();
    }

    private VirtualEndpointHandle attach(String participant, MediaType type) {
        return relay.attachVirtualEndpoint("m1", participant, type, Instant.ofEpochMilli(clock.millis()), packet -> {
        });
    }
}

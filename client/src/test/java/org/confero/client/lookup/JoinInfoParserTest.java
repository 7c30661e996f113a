package org.confero.client.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;

import org.confero.client.http.JsonBodies;
import org.confero.protocol.rest.JoinInfoView;
import org.junit.jupiter.api.Test;

class JoinInfoParserTest {

    private static final String DOCUMENT = """
            {"meeting":{"id":"84512963301","topic":"Weekly sync","type":"meeting","host":"admin",
              "startTime":"2026-11-21T16:00:00Z","durationMinutes":30,"timeZone":"Europe/Berlin","state":"scheduled",
              "waitingRoom":true,"muteOnEntry":false},
             "joinToken":"jt.abc","joinTokenExpiresAt":"2026-11-21T16:10:00Z",
             "zones":[{"rank":1,"id":"default","name":"Home","region":"Munich","available":true,"reason":"cidr",
                       "controllerUrls":["https://zc1:8443/api/v1/zc","https://zc2:8443/api/v1/zc"]},
                      {"rank":2,"id":"us","name":"US","available":false,"reason":"draining","controllerUrls":[]}],
             "tunnels":[{"id":"ht1","url":"https://ht1/tunnel","region":"Munich","country":"DE","state":"enabled"}],
             "webClientUrl":"https://meet.example.com/j/84512963301",
             "proxy":{"clientAddress":"10.0.0.5","proxyDetected":true,"trustedProxy":false,"via":"1.1 squid"},
             "someFutureField":42}
            """;

    @Test
    void readsEverythingTheConnectionProcessNeeds() throws IOException {
        JoinInfoView info = JoinInfoParser.parse(JsonBodies.parse(DOCUMENT));

        assertThat(info.meeting().id()).isEqualTo("84512963301");
        assertThat(info.meeting().waitingRoom()).isTrue();
        assertThat(info.meeting().startTime()).isEqualTo(Instant.parse("2026-11-21T16:00:00Z"));
        assertThat(info.joinToken()).isEqualTo("jt.abc");
        assertThat(info.zones()).extracting(JoinInfoView.RankedZoneView::id).containsExactly("default", "us");
        assertThat(info.zones().get(0).controllerUrls()).containsExactly("https://zc1:8443/api/v1/zc",
                "https://zc2:8443/api/v1/zc");
        assertThat(info.zones().get(1).available()).isFalse();
        assertThat(info.tunnels()).extracting(t -> t.url()).containsExactly("https://ht1/tunnel");
        assertThat(info.webClientUrl()).isEqualTo("https://meet.example.com/j/84512963301");
        assertThat(info.proxy().proxyDetected()).isTrue();
        assertThat(info.proxy().via()).isEqualTo("1.1 squid");
    }

    @Test
    void withoutAJoinTokenThereIsNothingToJoinWith() {
        assertThatThrownBy(() -> JoinInfoParser.parse(JsonBodies.parse("{\"webClientUrl\":\"https://x\"}")))
                .isInstanceOf(IOException.class).hasMessageContaining("joinToken");
    }

    @Test
    void aFieldOfTheWrongTypeIsAnIoErrorNotACrash() {
        assertThatThrownBy(() -> JoinInfoParser
                .parse(JsonBodies.parse("{\"joinToken\":\"t\",\"webClientUrl\":\"u\",\"meeting\":\"not an object\"}")))
                        .isInstanceOf(IOException.class);
    }
}

package org.confero.web.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TunnelMessageTest {

    @Test
    void everyMessageTypeParses() {
        assertThat(TunnelMessage.parse("{\"type\":\"hello\",\"joinToken\":\"a.b\"}"))
                .isEqualTo(new TunnelMessage.Hello("a.b"));
        assertThat(TunnelMessage.parse("{\"type\":\"open\",\"id\":3,\"url\":\"wss://h/api/v1/mmr/media\"}"))
                .isEqualTo(new TunnelMessage.Open(3, "wss://h/api/v1/mmr/media"));
        assertThat(TunnelMessage.parse("{\"type\":\"text\",\"id\":3,\"data\":\"{\\\"type\\\":\\\"ping\\\"}\"}"))
                .isEqualTo(new TunnelMessage.Text(3, "{\"type\":\"ping\"}"));
        assertThat(TunnelMessage.parse("{\"type\":\"close\",\"id\":2147483647}"))
                .isEqualTo(new TunnelMessage.Close(Integer.MAX_VALUE));
    }

    @Test
    void requestsKeepOnlyTheForwardedHeadersAndPostBodies() {
        TunnelMessage post = TunnelMessage.parse("""
                {"type":"request","id":7,"method":"POST","url":"https://zc/api/v1/zc/assign",
                 "headers":{"Content-Type":"application/json","accept":"*/*","X-Confero-Passcode":"123",
                            "Authorization":"Basic eHg6eHg=","Host":"evil.org","Cookie":"a=b"},
                 "body":"{\\"joinToken\\":\\"t\\"}"}""");
        assertThat(post).isEqualTo(new TunnelMessage.Request(7, "POST", "https://zc/api/v1/zc/assign",
                Map.of("Content-Type", "application/json", "accept", "*/*", "X-Confero-Passcode", "123"),
                Optional.of("{\"joinToken\":\"t\"}")));
        TunnelMessage get = TunnelMessage.parse(
                "{\"type\":\"request\",\"id\":1,\"method\":\"GET\",\"url\":\"https://zc/probe\",\"body\":\"x\"}");
        assertThat(get).isEqualTo(new TunnelMessage.Request(1, "GET", "https://zc/probe", Map.of(), Optional.empty()));
    }

    @Test
    void aBodyOver256KiBIsTooLargeAndOneAtTheLimitIsNot() {
        String atLimit = "x".repeat(TunnelMessage.MAX_BODY_BYTES);
        assertThat(TunnelMessage.parse(request("\"" + atLimit + "\""))).isInstanceOf(TunnelMessage.Request.class);
        assertThat(TunnelMessage.parse(request("\"" + atLimit + "x\""))).isEqualTo(new TunnelMessage.TooLarge(5));
        // Counted in UTF-8 bytes: 100,000 three-byte characters are 300,000 bytes.
        assertThat(TunnelMessage.parse(request("\"" + "€".repeat(100_000) + "\"")))
                .isEqualTo(new TunnelMessage.TooLarge(5));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "not json", "[1,2]", "\"hello\"", "{}", "{\"type\":3}", "{\"type\":\"hello\"}",
            "{\"type\":\"bogus\",\"id\":1}", "{\"type\":\"open\",\"url\":\"wss://h\"}",
            "{\"type\":\"open\",\"id\":-1,\"url\":\"wss://h\"}", "{\"type\":\"open\",\"id\":1.5,\"url\":\"wss://h\"}",
            "{\"type\":\"open\",\"id\":4294967296,\"url\":\"wss://h\"}",
            "{\"type\":\"open\",\"id\":\"1\",\"url\":\"x\"}", "{\"type\":\"open\",\"id\":1}",
            "{\"type\":\"text\",\"id\":1}", "{\"type\":\"text\",\"id\":1,\"data\":5}",
            "{\"type\":\"request\",\"id\":1,\"method\":\"DELETE\",\"url\":\"https://h\"}",
            "{\"type\":\"request\",\"id\":1,\"method\":\"GET\"}",
            "{\"type\":\"request\",\"id\":1,\"method\":\"GET\",\"url\":\"https://h\",\"headers\":[]}",
            "{\"type\":\"request\",\"id\":1,\"method\":\"GET\",\"url\":\"https://h\",\"headers\":{\"Accept\":1}}",
            "{\"type\":\"request\",\"id\":1,\"method\":\"GET\",\"url\":\"https://h\",\"headers\":{\"Accept\":\"a\\r\\nX: y\"}}",
            "{\"type\":\"request\",\"id\":1,\"method\":\"POST\",\"url\":\"https://h\",\"body\":{}}" })
    void badMessagesAreInvalidNeverAnException(String text) {
        assertThat(TunnelMessage.parse(text)).isInstanceOf(TunnelMessage.Invalid.class);
    }

    @Test
    void anInvalidMessageNamesItsIdWhenItHadOne() {
        assertThat(TunnelMessage.parse("{\"type\":\"request\",\"id\":9,\"method\":\"PUT\",\"url\":\"https://h\"}"))
                .isEqualTo(new TunnelMessage.Invalid(Optional.of(9), "method must be GET or POST"));
    }

    private static String request(String body) {
        return "{\"type\":\"request\",\"id\":5,\"method\":\"POST\",\"url\":\"https://h/zc/probe\",\"body\":" + body
                + "}";
    }
}

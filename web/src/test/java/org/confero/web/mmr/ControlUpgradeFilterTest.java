package org.confero.web.mmr;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.server.ServerEndpointConfig;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.confero.limits.Limit;
import org.confero.limits.Refusals;
import org.confero.web.socket.ClientAddressConfigurator;
import org.confero.web.socket.FakeEndpointConfig;
import org.confero.web.socket.FakeSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ControlUpgradeFilterTest {

    private final ControlUpgradeFilter filter = new ControlUpgradeFilter();
    private final ControlConnectionLimits limits = new ControlConnectionLimits();
    private final Answer answer = new Answer();

    @BeforeEach
    void setUp() {
        limits.refusals = new Refusals();
        limits.configure(1, Duration.ofSeconds(10), new ManualTimer().executor());
        filter.limits = limits;
    }

    @Test
    void theUpgradeHandsTheClientAddressToTheHandshake() throws Exception {
        ServerEndpointConfig config = FakeEndpointConfig.create();
        FilterChain handshake = (request, response) -> new ClientAddressConfigurator().modifyHandshake(config, null,
                null);

        filter.doFilter(upgradeFrom("198.51.100.1"), answer.response(), handshake);

        FakeSession session = new FakeSession("a");
        session.session().getUserProperties().putAll(config.getUserProperties());
        assertThat(ClientAddressConfigurator.clientAddress(session.session())).contains("198.51.100.1");
        assertThat(answer.status).as("the chain answered, not the filter").isZero();
    }

    @Test
    void anUpgradeFromASourceWithNoPlaceLeftIsRefusedWith429BeforeAnyWebSocket() throws Exception {
        limits.admit(FakeSession.from("open", "198.51.100.1").session(), () -> true);
        boolean[] reachedHandshake = { false };

        filter.doFilter(upgradeFrom("198.51.100.1"), answer.response(),
                (request, response) -> reachedHandshake[0] = true);

        assertThat(reachedHandshake[0]).isFalse();
        assertThat(answer.status).isEqualTo(429);
        assertThat(answer.headers).containsEntry("Content-Type", "application/problem+json");
        JsonObject problem = Json.createReader(new StringReader(answer.body.toString(StandardCharsets.UTF_8)))
                .readObject();
        assertThat(problem.getString("type")).isEqualTo("https://confero.org/problems/too-many-connections");
        assertThat(problem.getInt("status")).isEqualTo(429);
        assertThat(limits.refusals.count(Limit.CONTROL_CONNECTIONS)).isEqualTo(1);
    }

    @Test
    void anotherSourceIsNotRefused() throws Exception {
        limits.admit(FakeSession.from("open", "198.51.100.1").session(), () -> true);
        boolean[] reachedHandshake = { false };

        filter.doFilter(upgradeFrom("198.51.100.2"), answer.response(),
                (request, response) -> reachedHandshake[0] = true);

        assertThat(reachedHandshake[0]).isTrue();
    }

    private static HttpServletRequest upgradeFrom(String address) {
        Map<String, String> headers = Map.of("Upgrade", "websocket");
        return (HttpServletRequest) Proxy.newProxyInstance(ControlUpgradeFilterTest.class.getClassLoader(),
                new Class<?>[] { HttpServletRequest.class }, (proxy, method, args) -> switch (method.getName()) {
                case "getRemoteAddr" -> address;
                case "getHeader" -> headers.get((String) args[0]);
                default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** What the filter answered by itself. */
    private static final class Answer {
        int status;
        final Map<String, String> headers = new HashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();

        HttpServletResponse response() {
            ServletOutputStream stream = new ServletOutputStream() {
                @Override
                public void write(int b) {
                    body.write(b);
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    throw new UnsupportedOperationException();
                }
            };
            return (HttpServletResponse) Proxy.newProxyInstance(ControlUpgradeFilterTest.class.getClassLoader(),
                    new Class<?>[] { HttpServletResponse.class }, (proxy, method, args) -> {
                        switch (method.getName()) {
                        case "setStatus" -> status = (Integer) args[0];
                        case "setContentType" -> headers.put("Content-Type", (String) args[0]);
                        case "setHeader" -> headers.put((String) args[0], (String) args[1]);
                        case "setContentLength" -> headers.put("Content-Length", String.valueOf(args[0]));
                        case "getOutputStream" -> {
                            return stream;
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                        }
                        return null;
                    });
        }
    }
}

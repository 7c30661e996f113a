package org.confero.web.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLSession;

import org.junit.jupiter.api.Test;

/** A tunnel connection against a scripted upstream and a client that reads everything at once (or never). */
class TunnelConnectionTest {

    private static final String PROBE = "https://zc.example.com/api/v1/zc/probe";
    private static final String CONTROL = "wss://mmr.example.com/api/v1/mmr/control";
    private static final String MEDIA = "wss://mmr.example.com/api/v1/mmr/media";

    private final ScriptedUpstream upstream = new ScriptedUpstream();
    private final RecordingClient client = new RecordingClient();
    private final TunnelOutbound out = new TunnelOutbound(client, 8);
    private final List<String> tunnelClosed = new ArrayList<>();
    private final TunnelConnection tunnel = new TunnelConnection(upstream, out, tunnelClosed::add);

    @Test
    void aTargetThatIsNotAllowedIsAnswered403AndNeverCalled() {
        for (String url : List.of("https://127.0.0.1:8543/api/v1/users", "http://169.254.169.254/",
                "https://zc.example.com/api/v1/zc/../../admin", "https://zc.example.com.evil.org/api/v1/zc/probe")) {
            tunnel.request(get(1, url));
        }
        assertThat(upstream.requests).isEmpty();
        assertThat(client.json()).hasSize(4).allSatisfy(answer -> {
            assertThat(answer.getString("type")).isEqualTo("response");
            assertThat(answer.getInt("status")).isEqualTo(403);
            assertThat(answer.getJsonObject("headers").getString("Content-Type")).isEqualTo("application/problem+json");
            assertThat(problem(answer).getString("type"))
                    .isEqualTo("https://confero.org/problems/tunnel-target-forbidden");
        });
    }

    @Test
    void anAllowedRequestGoesUpstreamWithForwardedHeadersOnlyAndItsAnswerComesBack() {
        tunnel.request(new TunnelMessage.Request(4, "POST", PROBE + "?seq=2",
                Map.of("Content-Type", "application/json", "Accept", "application/json"), Optional.of("{}")));

        assertThat(upstream.requests).hasSize(1);
        HttpRequest sent = upstream.requests.get(0);
        assertThat(sent.uri()).isEqualTo(URI.create(PROBE + "?seq=2"));
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.timeout()).hasValue(TunnelUpstreams.TIMEOUT);
        assertThat(sent.headers().map().keySet()).containsExactlyInAnyOrder("Content-Type", "Accept");
        upstream.answers.get(0).complete(new Answer(sent, 200, "{\"seq\":2}", Map.of("Content-Type",
                List.of("application/json"), "Retry-After", List.of("3"), "Set-Cookie", List.of("s=1"))));

        JsonObject answer = client.json().get(0);
        assertThat(answer.getInt("id")).isEqualTo(4);
        assertThat(answer.getInt("status")).isEqualTo(200);
        assertThat(answer.getString("body")).isEqualTo("{\"seq\":2}");
        assertThat(answer.getJsonObject("headers")).containsOnlyKeys("Content-Type", "Retry-After");
    }

    @Test
    void anUpstreamFailureOrTimeoutIsA502Problem() {
        tunnel.request(get(1, PROBE));
        tunnel.request(get(2, PROBE));
        upstream.answers.get(0).completeExceptionally(new HttpTimeoutException("timed out"));
        upstream.answers.get(1).completeExceptionally(new java.net.ConnectException("refused"));

        assertThat(client.json()).hasSize(2).allSatisfy(answer -> {
            assertThat(answer.getInt("status")).isEqualTo(502);
            assertThat(problem(answer).getString("type")).isEqualTo("https://confero.org/problems/bad-gateway");
        });
    }

    @Test
    void atMost32RequestsAreInFlightAndTheTunnelStaysUp() {
        for (int id = 0; id < TunnelConnection.MAX_REQUESTS + 1; id++) {
            tunnel.request(get(id, PROBE));
        }
        assertThat(upstream.requests).hasSize(TunnelConnection.MAX_REQUESTS);
        JsonObject refused = client.json().get(0);
        assertThat(refused.getString("type")).isEqualTo("error");
        assertThat(refused.getString("code")).isEqualTo("limit");
        assertThat(refused.getInt("id")).isEqualTo(TunnelConnection.MAX_REQUESTS);

        HttpRequest first = upstream.requests.get(0);
        upstream.answers.get(0).complete(new Answer(first, 200, "", Map.of()));
        tunnel.request(get(99, PROBE));
        assertThat(upstream.requests).hasSize(TunnelConnection.MAX_REQUESTS + 1);
        assertThat(tunnelClosed).isEmpty();
    }

    @Test
    void aTooLargeBodyIsA413Response() {
        tunnel.tooLarge(new TunnelMessage.TooLarge(8));
        JsonObject answer = client.json().get(0);
        assertThat(answer.getInt("status")).isEqualTo(413);
        assertThat(problem(answer).getString("type")).isEqualTo("https://confero.org/problems/payload-too-large");
        assertThat(upstream.requests).isEmpty();
    }

    @Test
    void aChannelToAnotherTargetIsClosed1008WithoutConnecting() {
        tunnel.open(new TunnelMessage.Open(1, "wss://evil.org/api/v1/mmr/control"));
        assertThat(upstream.connections).isEmpty();
        JsonObject closed = client.json().get(0);
        assertThat(closed.getString("type")).isEqualTo("closed");
        assertThat(closed.getInt("code")).isEqualTo(1008);
        assertThat(closed.getString("reason")).isEqualTo("target not allowed");
    }

    @Test
    void aChannelCarriesTextAndMediaBothWaysAndReportsTheRoutersClose() {
        tunnel.open(new TunnelMessage.Open(5, MEDIA));
        FakeWebSocket router = upstream.connect(0);
        assertThat(client.json()).extracting(m -> m.getString("type")).containsExactly("opened");
        assertThat(router.requested).as("the first message is requested once opened is sent").isEqualTo(1);

        tunnel.text(new TunnelMessage.Text(5, "{\"token\":\"t\",\"password\":\"p\"}"));
        assertThat(router.texts).containsExactly("{\"token\":\"t\",\"password\":\"p\"}");
        router.listener.onText(router, "{\"type\":\"bound\"}", true);
        JsonObject text = client.json().get(1);
        assertThat(text.getString("type")).isEqualTo("text");
        assertThat(text.getInt("id")).isEqualTo(5);
        assertThat(text.getString("data")).isEqualTo("{\"type\":\"bound\"}");
        assertThat(router.requested).isEqualTo(2);

        tunnel.binary(ByteBuffer.wrap(new byte[] { 0, 0, 0, 5, (byte) 0x80, 96, 1, 2 }));
        assertThat(router.binaries).hasSize(1);
        assertThat(router.binaries.get(0)).containsExactly((byte) 0x80, 96, 1, 2);
        tunnel.binary(ByteBuffer.wrap(new byte[] { 0, 0, 0, 6, (byte) 0x80 }));
        assertThat(router.binaries).as("no channel 6: dropped").hasSize(1);

        router.listener.onBinary(router, ByteBuffer.wrap(new byte[] { (byte) 0x80, 96, 9 }), true);
        assertThat(client.binaries).hasSize(1);
        assertThat(client.binaries.get(0)).containsExactly(0, 0, 0, 5, (byte) 0x80, 96, 9);

        router.listener.onClose(router, 1000, "left");
        JsonObject closed = client.json().get(2);
        assertThat(closed.getString("type")).isEqualTo("closed");
        assertThat(closed.getInt("code")).isEqualTo(1000);
        assertThat(tunnel.openChannels()).isZero();
    }

    @Test
    void theRoutersNextTextIsReadOnlyOnceTheClientHasTheLastOne() {
        client.reading = false;
        tunnel.open(new TunnelMessage.Open(1, CONTROL));
        FakeWebSocket router = upstream.connect(0);
        client.completeAll();
        assertThat(router.requested).isEqualTo(1);
        router.listener.onText(router, "{\"type\":\"joined\"}", true);
        assertThat(router.requested).as("the client has not taken it yet").isEqualTo(1);
        client.completeAll();
        assertThat(router.requested).isEqualTo(2);
    }

    @Test
    void aSlowClientLosesItsNewestMediaButNoText() {
        client.reading = false;
        tunnel.open(new TunnelMessage.Open(1, MEDIA));
        FakeWebSocket router = upstream.connect(0);
        for (int i = 0; i < 20; i++) {
            router.listener.onBinary(router, ByteBuffer.wrap(new byte[] { (byte) i }), true);
        }
        tunnel.error(Optional.of(1), "bad-message", "still delivered");
        assertThat(out.dropped()).as("queue of 8, 20 offered").isEqualTo(12);
        client.completeAll();
        assertThat(client.json()).extracting(m -> m.getString("type")).containsExactly("opened", "error");
        assertThat(client.binaries).hasSize(8);
        assertThat(client.binaries.get(0)).containsExactly(0, 0, 0, 1, 0);
    }

    @Test
    void aClientThatReadsNothingIsClosedRatherThanBuffered() {
        client.reading = false;
        for (int i = 0; i <= TunnelOutbound.TEXT_LIMIT + 1; i++) {
            tunnel.error(Optional.empty(), "bad-message", "x");
        }
        assertThat(tunnelClosed).containsExactly("the client does not read its messages");
    }

    @Test
    void atMost16ChannelsAndClosingTheTunnelClosesThemAll() {
        for (int id = 0; id < TunnelConnection.MAX_CHANNELS; id++) {
            tunnel.open(new TunnelMessage.Open(id, id % 2 == 0 ? CONTROL : MEDIA));
        }
        tunnel.open(new TunnelMessage.Open(16, MEDIA));
        assertThat(upstream.connections).hasSize(TunnelConnection.MAX_CHANNELS);
        JsonObject refused = client.json().get(0);
        assertThat(refused.getString("code")).isEqualTo("limit");
        assertThat(refused.getInt("id")).isEqualTo(16);

        List<FakeWebSocket> routers = new ArrayList<>();
        for (int i = 0; i < TunnelConnection.MAX_CHANNELS; i++) {
            routers.add(upstream.connect(i));
        }
        tunnel.close(new TunnelMessage.Close(0));
        assertThat(routers.get(0).closeSent).isTrue();
        tunnel.open(new TunnelMessage.Open(16, MEDIA));
        assertThat(upstream.connections).as("a closed channel frees its place").hasSize(17);

        tunnel.shutDown();
        assertThat(routers.subList(1, routers.size())).allSatisfy(router -> assertThat(router.aborted).isTrue());
        FakeWebSocket late = upstream.connect(16);
        assertThat(late.aborted).as("connected after the tunnel closed").isTrue();
    }

    private static TunnelMessage.Request get(int id, String url) {
        return new TunnelMessage.Request(id, "GET", url, Map.of(), Optional.empty());
    }

    private static JsonObject problem(JsonObject response) {
        return Json.createReader(new StringReader(response.getString("body"))).readObject();
    }

    /** Allows what {@link TunnelTargets} allows for one zone controller and one router; records every call. */
    private static final class ScriptedUpstream implements Upstream {
        final TunnelTargets targets = TunnelTargets.of(List.of("https://zc.example.com/api/v1/zc"),
                List.of("https://mmr.example.com/api/v1/mmr"));
        final List<HttpRequest> requests = new ArrayList<>();
        final List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        final List<WebSocket.Listener> connections = new ArrayList<>();
        final List<CompletableFuture<WebSocket>> connecting = new ArrayList<>();

        @Override
        public Optional<URI> httpTarget(String url) {
            return targets.httpTarget(url);
        }

        @Override
        public Optional<URI> webSocketTarget(String url) {
            return targets.webSocketTarget(url);
        }

        @Override
        public CompletableFuture<HttpResponse<String>> exchange(HttpRequest request) {
            requests.add(request);
            CompletableFuture<HttpResponse<String>> answer = new CompletableFuture<>();
            answers.add(answer);
            return answer;
        }

        @Override
        public CompletableFuture<WebSocket> connect(URI target, WebSocket.Listener listener) {
            connections.add(listener);
            CompletableFuture<WebSocket> connected = new CompletableFuture<>();
            connecting.add(connected);
            return connected;
        }

        /** Lets the n-th connection succeed. */
        FakeWebSocket connect(int n) {
            FakeWebSocket socket = new FakeWebSocket(connections.get(n));
            socket.listener.onOpen(socket);
            connecting.get(n).complete(socket);
            return socket;
        }
    }

    /** The client's side of the tunnel WebSocket: completes sends at once while reading, else on demand. */
    private static final class RecordingClient implements TunnelOutbound.Transport {
        final List<String> texts = new CopyOnWriteArrayList<>();
        final List<byte[]> binaries = new CopyOnWriteArrayList<>();
        final List<SendHandler> pending = new ArrayList<>();
        boolean reading = true;

        @Override
        public void sendText(String text, SendHandler handler) {
            texts.add(text);
            done(handler);
        }

        @Override
        public void sendBinary(ByteBuffer frame, SendHandler handler) {
            byte[] bytes = new byte[frame.remaining()];
            frame.get(bytes);
            binaries.add(bytes);
            done(handler);
        }

        private void done(SendHandler handler) {
            if (reading) {
                handler.onResult(new SendResult());
            } else {
                pending.add(handler);
            }
        }

        /** The client reads what waits (and what that releases), then stops again. */
        void completeAll() {
            while (!pending.isEmpty()) {
                pending.remove(0).onResult(new SendResult());
            }
        }

        List<JsonObject> json() {
            return texts.stream().map(t -> Json.createReader(new StringReader(t)).readObject()).toList();
        }
    }

    private static final class FakeWebSocket implements WebSocket {
        final Listener listener;
        final List<String> texts = new ArrayList<>();
        final List<byte[]> binaries = new ArrayList<>();
        long requested;
        boolean aborted;
        boolean closeSent;

        FakeWebSocket(Listener listener) {
            this.listener = listener;
        }

        @Override
        public CompletableFuture<WebSocket> sendText(CharSequence data, boolean last) {
            texts.add(data.toString());
            return CompletableFuture.completedFuture(this);
        }

        @Override
        public CompletableFuture<WebSocket> sendBinary(ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            binaries.add(bytes);
            return CompletableFuture.completedFuture(this);
        }

        @Override
        public CompletableFuture<WebSocket> sendPing(ByteBuffer message) {
            return CompletableFuture.completedFuture(this);
        }

        @Override
        public CompletableFuture<WebSocket> sendPong(ByteBuffer message) {
            return CompletableFuture.completedFuture(this);
        }

        @Override
        public CompletableFuture<WebSocket> sendClose(int statusCode, String reason) {
            closeSent = true;
            return CompletableFuture.completedFuture(this);
        }

        @Override
        public void request(long n) {
            requested += n;
        }

        @Override
        public String getSubprotocol() {
            return "";
        }

        @Override
        public boolean isOutputClosed() {
            return closeSent || aborted;
        }

        @Override
        public boolean isInputClosed() {
            return aborted;
        }

        @Override
        public void abort() {
            aborted = true;
        }
    }

    private record Answer(HttpRequest request, int statusCode, String body, Map<String, List<String>> headerMap)
            implements HttpResponse<String> {
        @Override
        public Optional<HttpResponse<String>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public HttpHeaders headers() {
            return HttpHeaders.of(headerMap, (name, value) -> true);
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            return request.uri();
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }

}

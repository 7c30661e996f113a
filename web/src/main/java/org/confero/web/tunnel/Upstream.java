package org.confero.web.tunnel;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** What a tunnel connection reaches beyond itself: the allowed targets and the calls to them. */
interface Upstream {

    /** The URI to call for this request URL, or empty when the tunnel must not go there. */
    Optional<URI> httpTarget(String url);

    /** The URI to connect to for this channel URL, or empty when the tunnel must not go there. */
    Optional<URI> webSocketTarget(String url);

    /** Sends one request (with its timeout); the body is at most {@link TunnelConnection#MAX_ANSWER_BYTES}. */
    CompletableFuture<HttpResponse<String>> exchange(HttpRequest request);

    /** Opens a WebSocket to an allowed target; {@code listener} must not request messages before it is told to. */
    CompletableFuture<WebSocket> connect(URI target, WebSocket.Listener listener);
}

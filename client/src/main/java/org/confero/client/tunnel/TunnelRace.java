package org.confero.client.tunnel;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pings every tunnel at once ({@code GET <tunnel>/tunnel/ping}) and takes the first that answers 2xx: the cheapest way
 * to find the tunnel with the best path right now, whatever the list's order.
 */
public final class TunnelRace {

    private final HttpClient http;
    private final Duration timeout;

    public TunnelRace(HttpClient http, Duration timeout) {
        this.http = http;
        this.timeout = timeout;
    }

    /** The first tunnel URL to answer, or empty when none did within the timeout. */
    public Optional<String> first(List<String> tunnelUrls) throws InterruptedException {
        if (tunnelUrls.isEmpty()) {
            return Optional.empty();
        }
        CompletableFuture<String> winner = new CompletableFuture<>();
        AtomicInteger left = new AtomicInteger(tunnelUrls.size());
        for (String url : tunnelUrls) {
            HttpRequest ping = HttpRequest.newBuilder(URI.create(url.replaceFirst("/+$", "") + "/tunnel/ping"))
                    .timeout(timeout).GET().build();
            http.sendAsync(ping, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                if (error == null && response.statusCode() / 100 == 2) {
                    winner.complete(url);
                } else if (left.decrementAndGet() == 0) {
                    winner.complete(null);
                }
            });
        }
        try {
            return Optional.ofNullable(winner.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return Optional.empty();
        }
    }
}

package org.confero.client.zone;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import org.confero.protocol.rest.JoinInfoView.RankedZoneView;

/**
 * Measures every controller of every zone: one task per controller on a bounded pool, each a burst of {@code GET
 * {controller}/probe?seq=k}. A controller's probes go one after another so that they do not queue behind each other and
 * inflate the RTT; controllers run in parallel so that the whole selection fits in its deadline (5.5 s by default).
 * Whatever has not answered by then counts as lost.
 */
public final class ZoneProber {

    private static final int MAX_THREADS = 8;

    private final HttpClient http;
    private final int probes;
    private final Duration probeTimeout;
    private final Duration deadline;
    private final UnaryOperator<String> rewrite;

    public ZoneProber(HttpClient http, int probes, Duration probeTimeout, Duration deadline,
            UnaryOperator<String> rewrite) {
        this.http = http;
        this.probes = probes;
        this.probeTimeout = probeTimeout;
        this.deadline = deadline;
        this.rewrite = rewrite;
    }

    /** One result per controller, in the lookup's order; callers rank them with {@link ZoneChoice}. */
    public List<ProbeResult> probe(List<RankedZoneView> zones) throws InterruptedException {
        List<Burst> bursts = new ArrayList<>();
        for (RankedZoneView zone : zones) {
            for (String url : zone.controllerUrls()) {
                bursts.add(new Burst(zone, rewrite.apply(url)));
            }
        }
        if (bursts.isEmpty()) {
            return List.of();
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(MAX_THREADS, bursts.size()), r -> {
            Thread t = new Thread(r, "confero-probe-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            bursts.forEach(b -> pool.execute(b::run));
            pool.shutdown();
            pool.awaitTermination(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            pool.shutdownNow();
        }
        return bursts.stream().map(Burst::result).toList();
    }

    private final class Burst {
        private final RankedZoneView zone;
        private final String controllerUrl;
        private final List<Double> rtts = new CopyOnWriteArrayList<>();

        Burst(RankedZoneView zone, String controllerUrl) {
            this.zone = zone;
            this.controllerUrl = controllerUrl;
        }

        void run() {
            for (int seq = 0; seq < probes && !Thread.currentThread().isInterrupted(); seq++) {
                try {
                    HttpRequest request = HttpRequest.newBuilder(URI.create(controllerUrl + "/probe?seq=" + seq))
                            .timeout(probeTimeout).GET().build();
                    long start = System.nanoTime();
                    HttpResponse<Void> answer = http.send(request, HttpResponse.BodyHandlers.discarding());
                    if (answer.statusCode() == 200) {
                        rtts.add((System.nanoTime() - start) / 1e6);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (java.io.IOException | IllegalArgumentException e) {
                    // A timeout, a refused connection or a bad URL: this probe is lost, the burst goes on.
                }
            }
        }

        ProbeResult result() {
            return new ProbeResult(zone.id(), zone.rank(), zone.available(), controllerUrl, rtts, probes);
        }
    }
}

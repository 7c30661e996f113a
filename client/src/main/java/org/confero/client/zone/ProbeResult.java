package org.confero.client.zone;

import java.util.List;

/**
 * One zone controller's burst of round trips.
 * <p>
 * The score, lower is better, in milliseconds: {@code median RTT + 2 × jitter + 1000 × loss}, where jitter is the mean
 * absolute difference of consecutive RTTs (RFC 3550's idea without the smoothing) and loss the fraction of probes with
 * no answer in time. Jitter counts double because a media buffer must absorb it; each lost probe in a burst of five
 * weighs like 200 ms, so a lossy near controller loses to a clean one a continent away.
 *
 * @param zoneRank
 *            the zone's place in the lookup's answer (1 is best), the tie-break
 * @param rttMillis
 *            the answered probes' round trips, in sending order
 * @param sent
 *            probes planned for this controller; those without an answer count as lost
 */
public record ProbeResult(String zoneId, int zoneRank, boolean zoneAvailable, String controllerUrl,
        List<Double> rttMillis, int sent) {

    public ProbeResult {
        rttMillis = List.copyOf(rttMillis);
        if (sent < rttMillis.size()) {
            throw new IllegalArgumentException("more answers than probes");
        }
    }

    public boolean answered() {
        return !rttMillis.isEmpty();
    }

    public double medianRttMillis() {
        double[] sorted = rttMillis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return Double.POSITIVE_INFINITY;
        }
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    public double jitterMillis() {
        if (rttMillis.size() < 2) {
            return 0;
        }
        double sum = 0;
        for (int i = 1; i < rttMillis.size(); i++) {
            sum += Math.abs(rttMillis.get(i) - rttMillis.get(i - 1));
        }
        return sum / (rttMillis.size() - 1);
    }

    public double loss() {
        return sent == 0 ? 1 : (double) (sent - rttMillis.size()) / sent;
    }

    /** See the type's documentation; infinite when nothing answered. */
    public double score() {
        return answered() ? medianRttMillis() + 2 * jitterMillis() + 1000 * loss() : Double.POSITIVE_INFINITY;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%s %s rtt=%.1fms jitter=%.1fms loss=%.0f%% score=%.1f", zoneId,
                controllerUrl, medianRttMillis(), jitterMillis(), loss() * 100, score());
    }
}

package org.confero.cli.probe;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;

import org.confero.cli.Arguments;
import org.confero.cli.ClientSettings;
import org.confero.cli.Command;
import org.confero.cli.Console;
import org.confero.cli.Context;
import org.confero.cli.ExitCode;
import org.confero.cli.ProbeReport;
import org.confero.cli.Failures;
import org.confero.cli.UsageException;
import org.confero.client.ConferoClient;
import org.confero.client.ConnectionListener;
import org.confero.client.media.Transport;
import org.confero.client.media.TransportPlan;
import org.confero.client.nettest.NetworkTest;
import org.confero.client.nettest.NetworkTestInfo;
import org.confero.client.nettest.TransportCheck;
import org.confero.client.zone.ProbeResult;
import org.confero.protocol.rest.AssignmentView;
import org.confero.protocol.rest.TunnelView;

/**
 * {@code confero probe [server]}: what a user's network allows towards a deployment, without a meeting. The zones the
 * server lists for this client and each controller's round trip, jitter and loss; then, for the best controller of each
 * zone that answered, a throwaway test meeting whose audio is bound over UDP, TCP and WebSocket/TLS in turn.
 */
public final class ProbeCommand implements Command {

    @Override
    public String usage() {
        return String.join("\n", "probe [SERVER]",
                "    a connectivity report: the zones, their controllers' round trips, and which media transports",
                "    (UDP 8801, TCP 8801, TLS 443) reach a router of each zone; exit 4 when none does");
    }

    @Override
    public Set<String> valued() {
        return Set.of();
    }

    @Override
    public Set<String> flags() {
        return Set.of();
    }

    @Override
    public ExitCode run(Arguments args, Context context) throws UsageException, IOException, InterruptedException {
        List<String> words = args.positional();
        if (words.size() > 1) {
            throw new UsageException("probe takes at most one server");
        }
        ClientSettings settings = words.isEmpty() ? ClientSettings.from(args, context.environment())
                : ClientSettings.from(args, context.environment(), words.get(0));
        Console console = context.console();
        console.say("Network test of " + settings.server());
        try (ConferoClient client = new ConferoClient(settings.options(), ConnectionListener.NONE)) {
            NetworkTest test = client.networkTest();
            long start = System.nanoTime();
            NetworkTestInfo info;
            try {
                info = test.info(settings.server());
            } catch (IOException e) {
                return Failures.report(console, e, Optional.empty());
            }
            reportServer(console, info, (System.nanoTime() - start) / 1e6);
            List<ProbeResult> probes = client.probeZones(info.zones());
            reportProbes(console, probes);
            Map<String, List<TransportCheck>> byZone = checkZones(console, test, probes,
                    TransportPlan.order(settings.options().transports(), false));
            reportTunnels(console, info.tunnels());
            return verdict(console, byZone);
        }
    }

    private static void reportServer(Console console, NetworkTestInfo info, double millis) {
        String proxy = info.proxy() != null && info.proxy().proxyDetected()
                ? "a proxy is on the path (" + Optional.ofNullable(info.proxy().via()).orElse("Forwarded headers") + ")"
                : "no proxy seen";
        console.report(
                String.format(Locale.ROOT, "  web        reachable over HTTPS in %.0f ms; it sees you as %s, %s",
                        millis, info.clientAddress(), proxy),
                Json.createObjectBuilder().add("event", "server").add("ms", millis)
                        .add("clientAddress", String.valueOf(info.clientAddress()))
                        .add("proxyDetected", info.proxy() != null && info.proxy().proxyDetected())
                        .add("zones", info.zones().size()).add("tunnels", info.tunnels().size()).build());
    }

    private static void reportProbes(Console console, List<ProbeResult> probes) {
        console.say("  zones      (round trips to every zone controller; lower score is better)");
        JsonArrayBuilder all = Json.createArrayBuilder();
        for (ProbeResult r : probes) {
            console.say(String.format(Locale.ROOT, "    %-14s %-42s %s", r.zoneId(), r.controllerUrl(),
                    r.answered()
                            ? String.format(Locale.ROOT, "rtt %6.1f ms  jitter %5.1f ms  loss %3.0f%%  score %6.1f",
                                    r.medianRttMillis(), r.jitterMillis(), r.loss() * 100, r.score())
                            : "no answer"));
            all.add(ProbeReport.json(r));
        }
        console.report(null, Json.createObjectBuilder().add("event", "zones").add("results", all).build());
    }

    /** For each zone, its best answering controller's router, with every transport tried. */
    private static Map<String, List<TransportCheck>> checkZones(Console console, NetworkTest test,
            List<ProbeResult> probes, List<Transport> transports) throws InterruptedException {
        Map<String, List<TransportCheck>> byZone = new LinkedHashMap<>();
        for (ProbeResult best : probes) {
            if (!best.answered() || byZone.containsKey(best.zoneId())) {
                continue;
            }
            List<TransportCheck> checks = new ArrayList<>();
            String router = "?";
            String failure = null;
            try {
                AssignmentView assignment = test.testRouter(best.controllerUrl());
                router = assignment.router() + " (" + assignment.media().host() + ")";
                checks = test.checkTransports(assignment, transports);
            } catch (IOException e) {
                failure = e.getMessage();
            }
            byZone.put(best.zoneId(), checks);
            reportChecks(console, best.zoneId(), router, checks, failure);
        }
        return byZone;
    }

    private static void reportChecks(Console console, String zone, String router, List<TransportCheck> checks,
            String failure) {
        StringBuilder line = new StringBuilder(
                String.format(Locale.ROOT, "  media      zone %s, router %s:", zone, router));
        JsonArrayBuilder all = Json.createArrayBuilder();
        for (TransportCheck c : checks) {
            line.append(String.format(Locale.ROOT, "%n    %-10s %s", label(c.transport()),
                    c.works() ? String.format(Locale.ROOT, "works (bound in %d ms)", c.took().toMillis())
                            : "blocked: " + c.failure().get()));
            all.add(Json.createObjectBuilder().add("transport", c.transport().name()).add("works", c.works())
                    .add("ms", c.took().toMillis()).add("failure", c.failure().orElse("")));
        }
        if (failure != null) {
            line.append(" no test meeting: ").append(failure);
        }
        console.report(line.toString(), Json.createObjectBuilder().add("event", "transports").add("zone", zone)
                .add("router", router).add("checks", all).add("failure", failure == null ? "" : failure).build());
    }

    private static void reportTunnels(Console console, List<TunnelView> tunnels) {
        JsonArrayBuilder all = Json.createArrayBuilder();
        for (TunnelView t : tunnels) {
            console.say("  tunnel     " + t.url() + (t.region() == null ? "" : " (" + t.region() + ")"));
            all.add(t.url());
        }
        console.report(null, Json.createObjectBuilder().add("event", "tunnels").add("urls", all).build());
    }

    private static ExitCode verdict(Console console, Map<String, List<TransportCheck>> byZone) {
        Optional<String> best = Optional.empty();
        for (var e : byZone.entrySet()) {
            Optional<TransportCheck> first = e.getValue().stream().filter(TransportCheck::works).findFirst();
            if (first.isPresent()) {
                best = Optional.of(e.getKey() + " over " + label(first.get().transport()));
                break;
            }
        }
        console.report(
                best.map(b -> "Verdict: meetings will connect — media to zone " + b).orElse(
                        "Verdict: no media path to any router; only the web client (or an HTTP tunnel) can work"),
                Json.createObjectBuilder().add("event", "verdict").add("connects", best.isPresent())
                        .add("best", best.orElse("")).build());
        return best.isPresent() ? ExitCode.OK : ExitCode.UNREACHABLE;
    }

    static String label(Transport transport) {
        switch (transport) {
        case UDP:
            return "UDP";
        case TCP:
            return "TCP";
        default:
            return "TLS (WebSocket)";
        }
    }

}

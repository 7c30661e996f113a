package org.confero.cli;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

import org.confero.client.zone.ProbeResult;

/** One zone controller's measurement as the {@code zones} event reports it (join and probe alike). */
public final class ProbeReport {

    private ProbeReport() {
    }

    public static JsonObjectBuilder json(ProbeResult r) {
        return Json.createObjectBuilder().add("zone", r.zoneId()).add("controller", r.controllerUrl())
                .add("answered", r.answered()).add("rttMs", Console.finite(r.medianRttMillis()))
                .add("jitterMs", r.jitterMillis()).add("loss", r.loss()).add("score", Console.finite(r.score()));
    }
}

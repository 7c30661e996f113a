package org.confero.protocol.rest;

import java.util.List;

/** A meeting zone as admins manage it. */
public record ZoneView(String id, String name, String region, String country, String continent, Double latitude,
        Double longitude, String state, List<String> controllerUrls, List<String> cidrRules) {

    public ZoneView {
        controllerUrls = List.copyOf(controllerUrls);
        cidrRules = List.copyOf(cidrRules);
    }
}

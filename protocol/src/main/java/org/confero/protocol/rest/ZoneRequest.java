package org.confero.protocol.rest;

import java.util.List;

/**
 * Creates or replaces a meeting zone (admins). {@code state}: {@code enabled}, {@code draining} or {@code disabled};
 * {@code country} ISO 3166 alpha-2 and {@code continent} (AF AN AS EU NA OC SA) locate it for Geo-IP ranking;
 * {@code cidrRules} are the client networks (on-premises) that always go to this zone first.
 */
public record ZoneRequest(String name, String region, String country, String continent, Double latitude,
        Double longitude, String state, List<String> controllerUrls, List<String> cidrRules) {
}

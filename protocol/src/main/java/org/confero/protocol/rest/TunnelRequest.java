package org.confero.protocol.rest;

/** Creates or replaces an HTTP tunnel server entry (admins); {@code url} is its https/wss base URL. */
public record TunnelRequest(String url, String region, String country, String state) {
}

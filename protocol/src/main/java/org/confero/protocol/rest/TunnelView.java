package org.confero.protocol.rest;

/** An HTTP tunnel server: where clients go when no zone controller answers. */
public record TunnelView(String id, String url, String region, String country, String state) {
}

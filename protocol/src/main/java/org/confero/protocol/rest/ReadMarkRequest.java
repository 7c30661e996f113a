package org.confero.protocol.rest;

/** Marks a room read up to and including message {@code lastReadId} (a mark never moves back). */
public record ReadMarkRequest(Long lastReadId) {
}

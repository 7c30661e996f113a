package org.confero.protocol.rest;

/** A client asks a zone controller for its multimedia router, presenting the join token from the lookup. */
public record AssignmentRequest(String joinToken) {
}

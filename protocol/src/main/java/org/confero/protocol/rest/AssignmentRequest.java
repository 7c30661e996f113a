package org.confero.protocol.rest;

/**
 * A client asks a zone controller for its multimedia router, presenting the join token from the lookup. After a
 * failover the join token may have expired: the seat's resume credentials identify the participant instead, and
 * {@code unreachableRouter} names the router the client lost, which the controller checks and avoids.
 */
public record AssignmentRequest(String joinToken, ResumeCredentials resume, String unreachableRouter) {

    public AssignmentRequest(String joinToken) {
        this(joinToken, null, null);
    }

    /** The control channel's resume credentials of a seat. */
    public record ResumeCredentials(String meetingId, String participantId, String sessionId, String resumeToken) {
    }
}

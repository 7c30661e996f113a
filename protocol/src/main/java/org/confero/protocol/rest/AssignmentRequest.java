package org.confero.protocol.rest;

import jakarta.json.bind.annotation.JsonbCreator;

/**
 * A client asks a zone controller for its multimedia router. At the join it presents the join token from the lookup;
 * after its router died it presents the same join token and, because that may have expired by then, the {@code resume}
 * credentials of the seat it holds, naming the router it could no longer reach in {@code unreachableRouter} (the
 * controller checks that router itself and assigns another one).
 *
 * @param joinToken
 *            the lookup's join token; may have expired when {@code resume} is present
 * @param resume
 *            the seat to carry over to another router, or null at the join
 * @param unreachableRouter
 *            the node name ({@link AssignmentView#router()}) the client could not reach, or null
 */
public record AssignmentRequest(String joinToken, ResumeCredentials resume, String unreachableRouter) {

    /**
     * The canonical constructor, named for JSON-B: with a second constructor next to it, Yasson (the server's JSON-B)
     * no longer knows which one builds the record and refuses the request body. The annotation is not needed at run
     * time, so the client does without the JSON-B API.
     */
    @JsonbCreator
    public AssignmentRequest {
    }

    /** The join's request: the join token alone. */
    public AssignmentRequest(String joinToken) {
        this(joinToken, null, null);
    }

    /** A seat on a router as the control channel knows it: what a {@code resume} message carries. */
    public record ResumeCredentials(String meetingId, String participantId, String sessionId, String resumeToken) {
    }
}

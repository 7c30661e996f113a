package org.confero.protocol.rest;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

import org.confero.protocol.rest.AssignmentRequest.ResumeCredentials;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The zone controller reads this record with JSON-B: both the join's body and the failover's body must bind. */
class AssignmentRequestTest {

    private static final Jsonb JSONB = JsonbBuilder.create();

    @AfterAll
    static void close() throws Exception {
        JSONB.close();
    }

    @Test
    void theJoinsBodyBindsWithoutResumeOrUnreachableRouter() {
        AssignmentRequest request = JSONB.fromJson("{\"joinToken\":\"jt\"}", AssignmentRequest.class);

        assertThat(request).isEqualTo(new AssignmentRequest("jt"));
        assertThat(request.resume()).isNull();
        assertThat(request.unreachableRouter()).isNull();
    }

    @Test
    void theFailoversBodyBindsWithTheSeatAndTheDeadRouter() {
        String body = """
                {"joinToken":"expired","unreachableRouter":"mmr-1",
                 "resume":{"meetingId":"m","participantId":"p","sessionId":"s","resumeToken":"r"}}""";

        AssignmentRequest request = JSONB.fromJson(body, AssignmentRequest.class);

        assertThat(request)
                .isEqualTo(new AssignmentRequest("expired", new ResumeCredentials("m", "p", "s", "r"), "mmr-1"));
    }
}

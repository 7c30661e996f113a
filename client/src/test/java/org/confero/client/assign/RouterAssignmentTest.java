package org.confero.client.assign;

import static org.assertj.core.api.Assertions.assertThat;

import org.confero.protocol.rest.AssignmentRequest;
import org.confero.protocol.rest.AssignmentRequest.ResumeCredentials;
import org.junit.jupiter.api.Test;

/** What the zone controller reads: the join's request, and the failover's with the seat and the dead router. */
class RouterAssignmentTest {

    @Test
    void theJoinSendsTheJoinTokenAlone() {
        assertThat(RouterAssignment.body(new AssignmentRequest("jt"))).hasToString("{\"joinToken\":\"jt\"}");
    }

    @Test
    void aFailoverSendsTheSeatAndTheRouterItCouldNotReach() {
        AssignmentRequest request = new AssignmentRequest("jt", new ResumeCredentials("m", "p", "s", "r"), "mmr-1");

        assertThat(RouterAssignment.body(request)).hasToString("{\"joinToken\":\"jt\",\"resume\":{\"meetingId\":\"m\","
                + "\"participantId\":\"p\",\"sessionId\":\"s\",\"resumeToken\":\"r\"},\"unreachableRouter\":\"mmr-1\"}");
    }
}

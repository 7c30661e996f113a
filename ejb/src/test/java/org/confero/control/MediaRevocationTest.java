package org.confero.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MediaRevocationTest {

    @Test
    void theEventNamesTheParticipantAndNothingElseIsTakenForIt() {
        assertThat(MediaRevocation.participantOf(MediaRevocation.event("p-1"))).contains("p-1");
        assertThat(MediaRevocation.participantOf("{\"type\":\"roster\",\"event\":\"left\"}")).isEmpty();
        assertThat(MediaRevocation.participantOf("{\"type\":\"media-revoked\"")).as("broken JSON").isEmpty();
        assertThat(MediaRevocation.participantOf("{\"type\":\"media-revoked\",\"participantId\":7}")).isEmpty();
    }
}

package org.confero.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SeatRecordTest {

    private final Instant at = Instant.parse("2026-11-22T09:00:00Z");

    @Test
    void roundTripsWithAndWithoutAnAccount() {
        SeatRecord signedIn = new SeatRecord("84512963301", "p-1", "Ann", true, "s-1", SeatRecord.hash("r"), "mmr-1",
                "in_meeting", false, true, false, at, Optional.of("ann"));
        SeatRecord guest = new SeatRecord("84512963301", "p-2", "Guest", false, "s-2", SeatRecord.hash("r"), "mmr-2",
                "waiting", true, false, false, at, Optional.empty());

        assertThat(SeatRecord.decode(signedIn.encode())).isEqualTo(signedIn);
        assertThat(SeatRecord.decode(guest.encode())).isEqualTo(guest);
        assertThat(guest.encode()).doesNotContain("account");
        assertThat(guest.admitted()).isFalse();
        assertThat(signedIn.admitted()).isTrue();
    }

    @Test
    void aPanelistsSeatRoundTripsAndShowsItsRole() {
        SeatRecord panelist = new SeatRecord("84512963301", "p-3", "Pete", false, "s-3", SeatRecord.hash("r"), "mmr-1",
                "in_meeting", false, false, false, at, Optional.empty(), true);

        assertThat(SeatRecord.decode(panelist.encode())).isEqualTo(panelist);
        assertThat(panelist.view().getString("role")).isEqualTo("panelist");
        assertThat(panelist.on("mmr-2", at).panelist()).isTrue();
    }

    @Test
    void aSeatWrittenBeforeAccountsWereCarriedReadsAsAGuestsAndGarbageAsNone() {
        String older = """
                {"meetingId":"m","participantId":"p-1","name":"Ann","host":false,"sessionId":"s","resumeTokenHash":"h",\
                "node":"mmr-1","state":"in_meeting","audioMuted":false,"videoMuted":false,"mediaLost":false,\
                "updatedAt":"2026-11-22T09:00:00Z"}""";

        assertThat(SeatRecord.read(older)).get().extracting(SeatRecord::account).isEqualTo(Optional.empty());
        assertThat(SeatRecord.read(older)).get().extracting(SeatRecord::panelist).as("written before issue 23")
                .isEqualTo(false);
        assertThat(SeatRecord.read("{\"meetingId\":")).isEmpty();
        assertThat(SeatRecord.read(null)).isEmpty();
    }
}

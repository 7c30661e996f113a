package org.confero.client.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Issue 22: the round trip of a media path from its own probe and answer. */
class PathRoundTripTest {

    static final byte[] ONE = { 1, 2, 3 };
    static final byte[] TWO = { 4, 5, 6 };
    static final long MS = 1_000_000;

    final PathRoundTrip rtt = new PathRoundTrip();

    @Test
    void theAnswerToTheProbeInFlightGivesTheRoundTrip() {
        assertThat(rtt.lastMillis()).isEmpty();
        assertThat(rtt.sending(ONE, 1000 * MS)).isTrue();
        assertThat(rtt.answered(ONE, 1023 * MS + MS / 2)).isTrue();
        assertThat(rtt.lastMillis()).hasValue(23.5);
    }

    @Test
    void anAnswerWithAnotherIdOrASecondAnswerChangesNothing() {
        rtt.sending(ONE, 0);
        assertThat(rtt.answered(TWO, 5 * MS)).isFalse();
        assertThat(rtt.lastMillis()).isEmpty();
        assertThat(rtt.answered(ONE, 10 * MS)).isTrue();
        assertThat(rtt.answered(ONE, 50 * MS)).as("a duplicate").isFalse();
        assertThat(rtt.lastMillis()).hasValue(10.0);
    }

    @Test
    void oneProbeAtATimeUntilItIsAnsweredOrGivenUp() {
        assertThat(rtt.sending(ONE, 0)).isTrue();
        assertThat(rtt.sending(TWO, 100 * MS)).as("the first is awaited").isFalse();
        long late = PathRoundTrip.GIVE_UP.toNanos();
        assertThat(rtt.sending(TWO, late)).as("the first is given up").isTrue();
        assertThat(rtt.answered(ONE, late + MS)).as("the lost one answered late: not timed").isFalse();
        assertThat(rtt.answered(TWO, late + 7 * MS)).isTrue();
        assertThat(rtt.lastMillis()).hasValue(7.0);
    }

    @Test
    void aProbeThatCouldNotBeSentFreesTheSlot() {
        rtt.sending(ONE, 0);
        rtt.notSent(ONE);
        assertThat(rtt.sending(TWO, MS)).isTrue();
        assertThat(rtt.awaited()).hasValueSatisfying(id -> assertThat(id).isEqualTo(TWO));
    }
}

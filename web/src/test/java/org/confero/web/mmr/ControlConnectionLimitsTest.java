package org.confero.web.mmr;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.confero.limits.Limit;
import org.confero.limits.Refusals;
import org.confero.web.socket.FakeSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ControlConnectionLimitsTest {

    private final ManualTimer timer = new ManualTimer();
    private final ControlConnectionLimits limits = new ControlConnectionLimits();

    @BeforeEach
    void setUp() {
        limits.refusals = new Refusals();
        limits.configure(2, Duration.ofSeconds(10), timer.executor());
    }

    @Test
    void aConnectionThatHasNotJoinedByTheDeadlineIsClosedAndCounted() {
        FakeSession pingingOnly = FakeSession.from("a", "198.51.100.1");
        limits.admit(pingingOnly.session(), () -> false);

        assertThat(timer.tasks).singleElement().extracting(ManualTimer.Task::delayMillis).isEqualTo(10_000L);
        assertThat(pingingOnly.closedWith()).as("not before the deadline").isEmpty();
        timer.runDue();

        assertThat(pingingOnly.closedWith()).get().satisfies(reason -> assertClosed(reason, "join deadline"));
        assertThat(limits.refusals.count(Limit.JOIN_DEADLINE)).isEqualTo(1);
    }

    @Test
    void aConnectionThatJoinedInTimeStaysOpen() {
        AtomicBoolean joined = new AtomicBoolean();
        FakeSession participant = FakeSession.from("a", "198.51.100.1");
        limits.admit(participant.session(), joined::get);
        joined.set(true);

        timer.runDue();

        assertThat(participant.closedWith()).isEmpty();
        assertThat(limits.refusals.count(Limit.JOIN_DEADLINE)).isZero();
    }

    @Test
    void aClosedConnectionCancelsItsDeadlineAndGivesItsPlaceBack() {
        FakeSession session = FakeSession.from("a", "198.51.100.1");
        ControlConnectionLimits.Admission admission = limits.admit(session.session(), () -> false);
        assertThat(limits.open("198.51.100.1")).isEqualTo(1);

        admission.release();
        admission.release();

        assertThat(timer.tasks).singleElement().matches(ManualTimer.Task::isCancelled);
        assertThat(limits.open("198.51.100.1")).isZero();
        assertThat(limits.refusals.count(Limit.JOIN_DEADLINE)).isZero();
    }

    @Test
    void theConnectionPastTheLimitOfItsSourceIsClosedAndCountedWhileTheOthersStay() {
        FakeSession first = FakeSession.from("a", "198.51.100.1");
        FakeSession second = FakeSession.from("b", "198.51.100.1");
        FakeSession third = FakeSession.from("c", "198.51.100.1");
        FakeSession elsewhere = FakeSession.from("d", "198.51.100.2");
        limits.admit(first.session(), () -> true);
        ControlConnectionLimits.Admission secondAdmission = limits.admit(second.session(), () -> true);

        assertThat(limits.full("198.51.100.1")).isTrue();
        ControlConnectionLimits.Admission refused = limits.admit(third.session(), () -> true);
        limits.admit(elsewhere.session(), () -> true);

        assertThat(third.closedWith()).get()
                .satisfies(reason -> assertClosed(reason, "too many connections from this address"));
        assertThat(first.closedWith()).isEmpty();
        assertThat(second.closedWith()).isEmpty();
        assertThat(elsewhere.closedWith()).isEmpty();
        assertThat(limits.refusals.count(Limit.CONTROL_CONNECTIONS)).isEqualTo(1);

        refused.release();
        assertThat(limits.open("198.51.100.1")).as("the refused one held no place").isEqualTo(2);
        secondAdmission.release();
        assertThat(limits.full("198.51.100.1")).isFalse();
    }

    @Test
    void sessionsWithoutAKnownAddressShareOnePlaceCount() {
        limits.admit(new FakeSession("a").session(), () -> true);
        limits.admit(new FakeSession("b").session(), () -> true);
        FakeSession third = new FakeSession("c");

        limits.admit(third.session(), () -> true);

        assertThat(third.closedWith()).isPresent();
    }

    private static void assertClosed(CloseReason reason, String phrase) {
        assertThat(reason.getCloseCode()).isEqualTo(CloseCodes.VIOLATED_POLICY);
        assertThat(reason.getReasonPhrase()).isEqualTo(phrase);
    }
}

package org.confero.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.confero.client.control.NotAdmittedException;
import org.confero.client.control.NotAdmittedException.Reason;
import org.junit.jupiter.api.Test;

/** Not being let in from a waiting room, as a script and a person see it. */
class FailuresTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Console console(boolean json) {
        return new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), json);
    }

    @Test
    void removedFromTheWaitingRoomIsARefusal() {
        ExitCode code = Failures.report(console(true), new NotAdmittedException(Reason.REMOVED, "a host removed you"),
                Optional.empty());

        assertThat(code).isEqualTo(ExitCode.REFUSED);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("{\"event\":\"not-admitted\",\"reason\":\"removed\",\"detail\":\"a host removed you\"}");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("not admitted to the meeting: a host removed you");
    }

    @Test
    void noHostInTimeIsARefusalToo() {
        assertThat(Failures.report(console(false),
                new NotAdmittedException(Reason.TIMED_OUT, "no host admitted you within 15 min"), Optional.empty()))
                        .isEqualTo(ExitCode.REFUSED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no host admitted you within 15 min");
    }

    @Test
    void aConnectionLostWhileWaitingIsANetworkFailure() {
        assertThat(Failures.report(console(false),
                new NotAdmittedException(Reason.CONNECTION_LOST, "control connection lost: reset"), Optional.empty()))
                        .isEqualTo(ExitCode.UNREACHABLE);
    }
}

package org.confero.cli.join;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.confero.cli.Console;
import org.confero.client.Phase;
import org.confero.client.media.MediaAttempt;
import org.confero.client.media.MediaOutcome;
import org.confero.client.media.Transport;
import org.confero.protocol.media.MediaType;
import org.junit.jupiter.api.Test;

class PhasePrinterTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private PhasePrinter printer(boolean json) {
        PrintStream stream = new PrintStream(out, true, StandardCharsets.UTF_8);
        return new PhasePrinter(new Console(stream, stream, json));
    }

    @Test
    void aWaitingRoomIsShownAsSuch() {
        printer(false).phaseStarted(Phase.ADMISSION);

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("admission", "waiting for a host to admit you");
    }

    @Test
    void aWaitingRoomIsAnEventForScripts() {
        printer(true).phaseStarted(Phase.ADMISSION);

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"event\":\"phase\"", "\"phase\":\"admission\"",
                "\"status\":\"waiting\"");
    }

    @Test
    void otherPhasesStartSilentlyForScripts() {
        printer(true).phaseStarted(Phase.MEDIA);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aRelocationIsOneLineForPeople() {
        printer(false).relocated("mmr-1", "mmr-2", Duration.ofMillis(840));

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("relocated", "from router mmr-1 to mmr-2 in 840 ms");
    }

    @Test
    void aRelocationIsOneEventForScripts() {
        printer(true).relocated("mmr-1", "mmr-2", Duration.ofMillis(840));

        assertThat(out.toString(StandardCharsets.UTF_8).strip())
                .isEqualTo("{\"event\":\"relocated\",\"from\":\"mmr-1\",\"to\":\"mmr-2\",\"ms\":840}");
    }

    @Test
    void aMoveBackToUdpIsShownToPeopleAndScripts() {
        MediaOutcome bound = new MediaOutcome(MediaType.VIDEO, Optional.empty(),
                List.of(new MediaAttempt(Transport.UDP, Duration.ofMillis(3), Optional.empty())));
        printer(false).transportChanged(MediaType.VIDEO, Transport.TCP, Transport.UDP, bound);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("upgraded", "video moved from TCP to UDP");

        out.reset();
        printer(true).transportChanged(MediaType.VIDEO, Transport.TCP, Transport.UDP, bound);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"event\":\"transport-changed\"",
                "\"mediaType\":\"video\"", "\"from\":\"TCP\"", "\"to\":\"UDP\"", "\"bindMs\":3");
    }

    @Test
    void aPromotionIsShownToPeopleAndIsAnEventForScripts() {
        MediaOutcome audio = new MediaOutcome(MediaType.AUDIO, Optional.empty(), List.of());
        printer(false).roleChanged("panelist", true, List.of(audio));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("promoted", "panelist: sending test media now");

        out.reset();
        printer(true).roleChanged("attendee", false, List.of(audio));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"event\":\"role\"", "\"role\":\"attendee\"",
                "\"canSend\":false", "\"mediaType\":\"audio\"");
    }
}

package org.confero.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ClientSettingsTest {

    @Test
    void aJoinWaitsAQuarterOfAnHourForAHostUnlessToldOtherwise() throws UsageException {
        assertThat(settings().options().admissionTimeout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(settings("--admission-timeout", "90").options().admissionTimeout())
                .isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void anAdmissionTimeoutOutOfRangeIsAUsageError() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> settings("--admission-timeout", "0"))
                .isInstanceOf(UsageException.class).hasMessageContaining("admission-timeout");
    }

    private static ClientSettings settings(String... argv) throws UsageException {
        return ClientSettings.from(Arguments.parse(List.of(argv), ClientSettings.VALUED, ClientSettings.FLAGS),
                Map.of());
    }

    @Test
    void learnedServerListsGoToTheConferoCacheThenTheXdgCacheThenHome() {
        assertThat(ClientSettings.serverListDirectory(
                Map.of("CONFERO_CACHE_DIR", "/srv/c", "XDG_CACHE_HOME", "/x", "HOME", "/home/ann")))
                        .contains(Path.of("/srv/c/servers"));
        assertThat(ClientSettings.serverListDirectory(Map.of("XDG_CACHE_HOME", "/x", "HOME", "/home/ann")))
                .contains(Path.of("/x/confero/servers"));
        assertThat(ClientSettings.serverListDirectory(Map.of("HOME", "/home/ann")))
                .contains(Path.of("/home/ann/.cache/confero/servers"));
        assertThat(ClientSettings.serverListDirectory(Map.of("CONFERO_CACHE_DIR", " "))).isEmpty();
    }
}

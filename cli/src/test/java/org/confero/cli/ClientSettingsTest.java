package org.confero.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ClientSettingsTest {

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

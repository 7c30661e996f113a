package org.confero.messaging.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileNamesTest {

    @Test
    void keepsOnlyTheLastPathSegmentWithoutControlCharactersOrQuotes() {
        assertThat(FileNames.sanitize("C:\\Users\\ann\\report \"final\".pdf", 255)).contains("report final.pdf");
        assertThat(FileNames.sanitize("../../etc/passwd", 255)).contains("passwd");
        assertThat(FileNames.sanitize("line\r\nbreak.txt", 255)).contains("linebreak.txt");
        assertThat(FileNames.sanitize("Überblick 2026.pdf", 255)).contains("Überblick 2026.pdf");
    }

    @Test
    void refusesNamesThatAreNothingOrOnlyDots() {
        assertThat(FileNames.sanitize(null, 255)).isEmpty();
        assertThat(FileNames.sanitize("  ", 255)).isEmpty();
        assertThat(FileNames.sanitize("a/..", 255)).isEmpty();
        assertThat(FileNames.sanitize("dir/", 255)).isEmpty();
    }

    @Test
    void shortensFromTheFrontToKeepTheExtension() {
        assertThat(FileNames.sanitize("x".repeat(300) + ".pdf", 255)).hasValueSatisfying(name -> {
            assertThat(name).hasSize(255).endsWith(".pdf");
        });
    }
}

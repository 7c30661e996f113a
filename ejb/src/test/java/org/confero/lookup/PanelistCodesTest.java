package org.confero.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class PanelistCodesTest {

    private final PanelistCodes codes = new PanelistCodes(filled(7));

    @Test
    void theCodeIsTheWebinarsOwnAndTheSameOnEveryServerWithTheKey() {
        String code = codes.codeOf("84512963301");
        assertThat(code).hasSize(22).matches("[A-Za-z0-9_-]+");
        assertThat(new PanelistCodes(filled(7)).codeOf("84512963301")).isEqualTo(code);
        assertThat(codes.matches("84512963301", code)).isTrue();
        assertThat(codes.matches("84512963302", code)).as("another webinar's").isFalse();
    }

    @Test
    void wrongMissingOrOversizedCodesDoNotMatch() {
        String code = codes.codeOf("84512963301");
        assertThat(new PanelistCodes(filled(8)).matches("84512963301", code)).as("another cluster's key").isFalse();
        assertThat(codes.matches("84512963301", null)).isFalse();
        assertThat(codes.matches("84512963301", "")).isFalse();
        assertThat(codes.matches("84512963301", code.substring(1))).isFalse();
        assertThat(codes.matches("84512963301", "x".repeat(10_000))).isFalse();
    }

    private static byte[] filled(int value) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) value);
        return key;
    }
}

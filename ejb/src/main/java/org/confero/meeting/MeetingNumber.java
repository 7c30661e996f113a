package org.confero.meeting;

import java.security.SecureRandom;
import java.util.Optional;

/**
 * A meeting's public number: 9 to 11 digits, never starting with 0 (it is typed and read aloud). New meetings get 11
 * random digits, so numbers cannot be enumerated from one another.
 */
public record MeetingNumber(long value) {

    public static final long MIN = 100_000_000L;
    public static final long MAX = 99_999_999_999L;
    private static final long NEW_MIN = 10_000_000_000L;

    public MeetingNumber {
        if (value < MIN || value > MAX) {
            throw new IllegalArgumentException("a meeting number has 9 to 11 digits");
        }
    }

    /** Parses digits, ignoring spaces and dashes ("845 1296 3301"); empty for anything else. */
    public static Optional<MeetingNumber> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String digits = text.replace(" ", "").replace("-", "");
        if (digits.length() < 9 || digits.length() > 11 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')
                || digits.charAt(0) == '0') {
            return Optional.empty();
        }
        return Optional.of(new MeetingNumber(Long.parseLong(digits)));
    }

    public static MeetingNumber random(SecureRandom random) {
        return new MeetingNumber(NEW_MIN + (long) (random.nextDouble() * (MAX - NEW_MIN)));
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}

package org.confero.common.api;

/** Client input quoted back in an error: at most 40 characters, so an error never echoes a huge or hostile value. */
public final class Excerpt {

    private static final int MAX_CHARS = 40;

    private Excerpt() {
    }

    public static String of(String input) {
        if (input == null) {
            return "";
        }
        return input.length() > MAX_CHARS ? input.substring(0, MAX_CHARS) + "…" : input;
    }
}

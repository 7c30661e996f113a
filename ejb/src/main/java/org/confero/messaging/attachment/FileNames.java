package org.confero.messaging.attachment;

import java.util.Optional;

/**
 * A client's file name made safe to store and to hand back in {@code Content-Disposition}: only its last path segment,
 * no control characters, no quotes or backslashes, at most a given length.
 */
final class FileNames {

    private FileNames() {
    }

    static Optional<String> sanitize(String name, int maxChars) {
        if (name == null) {
            return Optional.empty();
        }
        String last = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder clean = new StringBuilder();
        last.codePoints().filter(c -> !Character.isISOControl(c) && c != '"' && c != '\u2028' && c != '\u2029')
                .forEach(clean::appendCodePoint);
        String result = clean.toString().strip();
        if (result.isEmpty() || result.equals(".") || result.equals("..")) {
            return Optional.empty();
        }
        if (result.length() > maxChars) {
            result = result.substring(result.length() - maxChars);
        }
        return Optional.of(result);
    }
}

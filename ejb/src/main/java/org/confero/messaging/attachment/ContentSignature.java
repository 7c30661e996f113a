package org.confero.messaging.attachment;

/**
 * What the bytes of a file of one type look like, checked as they stream past: a fixed signature at a fixed offset
 * (PNG, JPEG, PDF, ZIP and the Office formats built on it, …), or for text types the absence of NUL bytes. A file that
 * claims a type its bytes contradict is refused, so an executable cannot be passed off as a picture.
 */
public interface ContentSignature {

    /** Whether {@code header} (the first bytes of the file, at most {@link #HEADER_BYTES}) fits. */
    boolean matchesHeader(byte[] header, int length);

    /** Whether a chunk anywhere in the file may be part of this type; binary types accept anything. */
    default boolean acceptsChunk(byte[] buffer, int offset, int length) {
        return true;
    }

    int HEADER_BYTES = 16;

    /** {@code bytes} at {@code offset}; several alternatives may be given as separate signatures. */
    static ContentSignature at(int offset, int... bytes) {
        return (header, length) -> {
            if (length < offset + bytes.length) {
                return false;
            }
            for (int i = 0; i < bytes.length; i++) {
                if ((header[offset + i] & 0xff) != bytes[i]) {
                    return false;
                }
            }
            return true;
        };
    }

    /** Both signatures (e.g. RIFF at 0 and WEBP at 8). */
    default ContentSignature and(ContentSignature other) {
        return (header, length) -> matchesHeader(header, length) && other.matchesHeader(header, length);
    }

    /** Either signature. */
    default ContentSignature or(ContentSignature other) {
        return (header, length) -> matchesHeader(header, length) || other.matchesHeader(header, length);
    }

    /** Text: any start, but no NUL byte anywhere (what every binary format has and no text file does). */
    static ContentSignature text() {
        return new ContentSignature() {
            @Override
            public boolean matchesHeader(byte[] header, int length) {
                return acceptsChunk(header, 0, length);
            }

            @Override
            public boolean acceptsChunk(byte[] buffer, int offset, int length) {
                for (int i = offset; i < offset + length; i++) {
                    if (buffer[i] == 0) {
                        return false;
                    }
                }
                return true;
            }
        };
    }

    /** No check: for types an administrator allows that Confero has no signature of. */
    static ContentSignature any() {
        return (header, length) -> true;
    }

}

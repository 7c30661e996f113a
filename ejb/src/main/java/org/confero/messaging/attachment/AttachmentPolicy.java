package org.confero.messaging.attachment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which files may be attached: at most {@code maxBytes}, of a type in the allow-list, whose bytes agree with the type.
 * Types Confero knows carry a content signature; a type an administrator adds that Confero does not know is accepted as
 * declared (and, like every attachment, only ever served as a download with {@code nosniff}).
 */
public final class AttachmentPolicy {

    public static final long DEFAULT_MAX_BYTES = 25L * 1024 * 1024;

    private static final ContentSignature ZIP = ContentSignature.at(0, 0x50, 0x4B, 0x03, 0x04);

    /** The types Confero checks, and the default allow-list. */
    public static final Map<String, ContentSignature> KNOWN;
    static {
        Map<String, ContentSignature> known = new LinkedHashMap<>();
        known.put("image/png", ContentSignature.at(0, 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A));
        known.put("image/jpeg", ContentSignature.at(0, 0xFF, 0xD8, 0xFF));
        known.put("image/gif", ContentSignature.at(0, 0x47, 0x49, 0x46, 0x38));
        known.put("image/webp",
                ContentSignature.at(0, 0x52, 0x49, 0x46, 0x46).and(ContentSignature.at(8, 0x57, 0x45, 0x42, 0x50)));
        known.put("application/pdf", ContentSignature.at(0, 0x25, 0x50, 0x44, 0x46, 0x2D));
        known.put("application/zip", ZIP);
        known.put("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ZIP);
        known.put("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ZIP);
        known.put("application/vnd.openxmlformats-officedocument.presentationml.presentation", ZIP);
        known.put("application/vnd.oasis.opendocument.text", ZIP);
        known.put("video/mp4", ContentSignature.at(4, 0x66, 0x74, 0x79, 0x70));
        known.put("text/plain", ContentSignature.text());
        known.put("text/csv", ContentSignature.text());
        known.put("text/markdown", ContentSignature.text());
        KNOWN = Map.copyOf(known);
    }

    private final long maxBytes;
    private final Set<String> allowed;

    public AttachmentPolicy(long maxBytes, List<String> allowedTypes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("confero.chat.attachment.max.bytes must be positive: " + maxBytes);
        }
        this.maxBytes = maxBytes;
        this.allowed = Set.copyOf(allowedTypes.stream().map(AttachmentPolicy::mediaType).toList());
    }

    /** The policy with every known type allowed. */
    public static AttachmentPolicy defaults(long maxBytes) {
        return new AttachmentPolicy(maxBytes, List.copyOf(KNOWN.keySet()));
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** The signature files of {@code declaredType} must match, or empty when the type may not be attached. */
    public Optional<ContentSignature> signatureOf(String declaredType) {
        String type = mediaType(declaredType);
        if (!allowed.contains(type)) {
            return Optional.empty();
        }
        return Optional.of(KNOWN.getOrDefault(type, ContentSignature.any()));
    }

    /** {@code text/plain; charset=UTF-8} → {@code text/plain}; null or blank → {@code application/octet-stream}. */
    public static String mediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return "application/octet-stream";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }
}

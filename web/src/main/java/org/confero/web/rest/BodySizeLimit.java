package org.confero.web.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import java.util.regex.Pattern;

import org.confero.common.api.ProblemType;
import org.confero.messaging.attachment.AttachmentPolicy;
import org.confero.messaging.attachment.AttachmentSettings;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Refuses request bodies over {@code confero.api.max.body.bytes} (default 64 KiB) with 413 {@code payload-too-large}:
 * at once when {@code Content-Length} says so, and for a chunked body as soon as reading passes the limit. Chat
 * attachment uploads ({@code POST chat/rooms/<id>/attachments}, streamed to disk, never buffered) have their own limit,
 * {@code confero.chat.attachment.max.bytes}. It runs before authentication, so that nobody makes the server buffer a
 * large body, and before anything is read, so a refused request has changed nothing.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class BodySizeLimit implements ContainerRequestFilter {

    public static final String MAX_BODY_BYTES = "confero.api.max.body.bytes";
    public static final long DEFAULT_MAX_BODY_BYTES = 65_536;

    private static final Pattern ATTACHMENT_UPLOAD = Pattern.compile("/?chat/rooms/[^/]+/attachments/?");

    private final long maxBytes;
    private final long maxAttachmentBytes;

    public BodySizeLimit() {
        this(ConfigProvider.getConfig().getOptionalValue(MAX_BODY_BYTES, Long.class).orElse(DEFAULT_MAX_BODY_BYTES),
                ConfigProvider.getConfig().getOptionalValue(AttachmentSettings.MAX_BYTES, Long.class)
                        .orElse(AttachmentPolicy.DEFAULT_MAX_BYTES));
    }

    BodySizeLimit(long maxBytes, long maxAttachmentBytes) {
        if (maxBytes < 0 || maxAttachmentBytes < 0) {
            throw new IllegalArgumentException(MAX_BODY_BYTES + " and " + AttachmentSettings.MAX_BYTES
                    + " must not be negative: " + maxBytes + ", " + maxAttachmentBytes);
        }
        this.maxBytes = maxBytes;
        this.maxAttachmentBytes = maxAttachmentBytes;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        boolean upload = "POST".equals(request.getMethod())
                && ATTACHMENT_UPLOAD.matcher(request.getUriInfo().getPath()).matches();
        long limit = upload ? maxAttachmentBytes : maxBytes;
        // Parsed here rather than getLength(), which is an int and gives up past 2 GiB: exactly the bodies to refuse.
        long declared = declaredLength(request.getHeaderString(HttpHeaders.CONTENT_LENGTH));
        if (declared > limit) {
            request.abortWith(Problems.response(tooLarge(limit)));
            return;
        }
        // Wrapped even with a Content-Length: the stream, not the header, is what the readers consume. An upload's
        // stream is counted by the attachment store itself, which answers past the limit with the same 413.
        if (request.getEntityStream() != null && !upload) {
            request.setEntityStream(new BoundedEntityStream(request.getEntityStream(), limit));
        }
    }

    static ProblemView tooLarge(long maxBytes) {
        return Problems.of(ProblemType.PAYLOAD_TOO_LARGE, "the request body is larger than " + maxBytes + " bytes");
    }

    private static long declaredLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            // The container refuses a malformed Content-Length before we see it; the bounded stream covers the rest.
            return -1;
        }
    }
}

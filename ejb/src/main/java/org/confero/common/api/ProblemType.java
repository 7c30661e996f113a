package org.confero.common.api;

/**
 * The stable problem types of the API. The {@code slug} is the last segment of the problem's {@code type} URI
 * ({@code https://confero.org/problems/<slug>}); clients may switch on it, so a slug never changes meaning.
 */
public enum ProblemType {
    INVALID_REQUEST("invalid-request", "The request is not valid", 400),
    MALFORMED_JSON("malformed-json", "The request body is not valid JSON for this operation", 400),
    UNAUTHENTICATED("unauthenticated", "Authentication is required", 401),
    WRONG_PASSCODE("wrong-passcode", "The passcode is missing or wrong", 403),
    FORBIDDEN("forbidden", "Not allowed for this user", 403),
    /** Credentials sent over plain HTTP that no trusted proxy received over TLS: they are never checked. */
    HTTPS_REQUIRED("https-required", "Credentials are accepted over HTTPS only", 403),
    NOT_FOUND("not-found", "No such resource", 404), MEETING_NOT_FOUND("meeting-not-found", "No such meeting", 404),
    CHAT_ROOM_NOT_FOUND("chat-room-not-found", "No such chat room", 404),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", 405),
    NOT_ACCEPTABLE("not-acceptable", "No acceptable representation", 406),
    CONFLICT("conflict", "The request conflicts with the current state", 409),
    MEETING_ENDED("meeting-ended", "The meeting has ended", 409),
    /**
     * Issue 23: the webinar has its maximum of attendees (its own maxAttendees, else confero.webinar.max.attendees).
     */
    WEBINAR_FULL("webinar-full", "The webinar is full", 409),
    PAYLOAD_TOO_LARGE("payload-too-large", "The request body is too large", 413),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported content type", 415),
    TOO_MANY_ATTEMPTS("too-many-attempts", "Too many attempts; try again later", 429),
    /** More simultaneous connections (control WebSockets) from one address than a server allows. */
    TOO_MANY_CONNECTIONS("too-many-connections", "Too many connections from this address", 429),
    /** An HTTP tunnel was asked to reach something that is not a zone controller or router of this deployment. */
    TUNNEL_TARGET_FORBIDDEN("tunnel-target-forbidden", "The tunnel does not reach this target", 403),
    /** A backup whose manifest, checksums or files do not hold together: it is never restored. */
    BACKUP_CORRUPT("backup-corrupt", "The backup is damaged", 422),
    /** A backup of another schema version (or format) than this server's: restoring it would not fit the tables. */
    BACKUP_INCOMPATIBLE("backup-incompatible", "The backup does not fit this database", 409),
    /** A backup or restore is already running on this server. */
    BACKUP_IN_PROGRESS("backup-in-progress", "A backup or restore is running", 409),
    INTERNAL_ERROR("internal-error", "Internal error", 500),
    /** The server that a tunnel request was for did not answer (in time) or answered something unusable. */
    BAD_GATEWAY("bad-gateway", "The upstream server did not answer", 502),
    UNAVAILABLE("unavailable", "Temporarily unavailable", 503);

    public static final String URI_PREFIX = "https://confero.org/problems/";

    private final String slug;
    private final String title;
    private final int status;

    ProblemType(String slug, String title, int status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    public String slug() {
        return slug;
    }

    public String uri() {
        return URI_PREFIX + slug;
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }
}

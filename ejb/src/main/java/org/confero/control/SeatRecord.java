package org.confero.control;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * A participant's seat as the whole cluster sees it (the replicated {@code sessions} cache): who, on which router, in
 * which state — for the roster of the routers that share the meeting, and for resuming the seat on another router after
 * its own died. Holds the SHA-256 of the resume token, never the token. {@code account} is the signed-in user the
 * participant is (empty for a guest), whose presence the holding router keeps "in a meeting". {@code panelist} (issue
 * 23): on a webinar's stage by its join token or a host's promotion, so that another router shows, counts and resumes
 * it as one.
 */
public record SeatRecord(String meetingId, String participantId, String name, boolean host, String sessionId,
        String resumeTokenHash, String node, String state, boolean audioMuted, boolean videoMuted, boolean mediaLost,
        Instant updatedAt, Optional<String> account, boolean panelist) {

    /** A seat that is not a panelist's. */
    public SeatRecord(String meetingId, String participantId, String name, boolean host, String sessionId,
            String resumeTokenHash, String node, String state, boolean audioMuted, boolean videoMuted,
            boolean mediaLost, Instant updatedAt, Optional<String> account) {
        this(meetingId, participantId, name, host, sessionId, resumeTokenHash, node, state, audioMuted, videoMuted,
                mediaLost, updatedAt, account, false);
    }

    /** The cache key: one seat per participant of a meeting. */
    public static String key(String meetingId, String participantId) {
        return meetingId + "/" + participantId;
    }

    public String key() {
        return key(meetingId, participantId);
    }

    public SeatRecord on(String router, Instant now) {
        return new SeatRecord(meetingId, participantId, name, host, sessionId, resumeTokenHash, router, state,
                audioMuted, videoMuted, mediaLost, now, account, panelist);
    }

    /** True when {@code resumeToken} is the one this seat was given. Constant time. */
    public boolean matches(String sessionId, String resumeToken) {
        return this.sessionId.equals(sessionId)
                && MessageDigest.isEqual(resumeTokenHash.getBytes(StandardCharsets.US_ASCII),
                        hash(resumeToken).getBytes(StandardCharsets.US_ASCII));
    }

    /** The participant as rosters show it (the same fields as a local participant's view). */
    public JsonObject view() {
        return Json.createObjectBuilder().add("id", participantId).add("name", name)
                .add("role", host ? "host" : panelist ? "panelist" : "attendee").add("state", state)
                .add("audioMuted", audioMuted).add("videoMuted", videoMuted).add("mediaLost", mediaLost).build();
    }

    /** Seated in the meeting proper: not waiting to be admitted. */
    public boolean admitted() {
        return !"waiting".equals(state);
    }

    public String encode() {
        JsonObjectBuilder json = Json.createObjectBuilder().add("meetingId", meetingId)
                .add("participantId", participantId).add("name", name).add("host", host).add("sessionId", sessionId)
                .add("resumeTokenHash", resumeTokenHash).add("node", node).add("state", state)
                .add("audioMuted", audioMuted).add("videoMuted", videoMuted).add("mediaLost", mediaLost)
                .add("updatedAt", updatedAt.toString());
        account.ifPresent(a -> json.add("account", a));
        if (panelist) {
            json.add("panelist", true); // absent, as written by routers before issue 23: not a panelist
        }
        return json.build().toString();
    }

    public static SeatRecord decode(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            JsonObject o = reader.readObject();
            return new SeatRecord(o.getString("meetingId"), o.getString("participantId"), o.getString("name"),
                    o.getBoolean("host"), o.getString("sessionId"), o.getString("resumeTokenHash"), o.getString("node"),
                    o.getString("state"), o.getBoolean("audioMuted"), o.getBoolean("videoMuted"),
                    o.getBoolean("mediaLost"), Instant.parse(o.getString("updatedAt")),
                    Optional.ofNullable(o.getString("account", null)), o.getBoolean("panelist", false));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a seat record: " + e.getMessage(), e);
        }
    }

    /** The seat in {@code text}, or empty for none ({@code null}) or an unreadable one (skipped, never fatal). */
    public static Optional<SeatRecord> read(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(decode(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static SeatRecord of(String meetingId, Participant p, String node, Instant now) {
        return new SeatRecord(meetingId, p.id, p.name, p.host, p.sessionId, hash(p.resumeToken), node,
                p.state.name().toLowerCase(Locale.ROOT), p.audioMuted, p.videoMuted, p.mediaLost, now, p.account,
                p.panelist);
    }

    static String hash(String resumeToken) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(resumeToken.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}

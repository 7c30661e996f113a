package org.confero.protocol.join;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Admission to one meeting for one participant.
 *
 * @param participantId
 *            assigned by the lookup; the MMR issues media credentials for this id only
 * @param role
 *            what the participant may do in the meeting
 * @param account
 *            the signed-in user who looked the meeting up, whose presence shows "in a meeting" while seated; empty for
 *            a guest
 */
public record JoinToken(String meetingId, String participantId, String displayName, Role role, Instant issuedAt,
        Instant expiresAt, Optional<String> account) {

    public static final int MAX_ID_BYTES = 64;
    public static final int MAX_NAME_BYTES = 400;
    /** What the token's one-byte length carries. */
    public static final int MAX_ACCOUNT_BYTES = 255;

    public enum Role {
        HOST(1), ATTENDEE(2),
        /** Issue 23: on a webinar's stage (sends media, in the roster) by the host's invitation, not a host. */
        PANELIST(3);

        private final int code;

        Role(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        static Role ofCode(int code) {
            for (Role role : values()) {
                if (role.code == code) {
                    return role;
                }
            }
            throw new IllegalArgumentException("unknown role code " + code);
        }
    }

    /** A guest's token: no account. */
    public JoinToken(String meetingId, String participantId, String displayName, Role role, Instant issuedAt,
            Instant expiresAt) {
        this(meetingId, participantId, displayName, role, issuedAt, expiresAt, Optional.empty());
    }

    public JoinToken {
        requireBytes(meetingId, "meetingId", MAX_ID_BYTES);
        Objects.requireNonNull(account, "account");
        account.ifPresent(name -> requireBytes(name, "account", MAX_ACCOUNT_BYTES));
        requireBytes(participantId, "participantId", MAX_ID_BYTES);
        requireBytes(displayName, "displayName", MAX_NAME_BYTES);
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("expiresAt must be after issuedAt");
        }
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    private static void requireBytes(String value, String name, int max) {
        Objects.requireNonNull(value, name);
        int length = value.getBytes(StandardCharsets.UTF_8).length;
        if (length == 0 || length > max) {
            throw new IllegalArgumentException(name + " must have 1 to " + max + " UTF-8 bytes");
        }
    }
}

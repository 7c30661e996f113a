package org.confero.control;

/**
 * The limits a room enforces: participants in the meeting across every router (hosts always get in), and chat messages
 * a minute per participant.
 */
public record RoomLimits(int maxParticipants, int chatPerMinute) {

    public static final RoomLimits DEFAULT = new RoomLimits(300, 60);

    public RoomLimits {
        if (maxParticipants < 1 || chatPerMinute < 1) {
            throw new IllegalArgumentException("room limits must be positive");
        }
    }
}

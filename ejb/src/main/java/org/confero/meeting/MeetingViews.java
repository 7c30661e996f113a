package org.confero.meeting;

import java.util.Locale;

import org.confero.protocol.rest.JoinInfoView.JoinMeetingView;
import org.confero.protocol.rest.MeetingView;

/** Entities to wire views: the only place that knows both. */
public final class MeetingViews {

    private MeetingViews() {
    }

    static MeetingView of(Meeting meeting, String publicUrl) {
        return new MeetingView(meeting.number().toString(), meeting.topic(), meeting.host().username(),
                lower(meeting.type()), meeting.startTime().orElse(null), (int) meeting.duration().toMinutes(),
                meeting.timeZone(), meeting.hasPasscode(), meeting.waitingRoom(), meeting.muteOnEntry(),
                lower(meeting.state()), meeting.createdAt(), joinUrl(publicUrl, meeting), meeting.isWebinar(),
                meeting.maxAttendees().orElse(null));
    }

    public static JoinMeetingView forJoining(Meeting meeting) {
        return new JoinMeetingView(meeting.number().toString(), meeting.topic(), lower(meeting.type()),
                meeting.host().displayName(), meeting.startTime().orElse(null), (int) meeting.duration().toMinutes(),
                meeting.timeZone(), lower(meeting.state()), meeting.waitingRoom(), meeting.muteOnEntry());
    }

    /** The browser join page of the meeting (web client). */
    static String joinUrl(String publicUrl, Meeting meeting) {
        return publicUrl + "/join/" + meeting.number();
    }

    static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}

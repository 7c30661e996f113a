package org.confero.meeting;

/** A meeting (everyone may speak and share) or a webinar (panelists present to attendees). */
public enum MeetingType {
    MEETING, WEBINAR
}

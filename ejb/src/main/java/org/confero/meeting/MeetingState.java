package org.confero.meeting;

/** Scheduled until the first participant joins; started while it runs; ended for good. */
public enum MeetingState {
    SCHEDULED, STARTED, ENDED
}

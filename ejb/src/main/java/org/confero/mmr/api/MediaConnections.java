package org.confero.mmr.api;

import java.util.List;

/** The media connections bound on this server's relay, as its events reported them. */
public interface MediaConnections {

    /** Where callers outside the EJB module look it up. */
    String JNDI_NAME = "java:global/confero/ejb/MediaPresence!org.confero.mmr.api.MediaConnections";

    /** The bound connections of a meeting, ordered by participant and media type; empty for an unknown meeting. */
    List<MediaConnectionView> ofMeeting(String meetingId);
}

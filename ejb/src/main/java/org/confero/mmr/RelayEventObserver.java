package org.confero.mmr;

import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;

import org.confero.media.api.RelayEvent;
import org.confero.media.api.RelayEventListener;
import org.jboss.ejb3.annotation.ResourceAdapter;
import org.jboss.logging.Logger;

/** Receives the local relay's events (JCA inflow) and keeps {@link MediaPresence} current. */
@MessageDriven(messageListenerInterface = RelayEventListener.class)
@ResourceAdapter("confero-media")
public class RelayEventObserver implements RelayEventListener {

    private static final Logger LOG = Logger.getLogger(RelayEventObserver.class);

    @EJB
    private MediaPresence presence;

    @EJB
    private org.confero.control.ControlRooms rooms;

    @Override
    public void onRelayEvent(RelayEvent event) {
        presence.apply(event);
        if (event.kind() == RelayEvent.Kind.CONSENT_LOST) {
            rooms.mediaState(event.meetingId(), event.participantId(), true);
        } else if (event.kind() == RelayEvent.Kind.BOUND) {
            rooms.mediaState(event.meetingId(), event.participantId(), false);
        }
        if (event.kind() == RelayEvent.Kind.CONSENT_LOST) {
            LOG.infof("Media consent lost: meeting %s, participant %s, %s from %s", event.meetingId(),
                    event.participantId(), event.mediaType(), event.remote());
        }
    }
}

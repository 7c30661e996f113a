package org.confero.mmr;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Singleton;

import java.util.List;

import org.confero.media.api.RelayEvent;
import org.confero.mmr.api.MediaConnectionView;
import org.confero.mmr.api.MediaConnections;

/** This server's view of the media connections bound to its relay. */
@Singleton
@Local(MediaConnections.class)
@LocalBean
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class MediaPresence implements MediaConnections {

    private final MediaBindings bindings = new MediaBindings();

    /** Folds one relay event in; called by {@link RelayEventObserver} (public: EJB calls need a business method). */
    public void apply(RelayEvent event) {
        bindings.apply(event);
    }

    /** Distinct participants with at least one bound media connection here. */
    public int participantCount() {
        return bindings.participantCount();
    }

    /** Meetings with at least one bound media connection here. */
    public int meetingCount() {
        return bindings.meetingCount();
    }

    /** Connection records held (bound, and recently left ones kept against out-of-order events). */
    public int recordCount() {
        return bindings.size();
    }

    @Override
    public List<MediaConnectionView> ofMeeting(String meetingId) {
        return bindings.ofMeeting(meetingId);
    }
}

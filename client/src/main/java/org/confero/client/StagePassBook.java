package org.confero.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Issue 23: the stage passes a {@link ConferoClient}'s webinar promotions issued, by webinar, so that joining the same
 * webinar again through that client presents its pass and is a panelist's join again — while no demotion revoked it;
 * the server decides, this only remembers what the server handed out. Bounded: the {@code capacity} webinars used last;
 * a demotion forgets the webinar's pass.
 */
final class StagePassBook {

    private final Map<String, String> passes;

    StagePassBook(int capacity) {
        this.passes = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized Optional<String> get(String meetingId) {
        return Optional.ofNullable(passes.get(meetingId));
    }

    /** A {@code role} message: a promotion's pass is kept, anything else (a demotion) forgets the webinar's. */
    synchronized void roleChanged(String meetingId, boolean canSend, Optional<String> stagePass) {
        if (canSend && stagePass.isPresent()) {
            passes.put(meetingId, stagePass.get());
        } else {
            passes.remove(meetingId);
        }
    }
}

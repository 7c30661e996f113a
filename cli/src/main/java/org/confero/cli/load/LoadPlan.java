package org.confero.cli.load;

import java.util.List;

import org.confero.cli.media.MediaProfile;

/**
 * How much load: {@code participants} spread round robin over {@code meetings}, each sending {@code media} for
 * {@code seconds} after a warm-up. Bounded so that a typo cannot take a server (or this machine) down.
 */
record LoadPlan(int participants, int meetings, List<MediaProfile> media, double seconds, double warmupSeconds) {

    static final int MAX_PARTICIPANTS = 1000;

    LoadPlan {
        media = List.copyOf(media);
        if (participants < 2 || participants > MAX_PARTICIPANTS || meetings < 1 || meetings > participants / 2) {
            throw new IllegalArgumentException(
                    "need 2.." + MAX_PARTICIPANTS + " participants and at most one meeting per two participants");
        }
    }

    /** Index of the meeting participant {@code i} joins. */
    int meetingOf(int participant) {
        return participant % meetings;
    }

    /** Participants in meeting {@code m}. */
    int membersOf(int meeting) {
        return participants / meetings + (meeting < participants % meetings ? 1 : 0);
    }

    /** Packets per second the relay should deliver for {@code profile}: every sender to every other member. */
    long expectedDeliveredPerSecond(MediaProfile profile) {
        long total = 0;
        for (int m = 0; m < meetings; m++) {
            long n = membersOf(m);
            total += n * (n - 1) * profile.packetsPerSecond();
        }
        return total;
    }
}

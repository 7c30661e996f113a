package org.confero.control;

import java.util.Optional;

/**
 * Who went out of a meeting for good, so that the same join token cannot simply come back: a participant that left has
 * spent its join token; one a host removed (and, when it signed in, its account) waits for a host's admission on its
 * next join. Bounded: records expire once the join tokens they stand for have.
 */
public interface Departures {

    enum Kind {
        LEFT, REMOVED
    }

    /** Records a departure; a removal also marks the account, if the participant signed in. */
    void record(String participantId, Optional<String> account, Kind kind);

    /** How this participant (or, for removals, its account) went, if it did. */
    Optional<Kind> of(String participantId, Optional<String> account);

    /** A host admitted a removed participant again: it is forgiven. */
    void forgive(String participantId, Optional<String> account);
}

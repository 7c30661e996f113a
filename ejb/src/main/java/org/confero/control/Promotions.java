package org.confero.control;

import java.util.Optional;

/**
 * Issue 23: who a host put on a webinar's stage, so that a promoted attendee who joins again (a new lookup and join,
 * not a resume) is a panelist again rather than an attendee. A promotion is recorded for the participant's identity as
 * the server knows it — its account, when it signed in, and a <em>stage pass</em>: a random secret the server issued in
 * the {@code role} message of the promotion, which the client presents at its next join. Never for anything the client
 * claims: a pass the server did not issue, or one a demotion revoked, is worth nothing. Bounded: records expire with
 * the webinar's lifetime.
 */
public interface Promotions {

    /** The host promoted the participant: its account (if any) and the pass just issued stand for the stage. */
    void record(Optional<String> account, String stagePass);

    /** True when the account or the pass presented stands for a promotion not revoked since. */
    boolean holds(Optional<String> account, Optional<String> stagePass);

    /** The host demoted the participant: its account and pass stand for nothing any more. */
    void revoke(Optional<String> account, Optional<String> stagePass);
}

// Call quality of the web client (issue 22): loss and interarrival jitter of the RTP each media WebSocket receives, per
// sender, as RFC 3550 defines them (section 6.4.1, appendix A.1, A.8); the round trip of each media WebSocket's own
// path, timed by a probe frame the router answers on that socket ({type: 'probe', id}, see PathRoundTrip); sent to the
// router every few seconds as {type: 'quality', client: 'web', media}, and the join's phase durations once as
// {type: 'join-phases'}. The router keeps the latest per participant for admins
// (GET /api/v1/meetings/{id}/participants) and counts them in its metrics.

const REPORT_EVERY_MS = 5000;
const MAX_SENDERS = 64;
// RTP clock rates of what Confero carries: Opus audio at 48 kHz, video and content at 90 kHz.
const CLOCK_RATE = { audio: 48000, video: 90000, content: 90000 };

/** One media type's reception: call received() with each RTP packet's sequence, timestamp and sender. */
export class ReceiveQuality {
    constructor(kind) {
        this.rate = CLOCK_RATE[kind] || 90000;
        this.senders = new Map();
        this.lastLoss = undefined;
    }

    received(ssrc, sequence, timestamp, arrivalMs = performance.now()) {
        let s = this.senders.get(ssrc);
        if (!s) {
            if (this.senders.size >= MAX_SENDERS) {
                return;
            }
            s = { base: sequence, max: sequence, cycles: 0, received: 0, expectedAt: 0, receivedAt: 0,
                lastTransit: null, jitter: 0 };
            this.senders.set(ssrc, s);
        } else {
            const delta = (sequence - s.max) & 0xFFFF;
            if (delta > 0 && delta < 0x8000) {
                if (sequence < s.max) {
                    s.cycles += 0x10000;
                }
                s.max = sequence;
            }
        }
        s.received++;
        const transit = arrivalMs / 1000 * this.rate - timestamp;
        if (s.lastTransit !== null) {
            s.jitter += (Math.abs(transit - s.lastTransit) - s.jitter) / 16;
        }
        s.lastTransit = transit;
    }

    /**
     * {loss, jitterMs} of the interval since the last call, or null before any packet. An interval in which no packet
     * was expected repeats the last measured loss, so that an idle moment does not erase what the call was like.
     */
    interval() {
        if (this.senders.size === 0) {
            return null;
        }
        let expected = 0;
        let received = 0;
        let jitter = 0;
        for (const s of this.senders.values()) {
            const total = s.cycles + s.max - s.base + 1;
            expected += total - s.expectedAt;
            received += s.received - s.receivedAt;
            s.expectedAt = total;
            s.receivedAt = s.received;
            jitter += s.jitter;
        }
        if (expected > 0) {
            this.lastLoss = Math.min(1, Math.max(0, (expected - received) / expected));
        }
        const result = { jitterMs: jitter / this.senders.size / this.rate * 1000 };
        if (this.lastLoss !== undefined) {
            result.loss = this.lastLoss;
        }
        return result;
    }
}

/** A probe unanswered this long is forgotten (the socket dropped it); the next one may go. */
const PROBE_GIVE_UP_MS = 5000;
/** JavaScript's largest safe integer, as the router reads probe ids. */
const MAX_PROBE_ID = Number.MAX_SAFE_INTEGER;

/**
 * The round trip of one media path, as client/…/media/PathRoundTrip.java: one probe in flight, timed when the answer
 * with its id arrives; an answer with another id (late, duplicate) changes nothing.
 */
export class PathRoundTrip {
    constructor() {
        this.inFlight = null;
        this.sentAt = 0;
        this.lastMs = null;
    }

    /** The id of a probe to send now, or null while an earlier one is awaited. */
    next(now = performance.now()) {
        if (this.inFlight !== null && now - this.sentAt < PROBE_GIVE_UP_MS) {
            return null;
        }
        this.inFlight = Math.floor(Math.random() * MAX_PROBE_ID);
        this.sentAt = now;
        return this.inFlight;
    }

    answered(id, now = performance.now()) {
        if (this.inFlight === null || id !== this.inFlight) {
            return false;
        }
        this.inFlight = null;
        this.lastMs = Math.max(0, now - this.sentAt);
        return true;
    }
}

/**
 * Sends the reports of one meeting over its control channel until stop(). `paths(kind)` is the media type's socket
 * (probe() sends its round-trip probe, roundTripMs() the last measured), or null.
 */
export class QualityReporter {
    constructor(control, kinds, paths) {
        this.control = control;
        this.paths = paths;
        this.receiving = Object.fromEntries(kinds.map((kind) => [kind, new ReceiveQuality(kind)]));
        this.probe();
        this.timer = setInterval(() => this.report(), REPORT_EVERY_MS);
    }

    /** Once, when the join completed: phase name → seconds. */
    joinCompleted(phaseSeconds) {
        this.control.sendNow({ type: 'join-phases', client: 'web', phases: phaseSeconds });
    }

    /** One probe per media socket; the answer comes back on that socket before the next report. */
    probe() {
        for (const kind of Object.keys(this.receiving)) {
            this.paths(kind)?.probe();
        }
    }

    report() {
        const media = {};
        for (const [kind, quality] of Object.entries(this.receiving)) {
            const measured = quality.interval() || {};
            const rttMs = this.paths(kind)?.roundTripMs() ?? null;
            if (rttMs !== null) {
                measured.rttMs = rttMs;
            }
            if (Object.keys(measured).length > 0) {
                media[kind] = measured;
            }
        }
        if (Object.keys(media).length > 0) {
            this.control.sendNow({ type: 'quality', client: 'web', media });
        }
        this.probe();
    }

    stop() {
        clearInterval(this.timer);
    }
}

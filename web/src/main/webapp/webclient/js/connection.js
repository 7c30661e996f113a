// The connection process as the desktop client runs it (client/…/ConferoClient.java), in the browser: the meeting
// lookup, timed probes of every zone controller of every listed zone, the router assignment. The control channel and
// media then go over WebSocket/TLS (443): a browser has no UDP or raw TCP.

/** Probes per controller and the pause between them (the client library's defaults). */
const PROBES = 5;
const PROBE_GAP_MS = 40;
/** The white paper's zone-selection limit: no controller answering within 5.5 s means none is reachable. */
export const ZONE_SELECTION_MS = 5500;
const REQUEST_TIMEOUT_MS = 10000;

/** A refusal with the server's problem type (RFC 9457), e.g. wrong-passcode or meeting-not-found. */
export class ProblemError extends Error {
    constructor(status, problem) {
        super(problem.detail || problem.title || `HTTP ${status}`);
        this.status = status;
        this.type = (problem.type || '').replace(/^.*\/problems\//, '');
        this.title = problem.title || '';
    }
}

async function fetchJson(url, init = {}, timeoutMs = REQUEST_TIMEOUT_MS) {
    const response = await fetch(url, { cache: 'no-store', credentials: 'omit', ...init,
        signal: AbortSignal.timeout(timeoutMs) });
    const type = response.headers.get('Content-Type') || '';
    const body = type.includes('json') ? await response.json() : {};
    if (!response.ok) {
        throw new ProblemError(response.status, body);
    }
    return body;
}

/**
 * Phase 1: GET join-info; the passcode in a header, never the URL (proxies and logs keep URLs). A webinar's panelist
 * code (issue 23, from the panelist link's URL fragment) goes in a header too.
 */
export function lookup(meetingId, name, passcode, panelistCode = '') {
    const headers = passcode ? { 'X-Confero-Passcode': passcode } : {};
    if (panelistCode) {
        headers['X-Confero-Panelist-Code'] = panelistCode;
    }
    return fetchJson(`/api/v1/meetings/${encodeURIComponent(meetingId)}/join-info?name=${encodeURIComponent(name)}`,
        { headers });
}

/**
 * One controller's probe burst: round-trip times of GET …/probe?seq=N measured with performance.now(). Score as the
 * client library's (ProbeResult): median RTT + 2 × jitter + 1000 × loss, lower is better.
 */
export async function probeController(controllerUrl, deadline) {
    const rtts = [];
    for (let seq = 1; seq <= PROBES; seq++) {
        const left = deadline - performance.now();
        if (left <= 0) {
            break;
        }
        const start = performance.now();
        try {
            const answer = await fetchJson(`${controllerUrl}/probe?seq=${seq}`, {}, left);
            if (answer.seq === seq) {
                rtts.push(performance.now() - start);
            }
        } catch (e) {
            // a lost probe counts as loss
        }
        await new Promise((r) => setTimeout(r, PROBE_GAP_MS));
    }
    const sorted = [...rtts].sort((a, b) => a - b);
    const median = sorted.length ? sorted[Math.floor(sorted.length / 2)] : Infinity;
    let jitter = 0;
    for (let i = 1; i < rtts.length; i++) {
        jitter += Math.abs(rtts[i] - rtts[i - 1]) / (rtts.length - 1);
    }
    const loss = 1 - rtts.length / PROBES;
    return { controllerUrl, rtt: median, jitter, loss, answered: rtts.length > 0,
        score: rtts.length ? median + 2 * jitter + 1000 * loss : Infinity };
}

/** Phase 2: every controller of every zone in parallel, within ZONE_SELECTION_MS; the results best first. */
export async function selectZone(zones) {
    const deadline = performance.now() + ZONE_SELECTION_MS;
    const probes = [];
    for (const zone of zones) {
        for (const url of zone.controllerUrls || []) {
            probes.push(probeController(url, deadline).then((r) => ({ ...r, zone: zone.name || zone.id,
                available: zone.available })));
        }
    }
    const results = (await Promise.all(probes)).filter((r) => r.answered);
    // Available zones first, as the lookup ranked them; among those the measurement decides.
    results.sort((a, b) => (b.available - a.available) || (a.score - b.score));
    return results;
}

/** Phase 3: the router from the best controller that answers; after a failover with the seat's resume credentials. */
export async function assign(controllers, joinToken, resume = null, unreachableRouter = null) {
    let last = new Error('no zone controller answered');
    for (const c of controllers) {
        try {
            const body = { joinToken };
            if (resume) {
                body.resume = resume;
            }
            if (unreachableRouter) {
                body.unreachableRouter = unreachableRouter;
            }
            const assignment = await fetchJson(`${c.controllerUrl}/assign`, { method: 'POST',
                headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
            return { ...assignment, controllerUrl: c.controllerUrl };
        } catch (e) {
            if (e instanceof ProblemError && e.status < 500) {
                throw e; // a refusal is the same at every controller
            }
            last = e;
        }
    }
    throw last;
}

// The control channel (wss://…/api/v1/mmr/control), the protocol of client/…/control/ControlSession.java: join with
// the lookup's join token, ping every 20 s (the router closes a connection silent for 60 s), and after a dropped
// connection resume the seat with sessionId and resumeToken and lastChatId, retrying with growing pauses for the
// router's grace period (30 s). Chat written while the channel is down is queued and sent after `resumed`.
//
// Media credentials come from here, and only while the participant is in the meeting: `joined`, `admitted` and
// `resumed` carry `media: {audio|video|content: {token, password}}` and `mediaExpires`; `waiting` carries none.
// Fresh ones on request: `{"type":"media-credentials"}` is answered by a message of that type
// (`mediaCredentials()`).

const KEEP_ALIVE_MS = 20000;
const OPEN_TIMEOUT_MS = 8000;
const RESUME_GRACE_MS = 30000;
const FIRST_PAUSE_MS = 500;
const LONGEST_PAUSE_MS = 4000;
const OUTBOX_LIMIT = 100;
/** How long a `media-credentials` request waits for its answer (or for the `resumed` of a dropped channel). */
const MEDIA_REQUEST_TIMEOUT_MS = 10000;

/** The router's refusals (`error` codes) in words for the user; other codes show the router's own message. */
const ERROR_TEXT = {
    'left': 'You left this meeting. Join again to get back in (the meeting is looked up anew).',
    'meeting-full': 'This meeting is full: it has reached its maximum number of participants. Try again later.',
    'rate-limited': 'You are sending messages too quickly: your last message was not sent. Wait a moment and try '
        + 'again.',
    'meeting-ended': 'This meeting has ended.',
    'resume-failed': 'Your place in the meeting could not be resumed. Join again.',
    'webinar-full': 'This webinar is full: it has its maximum number of attendees. Try again later.',
    'too-many-questions': 'You have asked enough for now: wait for the panelists to answer.',
    'not-a-webinar': 'This is a meeting, not a webinar.',
};

/** The text to show for an `error` code of the control channel. */
export function controlErrorText(code, message = '') {
    return ERROR_TEXT[code] || message || code || 'The meeting refused the request.';
}

/**
 * Codes after which a join or resume cannot succeed by trying again. (`resume-failed` is retried within the grace
 * period: during a failover the router that adopts the seat may not have seen it yet.)
 */
const FINAL_CODES = new Set(['left', 'meeting-full', 'meeting-ended', 'webinar-full']);

function refusal(message, fields) {
    return Object.assign(new Error(message), fields);
}

/**
 * Events (CustomEvent, detail = the message): `joined`, `waiting`, `admitted`, `resumed`, `roster`, `chat`, `error`,
 * `removed`, `ended`, `media-credentials`, plus `state` with detail {state: 'connected'|'reconnecting'|'closed',
 * reason}. The latest media credentials are in `media` ({audio, video, content}) and `mediaExpires` (ms since the
 * epoch, or null).
 */
export class ControlChannel extends EventTarget {
    /** `relocate(unreachable)` may answer another router's control URL after this one could not be reached. */
    constructor(url, joinToken, relocate = async () => null) {
        super();
        this.url = url;
        this.joinToken = joinToken;
        this.relocate = relocate;
        this.socket = null;
        this.seat = null;
        this.lastChatId = -1;
        this.seenChat = new Set();
        this.outbox = [];
        this.finished = false;
        this.up = false;
        this.keepAlive = null;
        this.reconnects = 0;
        this.media = null;
        this.mediaExpires = null;
        this.mediaRequest = null;
        /** Issue 23: the stage pass of an earlier promotion in this webinar, presented at the join (server-checked). */
        this.stagePass = null;
    }

    /** Connects and joins; resolves with the `joined` (or `waiting`) message. */
    async join() {
        const first = { type: 'join', joinToken: this.joinToken };
        if (this.stagePass) {
            first.stagePass = this.stagePass;
        }
        const welcome = await this.connect(first);
        this.keepAlive = setInterval(() => this.sendNow({ type: 'ping' }), KEEP_ALIVE_MS);
        return welcome;
    }

    /** Opens a socket, sends `first`, resolves with the admitting answer; rejects on an error answer or a failure. */
    connect(first) {
        return new Promise((resolve, reject) => {
            let socket;
            try {
                socket = new WebSocket(this.url);
            } catch (e) {
                reject(e);
                return;
            }
            let admitted = false;
            const timer = setTimeout(() => {
                socket.close();
                reject(Object.assign(new Error('the router did not answer in time'), { unreachable: true }));
            }, OPEN_TIMEOUT_MS);
            socket.onopen = () => socket.send(JSON.stringify(first));
            socket.onmessage = (event) => {
                let message;
                try {
                    message = JSON.parse(event.data);
                } catch (e) {
                    return;
                }
                if (!admitted) {
                    if (['joined', 'waiting', 'resumed'].includes(message.type)) {
                        admitted = true;
                        clearTimeout(timer);
                        this.socket = socket;
                        this.seat = { meetingId: message.meetingId, participantId: message.participantId,
                            sessionId: message.sessionId, resumeToken: message.resumeToken };
                        this.up = true;
                        this.emit('state', { state: 'connected' });
                        this.noteMedia(message);
                        resolve(message);
                        this.emit(message.type, message);
                        if (message.type === 'resumed') {
                            this.flushOutbox();
                        }
                    } else if (message.type === 'error') {
                        clearTimeout(timer);
                        socket.onclose = null;
                        socket.close();
                        reject(refusal(controlErrorText(message.code, message.message),
                            { code: message.code, final: FINAL_CODES.has(message.code) }));
                    }
                    return;
                }
                this.receive(message);
            };
            socket.onclose = (event) => {
                clearTimeout(timer);
                if (!admitted) {
                    reject(Object.assign(new Error(`control channel closed (${event.code})`), { unreachable: true }));
                    return;
                }
                this.dropped(socket, event);
            };
        });
    }

    receive(message) {
        if (message.type === 'chat') {
            // Replays after a resume may repeat what arrived before the drop: each id once.
            if (typeof message.id === 'number') {
                if (this.seenChat.has(message.id)) {
                    return;
                }
                this.seenChat.add(message.id);
                this.lastChatId = Math.max(this.lastChatId, message.id);
            }
        }
        if (message.type === 'removed' || message.type === 'ended') {
            this.finish();
        }
        if (message.type === 'admitted' || message.type === 'media-credentials') {
            this.noteMedia(message);
        }
        if (message.type === 'error' && message.code === 'forbidden' && this.mediaRequest) {
            // The answer to our media-credentials request: this participant is not in the meeting (any more).
            this.settleMedia(null, refusal(controlErrorText(message.code, message.message),
                { code: message.code, final: true }));
            return;
        }
        if (message.type !== 'pong') {
            this.emit(message.type, message);
        } else {
            this.emit('pong', message); // the keep-alive's answer; not a message to show
        }
    }

    dropped(socket, event) {
        if (socket !== this.socket) {
            return;
        }
        this.up = false;
        this.socket = null;
        if (this.finished) {
            this.emit('state', { state: 'closed', reason: event.reason || 'closed' });
            return;
        }
        this.emit('state', { state: 'reconnecting', reason: `connection lost (${event.code})` });
        this.resumeLoop();
    }

    async resumeLoop() {
        const giveUpAt = performance.now() + RESUME_GRACE_MS;
        let pause = 0;
        let reason = 'could not get back into the meeting';
        while (!this.finished && performance.now() < giveUpAt) {
            if (pause > 0) {
                await new Promise((r) => setTimeout(r, pause));
            }
            try {
                await this.connect({ type: 'resume', ...this.seat, lastChatId: this.lastChatId });
                this.reconnects++;
                return;
            } catch (e) {
                if (e.final) {
                    reason = e.message; // the router refused the seat (resume-failed, meeting-ended, …)
                    break; // retrying cannot help
                }
                if (e.unreachable && pause === 0) {
                    // The first attempt went to the same router at once; it cannot be reached: ask for another.
                    const moved = await this.relocate().catch(() => null);
                    if (moved) {
                        this.url = moved;
                        continue;
                    }
                }
                pause = Math.min(LONGEST_PAUSE_MS, pause === 0 ? FIRST_PAUSE_MS : pause * 2);
            }
        }
        if (!this.finished) {
            this.finish();
            this.emit('state', { state: 'closed', reason });
        }
    }

    /** Test hook and network-change handling: drops the socket as a network failure would. */
    dropConnection() {
        if (this.socket) {
            this.socket.close(4000, 'dropped by the client');
        }
    }

    sendNow(message) {
        if (this.up && this.socket && this.socket.readyState === WebSocket.OPEN) {
            this.socket.send(JSON.stringify(message));
            return true;
        }
        return false;
    }

    chat(text) {
        if (!this.sendNow({ type: 'chat', text })) {
            if (this.outbox.length >= OUTBOX_LIMIT) {
                throw new Error('too many messages waiting for the connection');
            }
            this.outbox.push(text);
        }
    }

    flushOutbox() {
        const waiting = this.outbox.splice(0);
        for (const text of waiting) {
            this.sendNow({ type: 'chat', text });
        }
    }

    mute(media, muted) {
        this.sendNow({ type: 'mute', media, muted });
    }

    leave() {
        this.sendNow({ type: 'leave' });
        this.finish();
        if (this.socket) {
            this.socket.close(1000, 'left');
        }
    }

    finish() {
        this.finished = true;
        clearInterval(this.keepAlive);
        this.settleMedia(null, refusal('no longer in the meeting', { final: true }));
    }

    /**
     * Fresh media credentials: resolves with the answering message (`media`, `mediaExpires`). Concurrent calls share
     * one request. While the channel is down the `resumed` that brings it back answers (it carries fresh credentials).
     * Rejects with {final: true} when the participant is not in the meeting (refused, removed, ended, left) — asking
     * again cannot help — and without it when the router cannot issue them now or does not answer in time.
     */
    mediaCredentials(timeoutMs = MEDIA_REQUEST_TIMEOUT_MS) {
        if (this.finished) {
            return Promise.reject(refusal('no longer in the meeting', { final: true }));
        }
        if (!this.mediaRequest) {
            const request = {};
            request.promise = new Promise((resolve, reject) => {
                request.resolve = resolve;
                request.reject = reject;
            });
            request.timer = setTimeout(() => this.settleMedia(null,
                refusal('the router did not answer the media credentials request in time', { final: false })),
            timeoutMs);
            this.mediaRequest = request;
            this.sendNow({ type: 'media-credentials' }); // when down: the `resumed` brings fresh ones
        }
        return this.mediaRequest.promise;
    }

    /** Keeps the credentials of `joined`, `admitted`, `resumed`, `media-credentials`; answers a pending request. */
    noteMedia(message) {
        if (message.media && typeof message.media === 'object') {
            this.media = message.media;
            const expires = Date.parse(message.mediaExpires);
            this.mediaExpires = Number.isFinite(expires) ? expires : null;
            this.settleMedia(message, null);
        } else if (message.type === 'media-credentials') {
            this.settleMedia(null, refusal(message.error || 'the router issued no media credentials',
                { final: false }));
        }
    }

    settleMedia(message, error) {
        const request = this.mediaRequest;
        if (!request) {
            return;
        }
        this.mediaRequest = null;
        clearTimeout(request.timer);
        if (error) {
            request.reject(error);
        } else {
            request.resolve(message);
        }
    }

    emit(type, detail) {
        this.dispatchEvent(new CustomEvent(type, { detail }));
    }
}

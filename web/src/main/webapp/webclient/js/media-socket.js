// Media over WebSocket/TLS (wss://…/api/v1/mmr/media), as client/…/media/WebSocketMediaConnection.java: the first
// text frame carries {token, password}, the router answers {"type":"bound"}, then every binary frame is one RTP or
// RTCP packet, both ways. The router attaches the socket to its relay as a virtual endpoint, so UDP, TCP and browser
// participants hear each other.
//
// The credentials come from the control channel (`joined`, `admitted`, `resumed`, `media-credentials`), never from the
// zone controller's assignment. After a drop the socket re-binds with the credentials it has, and asks for fresh ones
// (`refresh`, the control channel's `media-credentials`) when the router refused them (close 1008: revoked, expired,
// forged) or they have expired; a failover hands it the new router's URL and the `resumed` message's credentials
// (`update`). It stops for good when the participant is no longer in the meeting (a refresh rejected as final).

import { PathRoundTrip } from './quality.js';

const BIND_TIMEOUT_MS = 8000;
/** Past this many bytes waiting in the socket, new packets are dropped: late media is worse than lost media. */
const SEND_BUFFER_LIMIT = 512 * 1024;
const LONGEST_PAUSE_MS = 4000;
const FIRST_PAUSE_MS = 250;
/** Credentials this close to their expiry are not tried: fresh ones are asked for first. */
const EXPIRY_MARGIN_MS = 5000;
/** WebSocket close code of a policy violation: the router refused (or revoked) the credentials. */
const POLICY_VIOLATION = 1008;

export class MediaSocket extends EventTarget {
    /**
     * Events: `bound`, `lost` (a bound connection dropped; it re-binds by itself), `stopped` (gave up for good:
     * detail-less, `stopReason` says why).
     * @param credentials {token, password} of this media type from the control channel
     * @param refresh async () => {url, credentials, expires?} — fresh credentials (and the router's URL) from the control
     *        channel after the old ones were refused; rejects with {final: true} when the participant is no longer in
     *        the meeting
     * @param expires when the credentials expire (ms since the epoch), null when unknown
     */
    constructor(kind, url, credentials, onPacket, refresh, expires = null) {
        super();
        this.kind = kind;
        this.url = url;
        this.credentials = credentials;
        this.expires = expires;
        this.onPacket = onPacket;
        this.refresh = refresh;
        this.reconnecting = false;
        this.wake = null;
        this.stopReason = null;
        this.refreshes = 0;
        this.generation = 0;
        this.pending = null;
        this.socket = null;
        this.bound = false;
        this.closed = false;
        this.dropped = 0;
        this.packetsIn = 0;
        this.packetsOut = 0;
        this.reconnects = 0;
        this.roundTrip = new PathRoundTrip();
    }

    /** Resolves once bound; rejects with {refused: true} when the router refused the credentials. */
    connect() {
        return new Promise((resolve, reject) => {
            if (this.closed) {
                reject(new Error(`${this.kind}: closed`));
                return;
            }
            const socket = new WebSocket(this.url);
            socket.binaryType = 'arraybuffer';
            this.pending = socket;
            let bound = false;
            const timer = setTimeout(() => socket.close(), BIND_TIMEOUT_MS);
            const credentials = this.credentials;
            socket.onopen = () => socket.send(JSON.stringify({ token: credentials.token,
                password: credentials.password }));
            socket.onmessage = (event) => {
                if (typeof event.data === 'string') {
                    let message = {};
                    try {
                        message = JSON.parse(event.data);
                    } catch (e) {
                        // ignored: only `bound` is expected
                    }
                    if (message.type === 'probe' && bound) {
                        this.roundTrip.answered(message.id);
                        return;
                    }
                    if (message.type === 'bound' && !bound) {
                        if (this.closed) {
                            socket.close(1000, 'left'); // closed while binding: the meeting is over for us
                            return;
                        }
                        bound = true;
                        clearTimeout(timer);
                        if (this.pending === socket) {
                            this.pending = null;
                        }
                        this.socket = socket;
                        this.bound = true;
                        this.emit('bound');
                        resolve(this);
                    }
                    return;
                }
                this.packetsIn++;
                this.onPacket(new Uint8Array(event.data));
            };
            socket.onclose = (event) => {
                clearTimeout(timer);
                if (this.pending === socket) {
                    this.pending = null;
                }
                if (!bound) {
                    reject(Object.assign(new Error(`${this.kind}: ${event.reason || 'media connection failed'}`),
                        { refused: event.code === POLICY_VIOLATION }));
                    return;
                }
                if (socket === this.socket) {
                    this.bound = false;
                    this.socket = null;
                    if (!this.closed) {
                        this.emit('lost');
                        // Closed for a policy violation: these credentials were revoked or have expired.
                        this.reconnect(event.code === POLICY_VIOLATION);
                    }
                }
            };
        });
    }

    /**
     * Re-binds after a drop (or a failed first bind): with the credentials it has, or fresh ones from `refresh` first
     * when they were refused (`stale`) or have expired; growing pauses between failures. One loop at a time.
     */
    async reconnect(stale = false) {
        if (this.reconnecting || this.closed) {
            return;
        }
        this.reconnecting = true;
        let pause = FIRST_PAUSE_MS;
        let needFresh = stale;
        try {
            while (!this.closed) {
                let fresh = false;
                if (needFresh || this.expired()) {
                    try {
                        this.apply(await this.refresh());
                        this.refreshes++;
                        fresh = true;
                        needFresh = false;
                    } catch (e) {
                        if (e.final) {
                            this.stop(e.message || 'no longer in the meeting');
                            return;
                        }
                        // the control channel could not get new ones now (down, or no answer): wait, ask again
                        await this.sleep(pause);
                        pause = Math.min(LONGEST_PAUSE_MS, pause * 2);
                        continue;
                    }
                }
                if (this.closed) {
                    return;
                }
                const generation = this.generation;
                try {
                    await this.connect();
                    this.reconnects++;
                    return;
                } catch (e) {
                    if (this.generation !== generation) {
                        continue; // new credentials arrived meanwhile (update): try them at once
                    }
                    if (e.refused) {
                        needFresh = true;
                        if (!fresh) {
                            continue; // refused credentials we had: ask for fresh ones at once
                        }
                    }
                }
                await this.sleep(pause);
                pause = Math.min(LONGEST_PAUSE_MS, pause * 2);
            }
        } finally {
            this.reconnecting = false;
        }
    }

    /**
     * New credentials (and router URL) from the control channel without asking, e.g. a `resumed` after a failover. A
     * bound connection keeps its binding (they serve its next one); a re-binding loop tries them at once.
     */
    update({ url, credentials, expires = null }) {
        this.apply({ url, credentials, expires });
        if (this.wake) {
            this.wake();
        }
    }

    apply({ url, credentials, expires = null }) {
        if (url) {
            this.url = url;
        }
        if (credentials) {
            this.credentials = credentials;
            this.expires = expires ?? null;
            this.generation = (this.generation || 0) + 1;
        }
    }

    expired() {
        return this.expires !== null && Date.now() >= this.expires - EXPIRY_MARGIN_MS;
    }

    /** Waits `ms`, or less when `update` brings new credentials. */
    sleep(ms) {
        return new Promise((resolve) => {
            const timer = setTimeout(done, ms);
            const self = this;
            function done() {
                clearTimeout(timer);
                if (self.wake === done) {
                    self.wake = null;
                }
                resolve();
            }
            this.wake = done;
        });
    }

    /** Gives up for good: the participant is no longer in the meeting. */
    stop(reason) {
        this.stopReason = reason;
        this.close();
        this.emit('stopped');
    }

    send(packet) {
        const socket = this.socket;
        if (!this.bound || !socket || socket.readyState !== WebSocket.OPEN || socket.bufferedAmount > SEND_BUFFER_LIMIT) {
            this.dropped++;
            return false;
        }
        socket.send(packet);
        this.packetsOut++;
        return true;
    }

    /**
     * Issue 22: times this socket's own round trip — {type: 'probe', id} out, the router's echo back on the same
     * socket (WebSocketMediaEndpoint answers at most one per 200 ms). Nothing while unbound or one is awaited.
     */
    probe() {
        const socket = this.socket;
        if (!this.bound || !socket || socket.readyState !== WebSocket.OPEN) {
            return;
        }
        const id = this.roundTrip.next();
        if (id !== null) {
            socket.send(JSON.stringify({ type: 'probe', id }));
        }
    }

    /** The last round trip this socket measured, in ms, or null. */
    roundTripMs() {
        return this.roundTrip.lastMs;
    }

    /** Test hook: drops the connection as a network failure would; it re-binds by itself. */
    dropConnection() {
        if (this.socket) {
            this.socket.close(4000, 'dropped by the client');
        }
    }

    close() {
        this.closed = true;
        if (this.wake) {
            this.wake();
        }
        this.pending?.close(1000, 'left');
        if (this.socket) {
            this.socket.close(1000, 'left');
        }
    }

    emit(type) {
        this.dispatchEvent(new Event(type));
    }
}

// The control channel (wss://…/api/v1/mmr/control), the protocol of client/…/control/ControlSession.java: join with
// the lookup's join token, ping every 20 s (the router closes a connection silent for 60 s), and after a dropped
// connection resume the seat with sessionId and resumeToken and lastChatId, retrying with growing pauses for the
// router's grace period (30 s). Chat written while the channel is down is queued and sent after `resumed`.

const KEEP_ALIVE_MS = 20000;
const OPEN_TIMEOUT_MS = 8000;
const RESUME_GRACE_MS = 30000;
const FIRST_PAUSE_MS = 500;
const LONGEST_PAUSE_MS = 4000;
const OUTBOX_LIMIT = 100;

/**
 * Events (CustomEvent, detail = the message): `joined`, `waiting`, `admitted`, `resumed`, `roster`, `chat`, `error`,
 * `removed`, `ended`, plus `state` with detail {state: 'connected'|'reconnecting'|'closed', reason}.
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
    }

    /** Connects and joins; resolves with the `joined` (or `waiting`) message. */
    async join() {
        const welcome = await this.connect({ type: 'join', joinToken: this.joinToken });
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
                        resolve(message);
                        this.emit(message.type, message);
                        if (message.type === 'resumed') {
                            this.flushOutbox();
                        }
                    } else if (message.type === 'error') {
                        clearTimeout(timer);
                        socket.onclose = null;
                        socket.close();
                        reject(Object.assign(new Error(message.message), { code: message.code }));
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
        if (message.type !== 'pong') {
            this.emit(message.type, message);
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
        while (!this.finished && performance.now() < giveUpAt) {
            if (pause > 0) {
                await new Promise((r) => setTimeout(r, pause));
            }
            try {
                await this.connect({ type: 'resume', ...this.seat, lastChatId: this.lastChatId });
                this.reconnects++;
                return;
            } catch (e) {
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
            this.emit('state', { state: 'closed', reason: 'could not get back into the meeting' });
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
    }

    emit(type, detail) {
        this.dispatchEvent(new CustomEvent(type, { detail }));
    }
}

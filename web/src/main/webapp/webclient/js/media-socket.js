// Media over WebSocket/TLS (wss://…/api/v1/mmr/media), as client/…/media/WebSocketMediaConnection.java: the first
// text frame carries {token, password}, the router answers {"type":"bound"}, then every binary frame is one RTP or
// RTCP packet, both ways. The router attaches the socket to its relay as a virtual endpoint, so UDP, TCP and browser
// participants hear each other.

const BIND_TIMEOUT_MS = 8000;
/** Past this many bytes waiting in the socket, new packets are dropped: late media is worse than lost media. */
const SEND_BUFFER_LIMIT = 512 * 1024;
const LONGEST_PAUSE_MS = 4000;

export class MediaSocket extends EventTarget {
    /**
     * @param credentials {token, password} from the assignment
     * @param refresh async () => {url, credentials} — new credentials (and router) after the old ones were refused
     */
    constructor(kind, url, credentials, onPacket, refresh) {
        super();
        this.kind = kind;
        this.url = url;
        this.credentials = credentials;
        this.onPacket = onPacket;
        this.refresh = refresh;
        this.socket = null;
        this.bound = false;
        this.closed = false;
        this.dropped = 0;
        this.packetsIn = 0;
        this.packetsOut = 0;
        this.reconnects = 0;
    }

    /** Resolves once bound; rejects with {refused: true} when the router refused the credentials. */
    connect() {
        return new Promise((resolve, reject) => {
            const socket = new WebSocket(this.url);
            socket.binaryType = 'arraybuffer';
            let bound = false;
            const timer = setTimeout(() => socket.close(), BIND_TIMEOUT_MS);
            socket.onopen = () => socket.send(JSON.stringify(this.credentials));
            socket.onmessage = (event) => {
                if (typeof event.data === 'string') {
                    let message = {};
                    try {
                        message = JSON.parse(event.data);
                    } catch (e) {
                        // ignored: only `bound` is expected
                    }
                    if (message.type === 'bound' && !bound) {
                        bound = true;
                        clearTimeout(timer);
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
                if (!bound) {
                    reject(Object.assign(new Error(`${this.kind}: ${event.reason || 'media connection failed'}`),
                        { refused: event.code === 1008 }));
                    return;
                }
                if (socket === this.socket) {
                    this.bound = false;
                    this.socket = null;
                    if (!this.closed) {
                        this.emit('lost');
                        this.reconnect();
                    }
                }
            };
        });
    }

    /** Re-binds after a drop: the same credentials first, new ones from the zone controller when refused. */
    async reconnect() {
        let pause = 250;
        while (!this.closed) {
            try {
                await this.connect();
                this.reconnects++;
                return;
            } catch (e) {
                if (e.refused) {
                    try {
                        const fresh = await this.refresh();
                        this.url = fresh.url;
                        this.credentials = fresh.credentials;
                        continue;
                    } catch (ignored) {
                        // the controller is not reachable either: wait and try again
                    }
                }
            }
            await new Promise((r) => setTimeout(r, pause));
            pause = Math.min(LONGEST_PAUSE_MS, pause * 2);
        }
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

    /** Test hook: drops the connection as a network failure would; it re-binds by itself. */
    dropConnection() {
        if (this.socket) {
            this.socket.close(4000, 'dropped by the client');
        }
    }

    close() {
        this.closed = true;
        if (this.socket) {
            this.socket.close(1000, 'left');
        }
    }

    emit(type) {
        this.dispatchEvent(new Event(type));
    }
}

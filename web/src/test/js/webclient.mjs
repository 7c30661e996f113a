// Test support for the web client's modules (webclient/js): loads a module from its source as the browser's ES module
// (through data: URLs, its relative imports rewritten the same way, so no package.json is needed), and fakes of the
// browser's WebSocket and fetch that stand in for the routers and zone controllers.
import { readFileSync } from 'node:fs';

const root = new URL('../../main/webapp/webclient/js/', import.meta.url);
const urls = new Map();

function dataUrl(name) {
    if (!urls.has(name)) {
        const source = readFileSync(new URL(name, root), 'utf8').replace(/(\bfrom\s*|\bimport\s*)(['"])\.\/([\w-]+\.js)\2/g,
            (match, keyword, quote, dependency) => `${keyword}${quote}${dataUrl(dependency)}${quote}`);
        // Quotes too: the URL goes inside the importer's quotes.
        urls.set(name, `data:text/javascript,${encodeURIComponent(source).replace(/'/g, '%27')}`);
    }
    return urls.get(name);
}

/** The module `name` (e.g. 'meeting.js'); the same instance for every importer. */
export function load(name) {
    return import(dataUrl(name));
}

/** Lets sockets, promises and the short timers of the code under test run. */
export function settle(ms = 0) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `condition` until it holds (or fails after `ms`). */
export async function until(condition, what, ms = 3000) {
    const giveUp = Date.now() + ms;
    while (!condition()) {
        if (Date.now() > giveUp) {
            throw new Error(`timed out waiting for ${what}`);
        }
        await settle(5);
    }
}

/**
 * A network of fake WebSockets. `handlers` maps a URL to a server: `{accept(socket), message(socket, text)}`; a URL
 * without a handler (or whose router is `down`) fails as an unreachable host does (close 1006, never opened).
 */
export class FakeNetwork {
    constructor() {
        this.sockets = [];
        this.handlers = new Map();
        this.down = new Set();
        const network = this;
        this.WebSocket = class FakeWebSocket {
            static CONNECTING = 0;
            static OPEN = 1;
            static CLOSING = 2;
            static CLOSED = 3;

            constructor(url) {
                this.url = url;
                this.sent = [];
                this.readyState = 0;
                this.bufferedAmount = 0;
                this.closedWith = null;
                network.sockets.push(this);
                setImmediate(() => network.route(this));
            }

            send(data) {
                if (this.readyState !== 1) {
                    throw new Error('not open');
                }
                this.sent.push(data);
                setImmediate(() => network.handler(this)?.message?.(this, data));
            }

            /** The client closes. */
            close(code = 1000, reason = '') {
                this.serverClose(code, reason);
            }

            // ---- the server's side ----

            /** JSON text frame (an object) or a binary frame (a Uint8Array) to the client. */
            deliver(message) {
                if (this.readyState !== 1) {
                    return;
                }
                const data = message instanceof Uint8Array ? message.buffer : JSON.stringify(message);
                this.onmessage?.({ data });
            }

            serverClose(code, reason = '') {
                if (this.readyState === 3) {
                    return;
                }
                this.readyState = 3;
                this.closedWith = { code, reason };
                setImmediate(() => this.onclose?.({ code, reason, wasClean: code !== 1006 }));
            }

            /** The JSON text frames the client sent. */
            messages() {
                return this.sent.filter((d) => typeof d === 'string').map((d) => JSON.parse(d));
            }
        };
    }

    handler(socket) {
        return this.down.has(new URL(socket.url).host) ? null : this.handlers.get(socket.url);
    }

    route(socket) {
        const handler = this.handler(socket);
        if (!handler) {
            socket.serverClose(1006, '');
            return;
        }
        socket.readyState = 1;
        socket.onopen?.();
        handler.accept?.(socket);
    }

    /** Sockets opened to `url` (in order), optionally only the open ones. */
    to(url, { open = false } = {}) {
        return this.sockets.filter((s) => s.url === url && (!open || s.readyState === 1));
    }

    /**
     * A router's media endpoint: binds a first frame whose token `valid` accepts ({"type":"bound"}), refuses any other
     * with close 1008, and once bound echoes round-trip probes ({"type":"probe","id"}), as WebSocketMediaEndpoint does.
     */
    mediaRouter(url, valid) {
        this.handlers.set(url, {
            message(socket, text) {
                const frame = JSON.parse(text);
                if (socket.bound) {
                    if (frame.type === 'probe') {
                        socket.deliver({ type: 'probe', id: frame.id });
                    }
                    return;
                }
                if (valid(frame)) {
                    socket.bound = frame;
                    socket.deliver({ type: 'bound' });
                } else {
                    socket.serverClose(1008, 'invalid, expired or forged media credentials');
                }
            },
        });
    }

    /** A router's control endpoint: `answer(socket, message)` replies to each message the client sends. */
    controlRouter(url, answer) {
        this.handlers.set(url, { message: (socket, text) => answer(socket, JSON.parse(text)) });
    }
}

/** Media credentials as a router hands them out: {audio, video, content: {token, password}}. */
export function grant(tag) {
    return Object.fromEntries(['audio', 'video', 'content'].map((kind) => [kind,
        { token: `${tag}-${kind}-token`, password: `${tag}-${kind}-password` }]));
}

/** A page side for a Meeting that records what it was told. */
export function fakeView() {
    const calls = [];
    const record = (name) => (...args) => {
        calls.push([name, ...args]);
    };
    return {
        calls,
        told: (name) => calls.filter((c) => c[0] === name).map((c) => c.slice(1)),
        roster: record('roster'),
        connection: record('connection'),
        admitted: record('admitted'),
        notice: record('notice'),
        ended: record('ended'),
        chat: record('chat'),
        removeRemote: record('removeRemote'),
        remoteVideo: () => null,
    };
}

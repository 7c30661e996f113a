// One joined meeting: the control channel, one media WebSocket per media type, the local senders and a receiver per
// remote stream. Knows nothing of the page: it talks to a `view` (see app.js) and keeps the counters tests read.
//
// Media opens only once the participant is in the meeting, with the credentials of the control channel: at once after
// `joined`, after `admitted` for one that waited — a participant in the waiting room connects no media. Fresh
// credentials come from the control channel too (`media-credentials`, or the `resumed` after a failover).

import { Webinar, stagePasses } from './webinar.js';
import { assign } from './connection.js';
import { ControlChannel, controlErrorText } from './control.js';
import { MediaSocket } from './media-socket.js';
import { isTestPacket, parsePictureLoss, parseRtp, pictureLossIndication, PAYLOAD_TYPE, ssrcOf } from './rtp.js';
import { VideoReceiver, VideoSender } from './video.js';
import { AudioReceiver, AudioSender } from './audio.js';
import { QualityReporter } from './quality.js';

export const MEDIA_KINDS = ['audio', 'video', 'content'];

function remoteCounters() {
    return {
        audio: { packets: 0, framesDecoded: 0, level: 0 },
        video: { packets: 0, framesDecoded: 0, framesLost: 0, width: 0, height: 0, lastFrameAt: 0 },
        content: { packets: 0, framesDecoded: 0, framesLost: 0, width: 0, height: 0, lastFrameAt: 0 },
    };
}

export class Meeting extends EventTarget {
    /**
     * @param session {joinInfo, controllers, assignment, name} — the outcome of the connection process
     * @param engine the audio engine (audio.js)
     * @param view the page's side (app.js)
     */
    constructor(session, engine, view) {
        super();
        this.joinInfo = session.joinInfo;
        this.controllers = session.controllers;
        this.assignment = session.assignment;
        this.engine = engine;
        this.view = view;
        this.participants = new Map();
        this.ssrcs = new Map();
        this.receivers = new Map();
        this.remotes = new Map();
        this.senders = {};
        this.sockets = {};
        this.chat = [];
        this.counters = {
            audio: { framesEncoded: 0 },
            video: { framesEncoded: 0, keyFramesEncoded: 0 },
            content: { framesEncoded: 0, keyFramesEncoded: 0 },
            otherPackets: 0,
        };
        this.state = 'connecting';
        this.reassigning = null;
        this.mediaOpening = null;
        this.waitingReason = null;
    }

    /** Phase 4 and 5: the control channel, then every media type over WebSocket/TLS. */
    async open(onPhase) {
        const started = performance.now();
        this.control = new ControlChannel(this.assignment.controlUrl, this.joinInfo.joinToken,
            () => this.reassign(true).then((a) => a.controlUrl));
        this.listen();
        this.control.stagePass = stagePasses.get(this.assignment.meetingId);
        const welcome = await this.control.join();
        this.self = { id: welcome.participantId, role: welcome.role };
        this.webinar = new Webinar(this.control, welcome); // issue 23; `enabled` is false in a meeting
        this.ssrc = ssrcOf(welcome.participantId);
        this.roster(welcome.roster || []);
        onPhase('control', performance.now() - started, welcome.type === 'waiting' ? 'in the waiting room' :
            `joined as ${welcome.participantId}`);
        if (this.state === 'left') {
            return welcome; // removed or ended while joining
        }
        if (welcome.type === 'waiting') {
            // No media in the waiting room: the credentials come with `admitted` (see listen()).
            this.state = 'waiting';
            this.waitingReason = welcome.reason || null;
            return welcome;
        }
        this.state = 'in-meeting';
        const mediaStart = performance.now();
        await this.openMedia(welcome, false);
        onPhase('media', performance.now() - mediaStart, 'audio, video and content over WebSocket/TLS');
        this.quality = new QualityReporter(this.control, MEDIA_KINDS, (kind) => this.sockets[kind] || null);
        return welcome;
    }

    /**
     * Phase 5, once: one media WebSocket per media type, bound with the credentials `grant` (a `joined`, `admitted` or
     * `resumed` message) carries, or fresh ones asked for on the control channel when it carries none. With `retry`,
     * a media type whose first bind fails keeps trying by itself; without, the failure rejects (the join fails).
     */
    openMedia(grant, retry) {
        if (!this.mediaOpening) {
            this.mediaOpening = this.startMedia(grant, retry);
        }
        return this.mediaOpening;
    }

    async startMedia(grant, retry) {
        let message = grant;
        if (!message?.media) {
            message = await this.control.mediaCredentials();
        }
        if (this.state === 'left') {
            return;
        }
        const url = this.assignment.media.wssUrl;
        const expires = expiryOf(message);
        await Promise.all(MEDIA_KINDS.map((kind) => {
            const socket = new MediaSocket(kind, url, message.media[kind], (packet) => this.inbound(kind, packet),
                () => this.freshCredentials(kind), expires);
            socket.addEventListener('lost', () => this.view.connection('reconnecting', `${kind} media lost`));
            socket.addEventListener('bound', () => this.connectionSettled());
            socket.addEventListener('stopped', () => {
                if (this.state !== 'left') {
                    this.view.notice(`${kind} media stopped: ${socket.stopReason}`);
                }
            });
            this.sockets[kind] = socket;
            const bound = socket.connect();
            return retry ? bound.catch((e) => socket.reconnect(e.refused)) : bound;
        }));
    }

    listen() {
        const c = this.control;
        c.addEventListener('roster', (e) => this.rosterEvent(e.detail));
        c.addEventListener('resumed', (e) => {
            this.roster(e.detail.roster || []);
            if (e.detail.media) {
                if (this.state === 'waiting') {
                    this.enter(e.detail); // the router says we are in the meeting: its credentials say so
                } else {
                    this.renewMedia(e.detail);
                }
            }
            this.connectionSettled();
        });
        c.addEventListener('role', (e) => this.changeRole(e.detail));
        c.addEventListener('admitted', (e) => {
            this.roster(e.detail.roster || []);
            this.enter(e.detail);
        });
        c.addEventListener('chat', (e) => {
            this.chat.push(e.detail);
            this.view.chat(e.detail, e.detail.from === this.self?.id);
        });
        c.addEventListener('error', (e) => this.view.notice(controlErrorText(e.detail.code, e.detail.message)));
        c.addEventListener('removed', () => this.finish('You were removed from the meeting.'));
        c.addEventListener('ended', () => this.finish('The host ended the meeting.'));
        c.addEventListener('state', (e) => {
            if (e.detail.state === 'reconnecting') {
                this.view.connection('reconnecting', e.detail.reason);
            } else if (e.detail.state === 'closed' && this.state !== 'left') {
                this.finish(`Disconnected: ${e.detail.reason}`);
            }
        });
    }

    /** Admitted from the waiting room: media now, with the admitting message's credentials, then the senders. */
    enter(message) {
        if (this.state !== 'waiting') {
            return;
        }
        this.state = 'in-meeting';
        this.waitingReason = null;
        this.openMedia(message, true).catch((e) => this.view.notice(`Media could not connect: ${e.message}`));
        this.view.admitted();
    }

    /**
     * Credentials that came without asking (a `resumed`, possibly from another router after a failover): every media
     * type re-binds with them at the current assignment's router when it is not bound.
     */
    renewMedia(message) {
        const expires = expiryOf(message);
        for (const kind of MEDIA_KINDS) {
            const socket = this.sockets[kind];
            if (socket && message.media[kind]) {
                socket.update({ url: this.assignment.media.wssUrl, credentials: message.media[kind], expires });
                if (!socket.bound) {
                    socket.reconnect();
                }
            }
        }
    }

    /**
     * Issue 23: a host promoted or demoted us in a webinar. The router's new credentials (send-capable or receive-only)
     * replace the old ones on every media type at once: a new binding each, on the same control connection. A demoted
     * participant's connections were revoked already; a promoted one's still receive and must bind anew to send.
     */
    changeRole(message) {
        if (this.self) {
            this.self.role = message.role;
        }
        // A promotion's pass keeps the role across a rejoin; a demotion revoked it on the server.
        stagePasses.set(this.assignment.meetingId, message.canSend ? message.stagePass || null : null);
        if (!message.media) {
            this.view.notice(`Your role is now ${message.role}, but media could not be renewed: ${message.error || ''}`);
            return;
        }
        const expires = expiryOf(message);
        for (const kind of MEDIA_KINDS) {
            const socket = this.sockets[kind];
            if (socket && message.media[kind]) {
                socket.update({ url: this.assignment.media.wssUrl, credentials: message.media[kind], expires });
                socket.reconnect();
            }
        }
        if (!message.canSend) {
            for (const kind of Object.keys(this.senders)) {
                this.stopSending(kind);
            }
        }
        this.view.role?.(message);
    }

    connectionSettled() {
        if (this.state === 'waiting') {
            if (this.control.up) {
                this.view.connection('waiting', '');
            }
            return; // no media in the waiting room
        }
        const allBound = MEDIA_KINDS.every((k) => this.sockets[k]?.bound);
        if (this.control.up && allBound) {
            this.view.connection('connected', '');
        }
    }

    roster(list) {
        this.participants.clear();
        for (const p of list) {
            this.participants.set(p.id, p);
            this.ssrcs.set(ssrcOf(p.id), p.id);
        }
        this.view.roster([...this.participants.values()], this.self?.id);
    }

    rosterEvent(message) {
        const p = message.participant;
        if (message.event === 'left') {
            this.participants.delete(p.id);
            this.dropRemote(ssrcOf(p.id));
        } else if (p.state !== 'waiting') {
            this.participants.set(p.id, p);
            this.ssrcs.set(ssrcOf(p.id), p.id);
        }
        this.view.roster([...this.participants.values()], this.self?.id);
    }

    /** Every packet of one media connection: PLIs for our senders, RTP to the receiver of its SSRC. */
    inbound(kind, bytes) {
        const pli = parsePictureLoss(bytes);
        if (pli !== null) {
            if (pli === this.ssrc && this.senders[kind] instanceof VideoSender) {
                this.senders[kind].requestKeyFrame();
            }
            return;
        }
        const rtp = parseRtp(bytes);
        if (!rtp || isTestPacket(rtp) || rtp.ssrc === this.ssrc) {
            this.counters.otherPackets++;
            return;
        }
        const expected = kind === 'audio' ? PAYLOAD_TYPE.opus : kind === 'video' ? PAYLOAD_TYPE.vp8 :
            PAYLOAD_TYPE.contentVp8;
        if (rtp.payloadType !== expected) {
            this.counters.otherPackets++;
            return;
        }
        this.quality?.receiving[kind]?.received(rtp.ssrc, rtp.sequence, rtp.timestamp);
        this.receiver(kind, rtp.ssrc).push(rtp);
    }

    receiver(kind, ssrc) {
        const key = `${kind}:${ssrc}`;
        let receiver = this.receivers.get(key);
        if (!receiver) {
            if (!this.remotes.has(ssrc)) {
                this.remotes.set(ssrc, remoteCounters());
            }
            const counters = this.remotes.get(ssrc)[kind];
            if (kind === 'audio') {
                receiver = new AudioReceiver(this.engine, ssrc, counters);
            } else {
                const canvas = this.view.remoteVideo(this.remoteKey(ssrc), kind);
                receiver = new VideoReceiver(canvas, counters,
                    () => this.sockets[kind]?.send(pictureLossIndication(this.ssrc, ssrc)));
            }
            this.receivers.set(key, receiver);
        }
        return receiver;
    }

    remoteKey(ssrc) {
        return this.ssrcs.get(ssrc) || `ssrc-${ssrc.toString(16)}`;
    }

    dropRemote(ssrc) {
        for (const kind of MEDIA_KINDS) {
            const key = `${kind}:${ssrc}`;
            this.receivers.get(key)?.close();
            this.receivers.delete(key);
        }
        this.view.removeRemote(this.remoteKey(ssrc));
    }

    /**
     * A new assignment for our seat when its router cannot be reached (failover; resume credentials: the join token
     * may have expired by now); shared. It names the router (control and media URLs) only: the media credentials
     * come with the `resumed` of the control channel there (see renewMedia).
     */
    reassign(routerUnreachable) {
        if (!this.reassigning) {
            const resume = this.control.seat;
            this.reassigning = assign(this.controllers, this.joinInfo.joinToken, resume,
                routerUnreachable ? this.assignment.router : null).then((a) => {
                this.assignment = a;
                return a;
            }).finally(() => setTimeout(() => {
                this.reassigning = null;
            }, 2000));
        }
        return this.reassigning;
    }

    /**
     * Fresh credentials of one media type from the control channel (`media-credentials`; shared by the media types
     * asking at once), at the current assignment's router. Rejects {final: true} when we are no longer in the meeting.
     */
    async freshCredentials(kind) {
        if (this.state === 'left') {
            throw Object.assign(new Error('no longer in the meeting'), { final: true });
        }
        const message = await this.control.mediaCredentials();
        if (!message.media[kind]) {
            throw new Error(`no ${kind} credentials in the answer`);
        }
        return { url: this.assignment.media.wssUrl, credentials: message.media[kind], expires: expiryOf(message) };
    }

    startAudio(track) {
        this.senders.audio?.close();
        this.senders.audio = new AudioSender(this.engine, track, this.ssrc, PAYLOAD_TYPE.opus,
            (p) => this.sockets.audio?.send(p), this.counters.audio);
    }

    startVideo(kind, track) {
        this.senders[kind]?.close();
        this.senders[kind] = new VideoSender(track, this.ssrc, kind === 'video' ? PAYLOAD_TYPE.vp8 :
            PAYLOAD_TYPE.contentVp8, (p) => this.sockets[kind]?.send(p), this.counters[kind],
            kind === 'content' ? { bitrate: 1_200_000, fps: 15 } : {});
    }

    stopSending(kind) {
        this.senders[kind]?.close();
        delete this.senders[kind];
    }

    setMuted(media, muted) {
        if (media === 'audio' && this.senders.audio) {
            this.senders.audio.muted = muted;
        }
        this.control.mute(media, muted);
    }

    sendChat(text) {
        this.control.chat(text);
    }

    /** Drops the control channel and every media connection as a network failure would; all come back by themselves. */
    dropConnections() {
        this.control.dropConnection();
        for (const kind of MEDIA_KINDS) {
            this.sockets[kind]?.dropConnection();
        }
    }

    leave() {
        if (this.state === 'left') {
            return;
        }
        this.control.leave();
        this.finish('You left the meeting.');
    }

    finish(reason) {
        if (this.state === 'left') {
            return;
        }
        this.state = 'left';
        this.quality?.stop();
        this.control.finish();
        for (const kind of MEDIA_KINDS) {
            this.senders[kind]?.close();
            this.sockets[kind]?.close();
        }
        for (const r of this.receivers.values()) {
            r.close();
        }
        this.receivers.clear();
        this.view.ended(reason);
    }

    /** What the tests and the stats overlay read; documented in the README ("Web client"). */
    stats() {
        const remotes = {};
        for (const [ssrc, counters] of this.remotes) {
            const id = this.remoteKey(ssrc);
            remotes[id] = { name: this.participants.get(id)?.name ?? null, ssrc, ...structuredClone(counters) };
        }
        const media = {};
        for (const kind of MEDIA_KINDS) {
            const s = this.sockets[kind];
            // The transport is named as the desktop client names it: a browser's media is always WebSocket over TLS
            // (no UDP upgrade here), which is what the stats overlay and the tests show.
            media[kind] = s ? { transport: 'WEBSOCKET', bound: s.bound, packetsIn: s.packetsIn, packetsOut: s.packetsOut,
                dropped: s.dropped, reconnects: s.reconnects, rttMs: s.roundTripMs() } : null;
        }
        return {
            state: this.state,
            meetingId: this.assignment.meetingId,
            participantId: this.self?.id ?? null,
            ssrc: this.ssrc ?? null,
            router: this.assignment.router,
            zone: this.assignment.zone,
            controlConnected: this.control?.up ?? false,
            controlReconnects: this.control?.reconnects ?? 0,
            sent: structuredClone(this.counters),
            media,
            remotes,
            participants: [...this.participants.values()].map((p) => ({ id: p.id, name: p.name, state: p.state,
                audioMuted: p.audioMuted, videoMuted: p.videoMuted })),
            chat: this.chat.map((m) => ({ id: m.id, from: m.from, name: m.name, text: m.text })),
            webinar: this.webinar?.enabled ? this.webinar.stats() : null,
        };
    }
}

/** `mediaExpires` of a control message in ms since the epoch; null when absent or unreadable. */
function expiryOf(message) {
    const at = Date.parse(message?.mediaExpires);
    return Number.isFinite(at) ? at : null;
}

// The join page: the lobby (meeting id, name, passcode, camera preview, the connection process step by step) and the
// meeting room (video grid, screen share, controls, people, chat, stats). `window.conferoClient` exposes the counters
// (README, "Web client").

import { assign, lookup, ProblemError, selectZone } from './connection.js';
import { audioEngine } from './audio.js';
import { Meeting } from './meeting.js';
import { controlErrorText } from './control.js';
import { renderWebinar, showWebinar } from './webinar-view.js';

const $ = (id) => document.getElementById(id);
const STEPS = ['lookup', 'zone', 'assign', 'control', 'media'];
const PROBLEM_TEXT = {
    'meeting-not-found': 'There is no meeting with this ID.',
    'meeting-ended': 'This meeting has ended.',
    'wrong-passcode': 'The passcode is missing or wrong.',
    'too-many-attempts': 'Too many wrong passcodes. Wait a few minutes and try again.',
    'webinar-full': 'This webinar is full. Try again later.',
};

const ui = {
    local: null,
    micOn: true,
    camOn: true,
    screen: null,
    meeting: null,
    phase: 'lobby',
    unread: 0,
    tiles: new Map(),
    contentTiles: new Map(),
    timers: [],
    engine: null,
};

/** What tests read (`window.conferoClient.stats()`), and a way to drop the connections as a network failure would. */
window.conferoClient = Object.freeze({
    stats: () => (ui.meeting ? ui.meeting.stats() : { state: ui.phase, remotes: {} }),
    dropConnections: () => ui.meeting?.dropConnections(),
});

/** Issue 23: a panelist link carries its code in the URL fragment (`#panelist=…`), which is never sent to a server. */
function panelistCodeFromFragment() {
    return new URLSearchParams(location.hash.slice(1)).get('panelist') || '';
}

function meetingIdFromPath() {
    const match = location.pathname.match(/^\/join\/([0-9][0-9 -]*)$/);
    return match ? decodeURIComponent(match[1]) : '';
}

function formatId(id) {
    const digits = id.replace(/\D/g, '');
    return digits.length === 11 ? `${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}` : digits;
}

// ---- lobby ----------------------------------------------------------------------------------------------------

async function startPreview() {
    if (!navigator.mediaDevices?.getUserMedia) {
        $('device-hint').textContent = 'This browser gives the page no camera or microphone (is the page on HTTPS?).';
        return;
    }
    try {
        ui.local = await navigator.mediaDevices.getUserMedia({
            audio: { echoCancellation: true, noiseSuppression: true, channelCount: 1 },
            video: { width: { ideal: 640 }, height: { ideal: 360 }, frameRate: { ideal: 30 } },
        });
    } catch (e) {
        try {
            ui.local = await navigator.mediaDevices.getUserMedia({ audio: true });
            ui.camOn = false;
            $('device-hint').textContent = 'No camera available: you can still join with your microphone.';
        } catch (e2) {
            ui.local = null;
            ui.micOn = false;
            ui.camOn = false;
            $('device-hint').textContent = 'No camera or microphone allowed: you will see and hear the others.';
        }
    }
    $('preview').srcObject = ui.local;
    renderLobbyToggles();
}

function track(kind) {
    return ui.local ? ui.local.getTracks().find((t) => t.kind === kind) : undefined;
}

function renderLobbyToggles() {
    const mic = $('lobby-mic');
    const cam = $('lobby-cam');
    mic.setAttribute('aria-pressed', String(ui.micOn));
    mic.setAttribute('aria-label', ui.micOn ? 'Microphone on' : 'Microphone off');
    mic.classList.toggle('off', !ui.micOn);
    cam.setAttribute('aria-pressed', String(ui.camOn));
    cam.setAttribute('aria-label', ui.camOn ? 'Camera on' : 'Camera off');
    cam.classList.toggle('off', !ui.camOn);
    mic.disabled = !track('audio');
    cam.disabled = !track('video');
    $('preview-off').hidden = ui.camOn;
}

function step(name, state, detail = '') {
    const li = document.querySelector(`#steps li[data-step="${name}"]`);
    li.className = state;
    li.querySelector('.detail').textContent = detail;
}

function ms(value) {
    return `${Math.round(value)} ms`;
}

function join(event) {
    event.preventDefault();
    runJoin();
}

/**
 * The whole connection process from the lobby's fields, always starting with a fresh lookup: a join token is used
 * for one seat only (after `leave` the router answers `error left` to it).
 */
async function runJoin() {
    const meetingId = $('meeting-id').value.replace(/[\s-]/g, '');
    const name = $('name').value.trim();
    const passcode = $('passcode').value;
    $('join-error').textContent = '';
    if (!/^[0-9]{6,20}$/.test(meetingId)) {
        $('join-error').textContent = 'Enter the meeting ID: digits only.';
        $('meeting-id').focus();
        return;
    }
    if (!name) {
        $('join-error').textContent = 'Enter your name.';
        $('name').focus();
        return;
    }
    localStorage.setItem('confero.name', name);
    $('join-button').disabled = true;
    $('steps').hidden = false;
    STEPS.forEach((s) => step(s, ''));
    ui.phase = 'joining';
    let current = 'lookup';
    try {
        // Created in the click's handler, so the browser lets the meeting's audio play.
        const previous = ui.engine;
        ui.engine = null;
        previous?.context.close().catch(() => {});
        const engine = await audioEngine();
        ui.engine = engine;
        const joinStarted = performance.now();
        const phaseSeconds = {}; // issue 22: reported to the router once the join completed
        let t = performance.now();
        step('lookup', 'active');
        const joinInfo = await lookup(meetingId, name, passcode, panelistCodeFromFragment());
        phaseSeconds.lookup = (performance.now() - t) / 1000;
        step('lookup', 'done', `${ms(performance.now() - t)} · ${joinInfo.zones.length} zone(s)`);
        $('topic').textContent = joinInfo.meeting.topic || `Meeting ${formatId(meetingId)}`;

        current = 'zone';
        t = performance.now();
        step('zone', 'active');
        const controllers = await selectZone(joinInfo.zones);
        if (controllers.length === 0) {
            throw new Error('No meeting zone answered within 5.5 s. Your network may block this service.');
        }
        const best = controllers[0];
        phaseSeconds.zone_selection = (performance.now() - t) / 1000;
        step('zone', 'done', `${best.zone} · rtt ${best.rtt.toFixed(1)} ms · ${ms(performance.now() - t)}`);

        current = 'assign';
        t = performance.now();
        step('assign', 'active');
        const assignment = await assign(controllers, joinInfo.joinToken);
        phaseSeconds.assignment = (performance.now() - t) / 1000;
        step('assign', 'done', `router ${assignment.router} · ${ms(performance.now() - t)}`);

        current = 'control';
        step('control', 'active');
        const meeting = new Meeting({ joinInfo, controllers, assignment }, engine, view);
        ui.meeting = meeting;
        await meeting.open((phase, took, detail) => {
            phaseSeconds[phase] = took / 1000;
            step(phase, 'done', `${detail} · ${ms(took)}`);
            if (phase === 'control') {
                current = 'media';
                step('media', 'active');
            }
        });
        if (meeting.state === 'left') {
            joinOver(); // removed or ended while joining: view.ended shows why
            return;
        }
        if (meeting.state === 'waiting') {
            step('media', '', 'once a host lets you in');
        } else {
            phaseSeconds.total = (performance.now() - joinStarted) / 1000;
            meeting.quality?.joinCompleted(phaseSeconds);
        }
        enterRoom(meeting);
    } catch (e) {
        step(current, 'failed');
        if (ui.phase === 'ended') {
            joinOver(); // removed or ended while joining: view.ended shows why, not the failure that followed
            return;
        }
        ui.phase = 'lobby';
        ui.meeting?.control?.leave(); // give up the seat at once rather than after the grace period
        ui.meeting?.finish('');
        ui.meeting = null;
        // A refusal of the zone controller (problem type) or of the control channel (error code, e.g. left,
        // meeting-full) in words; anything else as it failed.
        $('join-error').textContent = e instanceof ProblemError ? (PROBLEM_TEXT[e.type] || e.message) :
            e.code ? controlErrorText(e.code, e.message) : (e.message || 'Could not join the meeting.');
        $('join-button').disabled = false;
    }
}

/** The meeting ended for us while we were joining: the end's page instead of the lobby. */
function joinOver() {
    ui.meeting = null;
    $('lobby').hidden = true;
    $('join-button').disabled = false;
}

// ---- meeting room ---------------------------------------------------------------------------------------------

function enterRoom(meeting) {
    ui.phase = 'in-meeting';
    $('lobby').hidden = true;
    $('room').hidden = false;
    $('ended').hidden = true;
    const self = localTile();
    $('grid').prepend(self);
    renderControls();
    layout();
    ui.timers.push(setInterval(renderStats, 1000), setInterval(highlightSpeakers, 300));
    if (meeting.state === 'waiting') {
        view.connection('waiting', meeting.waitingReason === 'removed'
            ? 'A host removed you from this meeting earlier: you wait here until a host lets you in again.' : '');
        return; // media starts when a host admits us (view.admitted)
    }
    view.connection('connected', '');
    showWebinar(meeting, () => ui.stage || []);
    layout();
    if (meeting.webinar?.enabled && !meeting.webinar.canSend) {
        view.notice('You are an attendee: you see and hear the panelists; raise your hand or ask in Q&A.');
        return; // the router's credentials receive only: nothing to send until a host promotes us (view.role)
    }
    startSending(meeting);
}

function startSending(meeting) {
    const audio = track('audio');
    if (audio) {
        meeting.startAudio(audio);
        meeting.setMuted('audio', !ui.micOn);
        audio.enabled = ui.micOn;
    }
    const video = track('video');
    if (video && ui.camOn) {
        meeting.startVideo('video', video);
    } else {
        meeting.setMuted('video', true);
    }
}

/** The tiles of participants whose decoded audio is loud enough, outlined while they speak. */
function highlightSpeakers() {
    const remotes = ui.meeting?.stats().remotes || {};
    for (const [id, tile] of ui.tiles) {
        const r = remotes[id];
        const frames = r ? r.audio.framesDecoded : 0;
        // Still arriving (the level of a sender that went quiet is the last one it sent) and loud enough.
        const speaking = r && frames > Number(tile.dataset.audioFrames || 0) && r.audio.level > 0.02;
        tile.dataset.audioFrames = String(frames);
        tile.classList.toggle('speaking', Boolean(speaking));
    }
}

function localTile() {
    let tile = ui.tiles.get('self');
    if (!tile) {
        tile = $('tile-template').content.firstElementChild.cloneNode(true);
        tile.classList.add('self');
        const video = document.createElement('video');
        video.className = 'video mirror';
        video.muted = true;
        video.autoplay = true;
        video.playsInline = true;
        video.srcObject = ui.local;
        tile.querySelector('canvas').replaceWith(video);
        tile.querySelector('.name').textContent = `${$('name').value.trim()} (you)`;
        tile.querySelector('.avatar').textContent = initials($('name').value);
        ui.tiles.set('self', tile);
    }
    tile.classList.toggle('camera-off', !ui.camOn);
    tile.querySelector('.muted-icon').hidden = ui.micOn;
    return tile;
}

function initials(name) {
    return (name || '?').trim().split(/\s+/).slice(0, 2).map((w) => w[0].toUpperCase()).join('');
}

function remoteTile(id) {
    let tile = ui.tiles.get(id);
    if (!tile) {
        tile = $('tile-template').content.firstElementChild.cloneNode(true);
        tile.dataset.participant = id;
        tile.classList.add('camera-off');
        ui.tiles.set(id, tile);
        $('grid').append(tile);
        layout();
    }
    return tile;
}

function layout() {
    // A webinar attendee sends nothing and has no tile of its own (hidden): the stage takes the room.
    const attendee = $('room').classList.contains('attendee');
    const n = [...$('grid').children].filter((t) => !(attendee && t.classList.contains('self'))).length;
    const columns = n <= 1 ? 1 : n <= 4 ? 2 : n <= 9 ? 3 : 4;
    $('grid').style.setProperty('--columns', String(columns));
    $('grid').classList.toggle('with-content', !$('content-stage').hidden);
}

function renderControls() {
    const mic = $('mic');
    mic.setAttribute('aria-pressed', String(!ui.micOn));
    mic.classList.toggle('off', !ui.micOn);
    mic.querySelector('.caption').textContent = ui.micOn ? 'Mute' : 'Unmute';
    mic.disabled = !track('audio');
    const cam = $('cam');
    cam.setAttribute('aria-pressed', String(!ui.camOn));
    cam.classList.toggle('off', !ui.camOn);
    cam.querySelector('.caption').textContent = ui.camOn ? 'Stop video' : 'Start video';
    cam.disabled = !track('video');
    const share = $('share');
    share.setAttribute('aria-pressed', String(Boolean(ui.screen)));
    share.classList.toggle('active', Boolean(ui.screen));
    share.querySelector('.caption').textContent = ui.screen ? 'Stop sharing' : 'Share screen';
    share.disabled = !navigator.mediaDevices?.getDisplayMedia;
    localTile();
}

function toggleMic() {
    ui.micOn = !ui.micOn;
    const audio = track('audio');
    if (audio) {
        audio.enabled = ui.micOn;
    }
    ui.meeting?.setMuted('audio', !ui.micOn);
    ui.meeting ? renderControls() : renderLobbyToggles();
}

function toggleCam() {
    ui.camOn = !ui.camOn;
    const video = track('video');
    if (ui.meeting) {
        if (ui.camOn && video) {
            ui.meeting.startVideo('video', video);
        } else {
            ui.meeting.stopSending('video');
        }
        ui.meeting.setMuted('video', !ui.camOn);
        renderControls();
    } else {
        renderLobbyToggles();
    }
}

async function toggleShare() {
    if (ui.screen) {
        stopShare();
        return;
    }
    try {
        ui.screen = await navigator.mediaDevices.getDisplayMedia({ video: { frameRate: { ideal: 15 } }, audio: false });
    } catch (e) {
        return; // the user chose not to share
    }
    const screenTrack = ui.screen.getVideoTracks()[0];
    screenTrack.addEventListener('ended', stopShare);
    ui.meeting.startVideo('content', screenTrack);
    const stage = $('content-stage');
    stage.replaceChildren(contentFigure('You are sharing your screen', (figure) => {
        const video = document.createElement('video');
        video.className = 'video';
        video.muted = true;
        video.autoplay = true;
        video.srcObject = ui.screen;
        figure.prepend(video);
    }));
    stage.hidden = false;
    layout();
    renderControls();
}

function stopShare() {
    if (!ui.screen) {
        return;
    }
    ui.screen.getTracks().forEach((t) => t.stop());
    ui.screen = null;
    ui.meeting?.stopSending('content');
    $('content-stage').replaceChildren();
    $('content-stage').hidden = true;
    layout();
    renderControls();
}

function contentFigure(caption, fill) {
    const figure = document.createElement('figure');
    figure.className = 'tile content';
    const label = document.createElement('figcaption');
    label.textContent = caption;
    figure.append(label);
    fill(figure);
    return figure;
}

function openPanel(tab) {
    const panel = $('panel');
    const same = !panel.hidden && $(`tab-${tab}`).getAttribute('aria-selected') === 'true';
    panel.hidden = same;
    $('people-button').setAttribute('aria-expanded', String(!panel.hidden && tab === 'people'));
    $('chat-button').setAttribute('aria-expanded', String(!panel.hidden && tab === 'chat'));
    if (!panel.hidden) {
        selectTab(tab);
    }
}

function selectTab(tab) {
    for (const t of ['people', 'chat', 'qa']) {
        $(`tab-${t}`).setAttribute('aria-selected', String(t === tab));
        $(t).hidden = t !== tab;
    }
    if (tab === 'chat') {
        ui.unread = 0;
        $('chat-unread').hidden = true;
        $('chat-input').focus();
    }
}

function sendChat(event) {
    event.preventDefault();
    const text = $('chat-input').value.trim();
    if (!text || !ui.meeting) {
        return;
    }
    try {
        ui.meeting.sendChat(text);
        $('chat-input').value = '';
    } catch (e) {
        view.notice(e.message);
    }
}

function renderStats() {
    if ($('stats').hidden || !ui.meeting) {
        return;
    }
    const s = ui.meeting.stats();
    const lines = [`router ${s.router} · zone ${s.zone} · control ${s.controlConnected ? 'up' : 'down'}`
        + ` (resumed ${s.controlReconnects}×)`];
    for (const [kind, m] of Object.entries(s.media)) {
        if (m) {
            lines.push(`${kind.padEnd(8)} ${m.transport.toLowerCase()} ${m.bound ? 'bound' : 'down '} in ${m.packetsIn}`
                + ` out ${m.packetsOut}`
                + ` dropped ${m.dropped} rebound ${m.reconnects}×`
                + (m.rttMs === null ? '' : ` rtt ${m.rttMs.toFixed(1)} ms`));
        }
    }
    lines.push(`sent     audio ${s.sent.audio.framesEncoded} · video ${s.sent.video.framesEncoded}`
        + ` · content ${s.sent.content.framesEncoded} frames`);
    for (const [id, r] of Object.entries(s.remotes)) {
        lines.push(`${(r.name || id).slice(0, 18).padEnd(18)} video ${r.video.framesDecoded}`
            + ` (${r.video.width}×${r.video.height}, lost ${r.video.framesLost}) · audio ${r.audio.framesDecoded}`
            + ` · content ${r.content.framesDecoded}`);
    }
    $('stats').textContent = lines.join('\n');
}

function showEnded(reason) {
    ui.phase = 'ended';
    stopShare();
    $('room').hidden = true;
    $('ended').hidden = false;
    $('badge').hidden = true;
    $('ended-title').textContent = reason.startsWith('You left') ? 'You left the meeting' : 'The meeting is over for you';
    $('ended-reason').textContent = reason;
}

/**
 * Rejoin after leaving (or removal, the end, a lost connection): the room is cleared and the connection process runs
 * again from the lobby's fields (passcode included) — a fresh lookup and a new join token, never the spent one.
 */
function rejoin() {
    resetRoom();
    $('ended').hidden = true;
    $('lobby').hidden = false;
    $('topic').textContent = '';
    renderLobbyToggles();
    runJoin();
}

/** Forgets the last meeting's room: tiles, content, chat, people, panel, overlay, timers. */
function resetRoom() {
    ui.timers.forEach(clearInterval);
    ui.timers = [];
    ui.meeting = null;
    ui.tiles.clear();
    ui.contentTiles.clear();
    ui.unread = 0;
    $('grid').replaceChildren();
    $('content-stage').replaceChildren();
    $('content-stage').hidden = true;
    $('messages').replaceChildren();
    $('people').replaceChildren();
    $('people-count').textContent = '';
    $('questions').replaceChildren();
    $('answered').replaceChildren();
    $('hands').replaceChildren();
    $('webinar-bar').hidden = true;
    $('room').classList.remove('webinar', 'attendee');
    $('tab-qa').hidden = true;
    $('hand').hidden = true;
    ui.stage = [];
    $('chat-unread').hidden = true;
    $('banner').hidden = true;
    $('badge').hidden = true;
    $('panel').hidden = true;
    $('people-button').setAttribute('aria-expanded', 'false');
    $('chat-button').setAttribute('aria-expanded', 'false');
    $('stats').hidden = true;
    $('stats-button').setAttribute('aria-pressed', 'false');
}

/** The page's side of a Meeting (meeting.js). */
const view = {
    /** Issue 23: promoted (send now) or demoted (the meeting stopped the senders) by a host, live. */
    role(message) {
        if (message.canSend && ui.meeting) {
            startSending(ui.meeting);
            view.notice('A host brought you on stage: you are a panelist now.');
        } else {
            view.notice('A host took you off stage: you are an attendee again.');
        }
        renderWebinar(ui.meeting, ui.stage || []);
        layout();
    },

    roster(participants, selfId) {
        ui.stage = participants;
        if (ui.meeting?.webinar?.enabled) {
            renderWebinar(ui.meeting, participants); // who is on stage, in the live bar
        }
        $('people-count').textContent = `(${participants.length})`;
        const list = $('people');
        list.replaceChildren();
        for (const p of participants) {
            const li = document.createElement('li');
            const avatar = document.createElement('span');
            avatar.className = 'avatar small';
            avatar.textContent = initials(p.name);
            const name = document.createElement('span');
            name.className = 'person';
            name.textContent = p.id === selfId ? `${p.name} (you)` : p.name;
            const status = document.createElement('span');
            status.className = 'status';
            status.textContent = [p.role === 'host' ? 'host' : '', p.state === 'reconnecting' ? 'reconnecting…' : '',
                p.audioMuted ? 'muted' : '', p.videoMuted ? 'video off' : ''].filter(Boolean).join(' · ');
            li.append(avatar, name, status);
            list.append(li);
            if (p.id !== selfId) {
                const tile = remoteTile(p.id);
                tile.querySelector('.name').textContent = p.name;
                tile.querySelector('.avatar').textContent = initials(p.name);
                tile.querySelector('.muted-icon').hidden = !p.audioMuted;
                tile.classList.toggle('reconnecting', p.state === 'reconnecting');
                // Video shows once frames of this participant arrived (remoteVideo) and while its camera is on.
                tile.classList.toggle('camera-off', p.videoMuted || !tile.querySelector('canvas').dataset.kind);
            }
        }
        for (const [id, tile] of ui.tiles) {
            if (id !== 'self' && !id.startsWith('ssrc-') && !participants.some((p) => p.id === id)) {
                tile.remove();
                ui.tiles.delete(id);
            }
        }
        layout();
    },

    /** The canvas a remote participant's camera (or screen share) is drawn on. */
    remoteVideo(id, kind) {
        if (kind === 'content') {
            const canvas = document.createElement('canvas');
            canvas.className = 'video';
            const name = ui.meeting?.participants.get(id)?.name || 'Someone';
            const figure = contentFigure(`${name} is sharing`, (f) => f.prepend(canvas));
            figure.dataset.participant = id;
            ui.contentTiles.set(id, figure);
            $('content-stage').replaceChildren(figure);
            $('content-stage').hidden = false;
            layout();
            return canvas;
        }
        const tile = remoteTile(id);
        tile.classList.remove('camera-off');
        const canvas = tile.querySelector('canvas');
        canvas.dataset.kind = kind;
        return canvas;
    },

    removeRemote(id) {
        const content = ui.contentTiles.get(id);
        if (content) {
            content.remove();
            ui.contentTiles.delete(id);
            $('content-stage').hidden = $('content-stage').children.length === 0;
        }
        layout();
    },

    chat(message, mine) {
        const li = document.createElement('li');
        li.className = mine ? 'mine' : '';
        const who = document.createElement('span');
        who.className = 'who';
        who.textContent = mine ? 'You' : message.name;
        const at = document.createElement('time');
        at.dateTime = message.at;
        at.textContent = new Date(message.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
        const text = document.createElement('p');
        text.textContent = message.text;
        li.append(who, at, text);
        $('messages').append(li);
        $('messages').scrollTop = $('messages').scrollHeight;
        if ($('panel').hidden || $('chat').hidden) {
            ui.unread++;
            $('chat-unread').textContent = String(ui.unread);
            $('chat-unread').hidden = false;
        }
    },

    connection(state, detail) {
        const badge = $('badge');
        badge.hidden = ui.phase !== 'in-meeting';
        badge.className = `badge ${state}`;
        badge.textContent = { connected: 'Connected · TLS 443', waiting: 'Waiting room' }[state] || 'Reconnecting…';
        const banner = $('banner');
        banner.hidden = state === 'connected';
        banner.textContent = state === 'waiting' ? (detail || 'The host will let you in soon. Please wait…') :
            state === 'connected' ? '' : `Connection lost${detail ? ` (${detail})` : ''}: reconnecting…`;
    },

    admitted() {
        view.connection('connected', '');
        showWebinar(ui.meeting, () => ui.stage || []);
        if (!ui.meeting.webinar?.enabled || ui.meeting.webinar.canSend) {
            startSending(ui.meeting);
        }
    },

    notice(text) {
        const banner = $('banner');
        banner.hidden = false;
        banner.textContent = text;
        setTimeout(() => {
            if (banner.textContent === text) {
                banner.hidden = true;
            }
        }, 4000);
    },

    ended(reason) {
        if (reason) {
            showEnded(reason);
        }
    },
};

// ---- wiring ---------------------------------------------------------------------------------------------------

/** What the page cannot do without: WebCodecs for the media, AudioWorklet for sound, a secure context for devices. */
function missingCapabilities() {
    const missing = [];
    if (!window.isSecureContext) {
        missing.push('a secure (HTTPS) connection');
    }
    for (const api of ['VideoEncoder', 'VideoDecoder', 'AudioEncoder', 'AudioDecoder', 'AudioWorkletNode']) {
        if (typeof window[api] !== 'function') {
            missing.push(api);
        }
    }
    return missing;
}

const missing = missingCapabilities();
if (missing.length > 0) {
    $('join-error').textContent = `This browser cannot join meetings (it lacks ${missing.join(', ')}). Use a current `
        + 'Chrome, Edge or Firefox (130 or later).';
    $('join-button').disabled = true;
}
$('meeting-id').value = formatId(meetingIdFromPath());
$('name').value = localStorage.getItem('confero.name') || '';
($('meeting-id').value ? $('name') : $('meeting-id')).focus();
$('join-form').addEventListener('submit', join);
$('lobby-mic').addEventListener('click', toggleMic);
$('lobby-cam').addEventListener('click', () => {
    toggleCam();
    const video = track('video');
    if (video) {
        video.enabled = ui.camOn;
    }
});
$('mic').addEventListener('click', toggleMic);
$('cam').addEventListener('click', () => {
    const video = track('video');
    if (video) {
        video.enabled = !ui.camOn;
    }
    toggleCam();
});
$('share').addEventListener('click', toggleShare);
$('people-button').addEventListener('click', () => openPanel('people'));
$('chat-button').addEventListener('click', () => openPanel('chat'));
$('tab-people').addEventListener('click', () => selectTab('people'));
$('tab-chat').addEventListener('click', () => selectTab('chat'));
$('tab-qa').addEventListener('click', () => selectTab('qa'));
$('panel-close').addEventListener('click', () => {
    $('panel').hidden = true;
});
$('chat-form').addEventListener('submit', sendChat);
$('stats-button').addEventListener('click', () => {
    $('stats').hidden = !$('stats').hidden;
    $('stats-button').setAttribute('aria-pressed', String(!$('stats').hidden));
    renderStats();
});
$('leave').addEventListener('click', () => ui.meeting?.leave());
$('rejoin').addEventListener('click', rejoin);
window.addEventListener('pagehide', () => ui.meeting?.leave());
startPreview();

// Unit tests of the web client's media credentials (issue 18): media opens only for a participant in the meeting,
// with the control channel's credentials (`joined`, `admitted`, `resumed`, `media-credentials`), never the zone
// controller's assignment. Run by `node --test` against fakes of the browser's WebSocket and fetch (webclient.mjs).
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { FakeNetwork, fakeView, grant, load, settle, until } from './webclient.mjs';

const { Meeting, MEDIA_KINDS } = await load('meeting.js');
const { MediaSocket } = await load('media-socket.js');
const { ControlChannel, controlErrorText } = await load('control.js');

const MEETING_ID = '84512963301';
const ZC = 'https://zc.example/api/v1/zc';
const control = (router) => `wss://${router}.example/api/v1/mmr/control`;
const media = (router) => `wss://${router}.example/api/v1/mmr/media`;
const SEAT = { meetingId: MEETING_ID, participantId: 'p-7', sessionId: 'session-7', resumeToken: 'resume-7' };
const LATER = () => new Date(Date.now() + 300_000).toISOString();

function assignment(router) {
    return { meetingId: MEETING_ID, router, zone: 'zone-1', controlUrl: control(router),
        media: { wssUrl: media(router) }, credentials: {} };
}

function welcome(type, extra = {}) {
    return { type, ...SEAT, role: 'attendee', audioMuted: false, roster: [], ...extra };
}

let network;
let fetches;
let meetings;

beforeEach(() => {
    network = new FakeNetwork();
    globalThis.WebSocket = network.WebSocket;
    fetches = [];
    meetings = [];
    globalThis.fetch = async (url) => {
        fetches.push({ url });
        throw new Error(`unexpected fetch ${url}`);
    };
});

afterEach(() => {
    for (const m of meetings) {
        m.finish('');
    }
});

function meetingAt(router, session = {}) {
    const view = fakeView();
    const meeting = new Meeting({ joinInfo: { joinToken: 'join-token-7' }, controllers: [{ controllerUrl: ZC }],
        assignment: assignment(router), ...session }, null, view);
    meetings.push(meeting);
    return { meeting, view };
}

/** What each media type's socket sent first: the credentials it bound with. */
function boundWith(meeting) {
    return Object.fromEntries(MEDIA_KINDS.map((k) => [k, meeting.sockets[k].socket.messages()[0]]));
}

const allBound = (meeting) => MEDIA_KINDS.every((k) => meeting.sockets[k]?.bound);

/** Every media-credentials request the control channel sent on any connection. */
function credentialRequests() {
    return network.sockets.filter((s) => s.url.endsWith('/control'))
        .flatMap((s) => s.messages()).filter((m) => m.type === 'media-credentials');
}

test('a participant in the waiting room opens no media; admitted opens it with the admitted message\'s credentials',
    async () => {
        const admittedGrant = grant('admitted');
        network.controlRouter(control('r1'), (socket, message) => {
            if (message.type === 'join') {
                socket.deliver(welcome('waiting')); // no media in the waiting room
            }
        });
        network.mediaRouter(media('r1'), (frame) => frame.token.startsWith('admitted-'));
        const { meeting, view } = meetingAt('r1', { assignment: { ...assignment('r1'),
            credentials: grant('from-the-zone-controller') } });

        const answer = await meeting.open(() => {});
        assert.equal(answer.type, 'waiting');
        assert.equal(meeting.state, 'waiting');
        await settle(50);
        assert.equal(network.to(media('r1')).length, 0, 'no media connection from the waiting room');
        assert.deepEqual(meeting.sockets, {});
        assert.equal(meeting.stats().media.audio, null);

        network.to(control('r1'))[0].deliver(welcome('admitted', { media: admittedGrant, mediaExpires: LATER() }));
        await until(() => allBound(meeting), 'media bound after admitted');

        assert.equal(meeting.state, 'in-meeting');
        assert.equal(network.to(media('r1')).length, 3);
        assert.equal(meeting.stats().media.audio.transport, 'WEBSOCKET', 'the stats name the transport');
        assert.deepEqual(boundWith(meeting), admittedGrant);
        assert.equal(view.told('admitted').length, 1);
        assert.deepEqual(credentialRequests(), [], 'admitted carried the credentials: nothing to ask for');
        assert.deepEqual(fetches, [], 'no zone controller involved');
    });

test('joined opens media at once with the joined message\'s credentials, not the assignment\'s', async () => {
    const joinedGrant = grant('joined');
    network.controlRouter(control('r1'), (socket, message) => {
        if (message.type === 'join') {
            assert.equal(message.joinToken, 'join-token-7');
            socket.deliver(welcome('joined', { media: joinedGrant, mediaExpires: LATER() }));
        }
    });
    network.mediaRouter(media('r1'), (frame) => frame.token.startsWith('joined-'));
    const { meeting } = meetingAt('r1', { assignment: { ...assignment('r1'),
        credentials: grant('from-the-zone-controller') } });
    const phases = [];

    await meeting.open((phase) => phases.push(phase));

    assert.deepEqual(phases, ['control', 'media']);
    assert.ok(allBound(meeting));
    assert.deepEqual(boundWith(meeting), joinedGrant);
    assert.equal(meeting.control.mediaExpires > Date.now(), true);
});

test('credentials the router revokes are refreshed once through media-credentials on the control channel',
    async () => {
        let valid = 'joined-';
        network.controlRouter(control('r1'), (socket, message) => {
            if (message.type === 'join') {
                socket.deliver(welcome('joined', { media: grant('joined'), mediaExpires: LATER() }));
            } else if (message.type === 'media-credentials') {
                socket.deliver({ type: 'media-credentials', media: grant('fresh'), mediaExpires: LATER() });
            }
        });
        network.mediaRouter(media('r1'), (frame) => frame.token.startsWith(valid));
        const { meeting } = meetingAt('r1');
        await meeting.open(() => {});
        const first = network.to(media('r1'));

        valid = 'fresh-'; // the relay revoked the old bindings and refuses their credentials from now on
        for (const socket of first) {
            socket.serverClose(1008, 'credentials revoked');
        }
        await until(() => allBound(meeting) && meeting.sockets.audio.reconnects === 1, 'media bound again');

        assert.equal(credentialRequests().length, 1, 'one request serves every media type');
        assert.deepEqual(boundWith(meeting), grant('fresh'));
        const retries = network.to(media('r1')).slice(3);
        assert.equal(retries.length, 3, 'no attempt with the revoked credentials');
        assert.ok(retries.every((s) => s.messages()[0].token.startsWith('fresh-')));
        assert.deepEqual(fetches, [], 'no new assignment from the zone controller');
    });

test('credentials refused on re-binding after a drop (expired) are refreshed through media-credentials', async () => {
    let valid = 'joined-';
    network.controlRouter(control('r1'), (socket, message) => {
        if (message.type === 'join') {
            socket.deliver(welcome('joined', { media: grant('joined'), mediaExpires: LATER() }));
        } else if (message.type === 'media-credentials') {
            socket.deliver({ type: 'media-credentials', media: grant('fresh'), mediaExpires: LATER() });
        }
    });
    network.mediaRouter(media('r1'), (frame) => frame.token.startsWith(valid));
    const { meeting } = meetingAt('r1');
    await meeting.open(() => {});

    valid = 'fresh-';
    meeting.sockets.audio.socket.serverClose(1006, ''); // a network failure: the same credentials first
    await until(() => meeting.sockets.audio.bound && meeting.sockets.audio.reconnects === 1, 'audio bound again');

    const audio = network.sockets.filter((s) => s.url === media('r1') && s.messages()[0]?.token.includes('-audio-'));
    assert.deepEqual(audio.map((s) => s.messages()[0].token),
        ['joined-audio-token', 'joined-audio-token', 'fresh-audio-token']);
    assert.equal(audio[1].closedWith.code, 1008);
    assert.equal(credentialRequests().length, 1);
    assert.deepEqual(fetches, []);
});

test('after a router failover the resumed message\'s credentials bind at the new assignment\'s router', async () => {
    network.controlRouter(control('r1'), (socket, message) => {
        if (message.type === 'join') {
            socket.deliver(welcome('joined', { media: grant('r1'), mediaExpires: LATER() }));
        }
    });
    network.mediaRouter(media('r1'), (frame) => frame.token.startsWith('r1-'));
    const resumes = [];
    network.controlRouter(control('r2'), (socket, message) => {
        if (message.type === 'resume') {
            resumes.push(message);
            socket.deliver(welcome('resumed', { media: grant('r2'), mediaExpires: LATER() }));
        }
    });
    network.mediaRouter(media('r2'), (frame) => frame.token.startsWith('r2-'));
    globalThis.fetch = async (url, init) => {
        fetches.push({ url, body: JSON.parse(init.body) });
        return { ok: true, status: 200, headers: { get: () => 'application/json' },
            json: async () => assignment('r2') };
    };
    const { meeting, view } = meetingAt('r1');
    await meeting.open(() => {});

    network.down.add('r1.example'); // router 1 dies: every connection to it drops and none opens again
    for (const socket of network.sockets.filter((s) => s.readyState === 1)) {
        socket.serverClose(1006, '');
    }
    await until(() => allBound(meeting) && meeting.sockets.audio.url === media('r2'), 'media bound at router 2');

    assert.deepEqual(fetches, [{ url: `${ZC}/assign`, body: { joinToken: 'join-token-7', resume: SEAT,
        unreachableRouter: 'r1' } }]);
    assert.equal(resumes.length, 1);
    assert.equal(meeting.assignment.router, 'r2');
    assert.deepEqual(boundWith(meeting), grant('r2'));
    for (const kind of MEDIA_KINDS) {
        assert.equal(network.to(media('r2'))
            .filter((s) => s.messages()[0]?.token === `r2-${kind}-token`).length, 1, `${kind}: one bind at r2`);
    }
    assert.deepEqual(credentialRequests(), [], 'resumed carried the credentials');
    assert.deepEqual(view.told('connection').at(-1), ['connected', '']);
});

test('a removed participant\'s media stops retrying', async () => {
    network.controlRouter(control('r1'), (socket, message) => {
        if (message.type === 'join') {
            socket.deliver(welcome('joined', { media: grant('joined'), mediaExpires: LATER() }));
        } else if (message.type === 'media-credentials') {
            // The router no longer has this participant: it answers the request with nothing, says `removed`, closes.
            socket.deliver({ type: 'removed' });
            socket.serverClose(1000, 'removed');
        }
    });
    network.mediaRouter(media('r1'), (frame) => frame.token.startsWith('joined-'));
    const { meeting, view } = meetingAt('r1');
    await meeting.open(() => {});
    network.mediaRouter(media('r1'), () => false); // the relay revoked this participant: every binding is refused

    for (const socket of network.to(media('r1'))) {
        socket.serverClose(1008, 'removed from the meeting');
    }
    await until(() => meeting.state === 'left', 'the meeting over for us');
    await settle(700); // longer than the media sockets' first pauses

    assert.deepEqual(view.told('ended'), [['You were removed from the meeting.']]);
    assert.equal(network.to(media('r1')).length, 3, 'no media connection after the removal');
    assert.ok(MEDIA_KINDS.every((k) => meeting.sockets[k].closed && !meeting.sockets[k].bound));
    assert.equal(credentialRequests().length, 1);
    assert.equal(network.to(control('r1')).length, 1, 'no resume after removed');
});

test('a media socket with expired credentials asks for fresh ones before binding; a final refusal stops it',
    async () => {
        network.mediaRouter(media('r1'), (frame) => frame.token === 'new');
        const asked = [];
        let answer = () => ({ url: media('r1'), credentials: { token: 'new', password: 'pw' },
            expires: Date.now() + 300_000 });
        const socket = new MediaSocket('audio', media('r1'), { token: 'old', password: 'pw' }, () => {},
            async () => {
                asked.push(Date.now());
                return answer();
            }, Date.now() - 1000);

        await socket.reconnect();
        assert.equal(socket.bound, true);
        assert.equal(asked.length, 1);
        assert.deepEqual(network.to(media('r1')).map((s) => s.messages()[0].token), ['new']);

        answer = () => {
            throw Object.assign(new Error('no longer in the meeting'), { final: true });
        };
        let stopped = false;
        socket.addEventListener('stopped', () => {
            stopped = true;
        });
        network.mediaRouter(media('r1'), () => false);
        network.to(media('r1'))[0].serverClose(1008, 'credentials revoked');
        await until(() => stopped, 'stopped');
        await settle(400);
        assert.equal(socket.closed, true);
        assert.equal(socket.stopReason, 'no longer in the meeting');
        assert.equal(network.to(media('r1')).length, 1, 'no bind attempt after the final refusal');
    });

test('the control channel answers media-credentials requests, shares them, and refuses outside the meeting',
    async () => {
        let requests = 0;
        network.controlRouter(control('r1'), (socket, message) => {
            if (message.type === 'join') {
                socket.deliver(welcome('waiting'));
            } else if (message.type === 'media-credentials') {
                requests++;
                if (requests === 1) {
                    socket.deliver({ type: 'error', code: 'forbidden',
                        message: 'only participants in the meeting get media credentials' });
                } else {
                    socket.deliver({ type: 'media-credentials', media: grant('asked'), mediaExpires: LATER() });
                }
            }
        });
        const channel = new ControlChannel(control('r1'), 'join-token-7');
        const errors = [];
        channel.addEventListener('error', (e) => errors.push(e.detail));
        try {
            await channel.join();
            assert.equal(channel.media, null, 'waiting carries no credentials');
            await assert.rejects(channel.mediaCredentials(), (e) => e.final === true && e.code === 'forbidden');
            assert.deepEqual(errors, [], 'the refusal answered the request');

            const [a, b] = [channel.mediaCredentials(), channel.mediaCredentials()];
            assert.equal(a, b, 'one request at a time');
            const answer = await a;
            assert.deepEqual(answer.media, grant('asked'));
            assert.deepEqual(channel.media, grant('asked'));
            assert.ok(channel.mediaExpires > Date.now());
            assert.equal(requests, 2);

            const pending = channel.mediaCredentials();
            channel.finish();
            await assert.rejects(pending, (e) => e.final === true);
        } finally {
            channel.leave();
        }
    });

test('join refusals and rate limiting are shown in words', async () => {
    for (const [code, words] of [['left', /left this meeting/], ['meeting-full', /meeting is full/]]) {
        network.controlRouter(control('r1'), (socket, message) => {
            if (message.type === 'join') {
                socket.deliver({ type: 'error', code, message: 'router text' });
                socket.serverClose(1000, code);
            }
        });
        const { meeting } = meetingAt('r1');
        await assert.rejects(meeting.open(() => {}), (e) => e.code === code && words.test(e.message));
        assert.equal(network.to(media('r1')).length, 0);
    }

    network.controlRouter(control('r1'), (socket, message) => {
        if (message.type === 'join') {
            socket.deliver(welcome('joined', { media: grant('joined'), mediaExpires: LATER() }));
        } else if (message.type === 'chat') {
            socket.deliver({ type: 'error', code: 'rate-limited', message: 'at most 60 chat messages a minute' });
        }
    });
    network.mediaRouter(media('r1'), () => true);
    const { meeting, view } = meetingAt('r1');
    await meeting.open(() => {});
    meeting.sendChat('one too many');
    await until(() => view.told('notice').length > 0, 'a notice');
    assert.deepEqual(view.told('notice'), [[controlErrorText('rate-limited')]]);
    assert.match(view.told('notice')[0][0], /too quickly/);
});

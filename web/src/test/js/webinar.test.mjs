// Unit tests of the web client's webinar state (issue 23): the role and the right to send come from the router's
// messages (welcome, `role`), the stage keeps hands and the question queue, attendees their count and answers, and
// every action is one control message. Run by `node --test` (see webclient.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from './webclient.mjs';

const { Webinar, MAX_QUESTIONS } = await load('webinar.js');

/** The control channel as Webinar uses it: message events by type, and what was sent. */
class FakeControl extends EventTarget {
    constructor() {
        super();
        this.sent = [];
    }

    sendNow(message) {
        this.sent.push(message);
        return true;
    }

    deliver(message) {
        this.dispatchEvent(new CustomEvent(message.type, { detail: message }));
    }
}

const ATTENDEE_WELCOME = { type: 'joined', webinar: true, role: 'attendee', canSend: false, attendeeCount: 3,
    roster: [{ id: 'h', role: 'host' }] };
const HOST_WELCOME = { type: 'joined', webinar: true, role: 'host', canSend: true, attendeeCount: 2,
    hands: [{ participantId: 'a', name: 'Ann' }],
    questions: [{ type: 'question', id: 4, from: 'b', name: 'Bob', text: 'Recorded?', at: '2026-12-04T09:00:00Z' }] };

test('an attendee receives only, by the welcome, and asks and raises its hand with one message each', () => {
    const control = new FakeControl();
    const webinar = new Webinar(control, ATTENDEE_WELCOME);

    assert.equal(webinar.enabled, true);
    assert.equal(webinar.onStage, false);
    assert.equal(webinar.canSend, false);
    assert.equal(webinar.attendeeCount, 3);

    webinar.raiseHand(true);
    webinar.ask('  When is the next one?  ');
    assert.deepEqual(control.sent, [{ type: 'hand', raised: true }, { type: 'question', text: 'When is the next one?' }]);
    assert.throws(() => webinar.ask(' '), /1 to 1000 characters/);
    assert.throws(() => webinar.ask('x'.repeat(1001)), /1 to 1000 characters/);

    control.deliver({ type: 'hand', participantId: 'a', name: 'Ann', raised: true });
    control.deliver({ type: 'attendees', count: 4 });
    control.deliver({ type: 'question-received', id: 9, text: 'When is the next one?' });
    control.deliver({ type: 'answer', questionId: 9, question: 'When is the next one?', text: 'In March',
        public: false });
    assert.equal(webinar.handRaised, true);
    assert.equal(webinar.attendeeCount, 4);
    assert.equal(webinar.mine.get(9), 'When is the next one?');
    assert.equal(webinar.answers[0].text, 'In March');
});

test('the stage keeps the hands and the question queue, answers publicly or privately, promotes and demotes', () => {
    const control = new FakeControl();
    const webinar = new Webinar(control, HOST_WELCOME);

    assert.equal(webinar.onStage, true);
    assert.deepEqual([...webinar.hands.keys()], ['a']);
    assert.deepEqual(webinar.openQuestions().map((q) => q.id), [4]);

    control.deliver({ type: 'question', id: 5, from: 'a', name: 'Ann', text: 'Slides?' });
    control.deliver({ type: 'hand', participantId: 'a', name: 'Ann', raised: false });
    webinar.answer(4, 'Yes', true);
    control.deliver({ type: 'answer', questionId: 4, question: 'Recorded?', text: 'Yes', public: false });
    webinar.promote('a');
    webinar.demote('a');

    assert.deepEqual(webinar.openQuestions().map((q) => q.id), [5]);
    assert.equal(webinar.hands.size, 0);
    assert.deepEqual(control.sent, [{ type: 'answer', questionId: 4, text: 'Yes', private: true },
        { type: 'promote', participantId: 'a' }, { type: 'demote', participantId: 'a' }]);
});

test('a role message changes the right to send and what the participant sees of the stage', () => {
    const control = new FakeControl();
    const webinar = new Webinar(control, ATTENDEE_WELCOME);
    const changes = [];
    webinar.addEventListener('change', (e) => changes.push(e.detail.type));

    control.deliver({ type: 'role', role: 'panelist', canSend: true, attendeeCount: 2,
        hands: [{ participantId: 'b', name: 'Bob' }], questions: [{ id: 1, from: 'c', name: 'Cy', text: 'Q' }] });
    assert.equal(webinar.onStage, true);
    assert.equal(webinar.canSend, true);
    assert.deepEqual([...webinar.hands.keys()], ['b']);
    assert.equal(webinar.openQuestions().length, 1);

    control.deliver({ type: 'role', role: 'attendee', canSend: false, attendeeCount: 3 });
    assert.equal(webinar.onStage, false);
    assert.equal(webinar.canSend, false);
    assert.equal(webinar.hands.size, 0, 'an attendee keeps no one else\'s hand');
    assert.equal(webinar.openQuestions().length, 0);
    assert.deepEqual(changes, ['role', 'role']);
});

test('a meeting is no webinar, and the question queue stays bounded', () => {
    assert.equal(new Webinar(new FakeControl(), { type: 'joined', role: 'attendee', roster: [] }).enabled, false);
    const control = new FakeControl();
    const webinar = new Webinar(control, HOST_WELCOME);
    for (let id = 100; id < 100 + MAX_QUESTIONS + 50; id++) {
        control.deliver({ type: 'question', id, from: 'a', name: 'Ann', text: `q${id}` });
    }
    assert.equal(webinar.questions.size, MAX_QUESTIONS);
    assert.equal(webinar.openQuestions().at(-1).id, 100 + MAX_QUESTIONS + 49, 'the newest is kept');
});

// ---- a Meeting (meeting.js) that a host promotes and demotes: its media re-binds with the role's credentials ----

const { FakeNetwork, fakeView, grant, until } = await import('./webclient.mjs');
const { Meeting, MEDIA_KINDS } = await load('meeting.js');

test('promoted and demoted, every media type re-binds with the role message\'s credentials on the same control '
    + 'connection', async () => {
    const network = new FakeNetwork();
    globalThis.WebSocket = network.WebSocket;
    globalThis.fetch = async (url) => {
        throw new Error(`unexpected fetch ${url}`);
    };
    const controlUrl = 'wss://r1.example/api/v1/mmr/control';
    const mediaUrl = 'wss://r1.example/api/v1/mmr/media';
    const later = new Date(Date.now() + 300_000).toISOString();
    network.controlRouter(controlUrl, (socket, message) => {
        if (message.type === 'join') {
            socket.deliver({ type: 'joined', meetingId: '84512963301', participantId: 'p-7', sessionId: 's',
                resumeToken: 'r', role: 'attendee', webinar: true, canSend: false, attendeeCount: 1, roster: [],
                media: grant('receive-only'), mediaExpires: later });
        }
    });
    network.mediaRouter(mediaUrl, () => true);
    const view = fakeView();
    view.role = (message) => view.calls.push(['role', message.role]);
    const meeting = new Meeting({ joinInfo: { joinToken: 'join-token-7' },
        controllers: [{ controllerUrl: 'https://zc.example/api/v1/zc' }],
        assignment: { meetingId: '84512963301', router: 'r1', zone: 'z', controlUrl, media: { wssUrl: mediaUrl },
            credentials: {} } }, null, view);
    try {
        await meeting.open(() => {});
        assert.equal(meeting.webinar.enabled, true);
        assert.equal(meeting.webinar.canSend, false);
        const control = network.to(controlUrl)[0];

        control.deliver({ type: 'role', role: 'panelist', canSend: true, roster: [], attendeeCount: 0,
            media: grant('sender'), mediaExpires: later });
        const lastToken = (kind) => network.to(mediaUrl).filter((s) => s.messages()[0]?.token?.includes(`-${kind}-`))
            .at(-1)?.messages()[0].token;
        await until(() => MEDIA_KINDS.every((k) => lastToken(k) === `sender-${k}-token` && meeting.sockets[k].bound),
            'every media type bound with the sender credentials');
        assert.equal(meeting.webinar.canSend, true);
        assert.equal(meeting.self.role, 'panelist');

        control.deliver({ type: 'role', role: 'attendee', canSend: false, roster: [], attendeeCount: 1,
            media: grant('demoted'), mediaExpires: later });
        await until(() => MEDIA_KINDS.every((k) => lastToken(k) === `demoted-${k}-token` && meeting.sockets[k].bound),
            'every media type bound with the receive-only credentials');
        assert.equal(meeting.webinar.canSend, false);
        assert.equal(network.to(controlUrl).length, 1, 'never rejoined');
        assert.deepEqual(view.told('role'), [['panelist'], ['attendee']]);
    } finally {
        meeting.finish('');
    }
});

test('the stage keeps answered questions apart from the open ones, and says so in its stats', () => {
    const control = new FakeControl();
    const webinar = new Webinar(control, HOST_WELCOME);
    control.deliver({ type: 'question', id: 5, from: 'a', name: 'Ann', text: 'Slides?' });
    control.deliver({ type: 'answer', questionId: 4, question: 'Recorded?', text: 'Yes', public: true });

    assert.deepEqual(webinar.openQuestions().map((q) => q.id), [5]);
    assert.deepEqual(webinar.answeredQuestions().map((q) => q.id), [4]);
    assert.deepEqual(webinar.stats(), { enabled: true, role: 'host', canSend: true, attendeeCount: 2, hands: 1,
        openQuestions: 1, answeredQuestions: 1, answers: 1, myQuestions: 0 });
});

test('a promotion\'s stage pass is presented at the next join in this tab, and a demotion drops it', async () => {
    const storage = new Map();
    globalThis.sessionStorage = { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => storage.set(k, v),
        removeItem: (k) => storage.delete(k) };
    const network = new FakeNetwork();
    globalThis.WebSocket = network.WebSocket;
    const controlUrl = 'wss://r2.example/api/v1/mmr/control';
    const mediaUrl = 'wss://r2.example/api/v1/mmr/media';
    const later = new Date(Date.now() + 300_000).toISOString();
    const joins = [];
    network.controlRouter(controlUrl, (socket, message) => {
        if (message.type === 'join') {
            joins.push(message);
            socket.deliver({ type: 'joined', meetingId: '84512963302', participantId: `p-${joins.length}`,
                sessionId: 's', resumeToken: 'r', role: 'attendee', webinar: true, canSend: false, attendeeCount: 1,
                roster: [], media: grant('receive-only'), mediaExpires: later });
        }
    });
    network.mediaRouter(mediaUrl, () => true);
    const open = async () => {
        const meeting = new Meeting({ joinInfo: { joinToken: 'join-token' }, controllers: [],
            assignment: { meetingId: '84512963302', router: 'r2', zone: 'z', controlUrl, media: { wssUrl: mediaUrl },
                credentials: {} } }, null, fakeView());
        await meeting.open(() => {});
        return meeting;
    };
    const first = await open();
    assert.equal(joins[0].stagePass, undefined, 'nothing to present before a promotion');
    network.to(controlUrl).at(-1).deliver({ type: 'role', role: 'panelist', canSend: true, roster: [],
        attendeeCount: 0, stagePass: 'a1b2c3', media: grant('sender'), mediaExpires: later });
    first.finish('');

    const second = await open();
    assert.equal(joins[1].stagePass, 'a1b2c3', 'the rejoin presents the pass; the server decides');
    network.to(controlUrl).at(-1).deliver({ type: 'role', role: 'attendee', canSend: false, roster: [],
        attendeeCount: 1, media: grant('demoted'), mediaExpires: later });
    second.finish('');
    const third = await open();
    assert.equal(joins[2].stagePass, undefined, 'demoted: the pass is gone');
    third.finish('');
    delete globalThis.sessionStorage;
});

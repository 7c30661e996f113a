// Unit tests of the web client's call quality (webclient/js/quality.js, issue 22), run by `node --test` in the web
// module's test phase. The module is loaded from its source through a data: URL, as the browser loads it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const source = readFileSync(new URL('../../main/webapp/webclient/js/quality.js', import.meta.url), 'utf8');
const quality = await import(`data:text/javascript,${encodeURIComponent(source)}`);

test('evenly paced audio has no loss and no jitter', () => {
    const q = new quality.ReceiveQuality('audio');
    for (let i = 0; i < 50; i++) {
        q.received(7, i, 960 * i, 20 * i); // 20 ms of 48 kHz audio per packet, on time
    }
    const interval = q.interval();
    assert.equal(interval.loss, 0);
    assert.ok(interval.jitterMs < 0.001);
});

test('missing sequence numbers are the interval\'s loss, per sender', () => {
    const q = new quality.ReceiveQuality('video');
    for (let i = 0; i < 10; i++) {
        if (i !== 4) {
            q.received(1, i, 3000 * i, 33 * i);
        }
        q.received(2, 100 + i, 3000 * i, 33 * i); // another sender, complete
    }
    assert.equal(q.interval().loss, 1 / 20);
    assert.equal(q.interval().loss, 1 / 20, 'nothing expected since: the last measured loss');
    q.received(1, 10, 30000, 330);
    assert.equal(q.interval().loss, 0, 'the next interval starts anew');
});

test('irregular arrival shows as jitter', () => {
    const q = new quality.ReceiveQuality('audio');
    for (let i = 0; i < 200; i++) {
        q.received(3, i, 960 * i, 20 * i + (i % 2 === 0 ? 0 : 10));
    }
    const { jitterMs } = q.interval();
    assert.ok(jitterMs > 9 && jitterMs < 10.5, `jitter ${jitterMs}`);
});

test('the reporter sends loss, jitter and each media socket\'s own round trip, then stops', () => {
    const sent = [];
    const control = new EventTarget();
    control.sendNow = (message) => {
        sent.push(message);
        return true;
    };
    const probes = { audio: 0, video: 0 };
    const socket = (kind, rtt) => ({ probe: () => probes[kind]++, roundTripMs: () => rtt });
    const sockets = { audio: socket('audio', 12.5), video: socket('video', null) };
    const reporter = new quality.QualityReporter(control, ['audio', 'video'], (kind) => sockets[kind] || null);
    try {
        assert.deepEqual(probes, { audio: 1, video: 1 }, 'each socket probed at once');
        assert.ok(!sent.some((m) => m.type === 'ping'), 'no control-channel ping');
        reporter.receiving.audio.received(5, 1, 0, 0);
        reporter.receiving.audio.received(5, 2, 960, 20);
        reporter.receiving.video.received(6, 1, 0, 0);
        reporter.joinCompleted({ lookup: 0.1, total: 1.5 });
        reporter.report();
        const report = sent.find((m) => m.type === 'quality');
        assert.equal(report.client, 'web');
        assert.equal(report.media.audio.loss, 0);
        assert.equal(report.media.audio.rttMs, 12.5);
        assert.ok(!('rttMs' in report.media.video), 'video measured no round trip yet');
        assert.deepEqual(probes, { audio: 2, video: 2 }, 'probed again with each report');
        assert.deepEqual(sent.find((m) => m.type === 'join-phases').phases, { lookup: 0.1, total: 1.5 });
    } finally {
        reporter.stop();
    }
});

test('a path\'s round trip is the answer to the probe in flight, one at a time', () => {
    const rtt = new quality.PathRoundTrip();
    const id = rtt.next(1000);
    assert.ok(Number.isSafeInteger(id) && id >= 0);
    assert.equal(rtt.next(1100), null, 'the first is awaited');
    assert.equal(rtt.answered(id + 1, 1010), false, 'another id');
    assert.equal(rtt.lastMs, null);
    assert.equal(rtt.answered(id, 1023.5), true);
    assert.equal(rtt.lastMs, 23.5);
    assert.equal(rtt.answered(id, 1050), false, 'a duplicate');
    const lost = rtt.next(2000);
    const next = rtt.next(7000);
    assert.notEqual(next, null, 'a probe unanswered for 5 s is given up');
    assert.equal(rtt.answered(lost, 7001), false, 'the lost one, late');
    assert.equal(rtt.answered(next, 7004), true);
    assert.equal(rtt.lastMs, 4);
});

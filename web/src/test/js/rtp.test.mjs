// Unit tests of the web client's RTP layer (webclient/js/rtp.js), run by `node --test` in the web module's test phase.
// The module is loaded from its source through a data: URL, so it runs as the browser's ES module with no package.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const source = readFileSync(new URL('../../main/webapp/webclient/js/rtp.js', import.meta.url), 'utf8');
const rtp = await import(`data:text/javascript,${encodeURIComponent(source)}`);

function frame(size, keyFrame) {
    const data = new Uint8Array(size);
    for (let i = 0; i < size; i++) {
        data[i] = (i * 7) & 0xff;
    }
    data[0] = keyFrame ? 0x10 : 0x11; // VP8 frame tag: bit 0 clear for a key frame
    return data;
}

test('a VP8 frame goes out in packets of at most 1200 bytes and comes back whole', () => {
    const sender = new rtp.RtpSender(0xdeadbeef, rtp.PAYLOAD_TYPE.vp8);
    const original = frame(3000, true);
    const packets = sender.vp8(original, 123456);
    assert.equal(packets.length, 3);
    assert.ok(packets.every((p) => p.length <= rtp.MAX_PACKET_BYTES));
    const depacketizer = new rtp.Vp8Depacketizer();
    const results = packets.map((p) => depacketizer.push(rtp.parseRtp(p)));
    assert.deepEqual(results.slice(0, 2), [null, null]);
    const done = results[2];
    assert.equal(done.keyFrame, true);
    assert.equal(done.timestamp, 123456);
    assert.deepEqual(done.data, original);
    const first = rtp.parseRtp(packets[0]);
    assert.equal(first.ssrc, 0xdeadbeef);
    assert.equal(first.payloadType, 96);
    assert.equal(first.marker, false);
    assert.equal(rtp.parseRtp(packets[2]).marker, true);
});

test('a frame with a lost packet is reported lost, never decoded', () => {
    const sender = new rtp.RtpSender(1, rtp.PAYLOAD_TYPE.vp8);
    const packets = sender.vp8(frame(3000, false), 90000);
    const depacketizer = new rtp.Vp8Depacketizer();
    assert.equal(depacketizer.push(rtp.parseRtp(packets[0])), null);
    assert.deepEqual(depacketizer.push(rtp.parseRtp(packets[2])), { lost: true });
    // The next frame is whole again.
    const next = sender.vp8(frame(500, true), 93000).map((p) => depacketizer.push(rtp.parseRtp(p)));
    assert.equal(next.at(-1).keyFrame, true);
});

test('a frame whose first packet is missing is lost when the next frame starts', () => {
    const sender = new rtp.RtpSender(1, rtp.PAYLOAD_TYPE.vp8);
    const packets = sender.vp8(frame(3000, false), 1000);
    const depacketizer = new rtp.Vp8Depacketizer();
    assert.equal(depacketizer.push(rtp.parseRtp(packets[1])), null);
    assert.deepEqual(depacketizer.push(rtp.parseRtp(packets[2])), { lost: true });
});

test('payload descriptors with the optional extensions (RFC 7741 §4.2) are skipped', () => {
    // X, S; then I with a 15-bit picture id, L, T/K: 1 + 1 + 2 + 1 + 1 = 6 bytes before the frame.
    const payload = new Uint8Array([0x90, 0xf0, 0x80 | 0x12, 0x34, 0x05, 0x20, 0x10, 0xaa, 0xbb]);
    assert.deepEqual(rtp.Vp8Depacketizer.descriptor(payload), { length: 6, start: true, partition: 0 });
    assert.deepEqual(rtp.Vp8Depacketizer.descriptor(new Uint8Array([0x10, 0x00])), { length: 1, start: true,
        partition: 0 });
    assert.equal(rtp.Vp8Depacketizer.descriptor(new Uint8Array([0x90])), null);
});

test('RTCP, test packets and garbage are no media', () => {
    const pli = rtp.pictureLossIndication(7, 0x01020304);
    assert.equal(rtp.parseRtp(pli), null);
    assert.equal(rtp.parsePictureLoss(pli), 0x01020304);
    assert.equal(rtp.parseRtp(new Uint8Array([1, 2, 3])), null);
    assert.equal(rtp.parseRtp(new Uint8Array(12).fill(0x40)), null); // version 1
    const test = new Uint8Array([0x80, 111, 0, 1, 0, 0, 0, 0, 0, 0, 0, 9, 0x43, 0x46, 0x54, 0x4d, 0, 0]);
    assert.equal(rtp.isTestPacket(rtp.parseRtp(test)), true);
    assert.equal(rtp.parsePictureLoss(test), null);
});

test('a header extension and padding are skipped when reading', () => {
    const packet = new Uint8Array([0xb0, 96, 0, 5, 0, 0, 0, 1, 0, 0, 0, 2, 0xbe, 0xde, 0, 1, 1, 2, 3, 4, 0x10, 0x99,
        0, 2]);
    const parsed = rtp.parseRtp(packet);
    assert.deepEqual([...parsed.payload], [0x10, 0x99]);
});

test('Opus is one packet per RTP packet with a continuous sequence', () => {
    const sender = new rtp.RtpSender(5, rtp.PAYLOAD_TYPE.opus);
    const a = rtp.parseRtp(sender.opus(new Uint8Array([1, 2, 3]), 960));
    const b = rtp.parseRtp(sender.opus(new Uint8Array([4]), 1920));
    assert.equal((a.sequence + 1) & 0xffff, b.sequence);
    assert.equal(a.payloadType, 111);
    assert.deepEqual([...a.payload], [1, 2, 3]);
});

test('the SSRC is FNV-1a of the participant id, as the command line computes it (ClipMediaTest)', () => {
    assert.equal(rtp.ssrcOf('p-43a970427421fa4b'), 995060201);
    assert.equal(rtp.ssrcOf('p-5d40b170e2f246bc'), 63190715);
    assert.equal(rtp.ssrcOf(''), 0x811c9dc5);
});

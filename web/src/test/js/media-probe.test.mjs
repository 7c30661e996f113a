// Unit tests of the web client's round trip per media path (issue 22): a bound media socket probes its own path and
// times the router's echo; nothing goes out while unbound. Run by `node --test` against the fake browser WebSocket and
// a fake router that answers as WebSocketMediaEndpoint does (webclient.mjs).
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { FakeNetwork, load, until } from './webclient.mjs';

const { MediaSocket } = await load('media-socket.js');

const URL_ = 'wss://mmr-1.example/api/v1/mmr/media';
let network;

beforeEach(() => {
    network = new FakeNetwork();
    globalThis.WebSocket = network.WebSocket;
    network.mediaRouter(URL_, (frame) => frame.token === 'audio-token');
});

test('a bound media socket times its own round trip from the router\'s echo', async () => {
    const socket = new MediaSocket('audio', URL_, { token: 'audio-token', password: 'p' }, () => {}, async () => {
        throw new Error('no refresh expected');
    });
    socket.probe();
    assert.equal(network.to(URL_).length, 0, 'not even connecting yet: nothing to probe');
    await socket.connect();
    assert.equal(socket.roundTripMs(), null);
    socket.probe();
    socket.probe(); // one in flight: the second sends nothing
    const probes = network.to(URL_)[0].messages().filter((m) => m.type === 'probe');
    assert.equal(probes.length, 1);
    assert.ok(Number.isSafeInteger(probes[0].id));
    await until(() => socket.roundTripMs() !== null, 'the echo timed');
    assert.ok(socket.roundTripMs() >= 0 && socket.roundTripMs() < 1000, `rtt ${socket.roundTripMs()}`);
    socket.close();
});

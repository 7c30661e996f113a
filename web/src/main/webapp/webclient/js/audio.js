// Audio with the browser's own codec (WebCodecs Opus, 48 kHz mono, 20 ms frames): the microphone through an
// AudioWorklet (the same path in Chromium and Firefox) → AudioEncoder → RTP (RFC 7587); each remote SSRC's RTP →
// AudioDecoder → the playback worklet, which mixes every participant.

import { CLOCK_RATE, RtpSender } from './rtp.js';

export const SAMPLE_RATE = 48000;
const FRAME_SAMPLES = 960;

/** One AudioContext for capture and playback; created on the user's Join click, so the browser lets it play. */
export async function audioEngine() {
    const context = new AudioContext({ sampleRate: SAMPLE_RATE, latencyHint: 'interactive' });
    await context.audioWorklet.addModule('/webclient/js/audio-worklet.js');
    const playback = new AudioWorkletNode(context, 'confero-playback', { numberOfInputs: 0, outputChannelCount: [2] });
    playback.connect(context.destination);
    if (context.state === 'suspended') {
        await context.resume().catch(() => {});
    }
    return { context, playback };
}

export class AudioSender {
    constructor(engine, track, ssrc, payloadType, send, counters) {
        this.rtp = new RtpSender(ssrc, payloadType);
        this.send = send;
        this.counters = counters;
        this.muted = false;
        this.samples = 0;
        this.encoder = new AudioEncoder({
            output: (chunk) => {
                const data = new Uint8Array(chunk.byteLength);
                chunk.copyTo(data);
                this.send(this.rtp.opus(data, Math.round(chunk.timestamp * CLOCK_RATE.audio / 1e6)));
                this.counters.framesEncoded++;
            },
            error: (e) => console.warn('audio encoder', e),
        });
        this.encoder.configure({ codec: 'opus', sampleRate: SAMPLE_RATE, numberOfChannels: 1, bitrate: 32000 });
        this.source = engine.context.createMediaStreamSource(new MediaStream([track]));
        this.capture = new AudioWorkletNode(engine.context, 'confero-capture', { numberOfOutputs: 0 });
        this.capture.port.onmessage = (event) => this.encode(event.data);
        this.source.connect(this.capture);
    }

    encode(block) {
        // The clock runs on while muted, so the receivers' timestamps stay continuous.
        const timestamp = Math.round(this.samples * 1e6 / SAMPLE_RATE);
        this.samples += FRAME_SAMPLES;
        if (this.muted || this.encoder.state !== 'configured') {
            return;
        }
        const data = new AudioData({ format: 'f32-planar', sampleRate: SAMPLE_RATE, numberOfFrames: block.length,
            numberOfChannels: 1, timestamp, data: block });
        this.encoder.encode(data);
        data.close();
    }

    close() {
        this.source.disconnect();
        this.capture.port.onmessage = null;
        if (this.encoder.state !== 'closed') {
            this.encoder.close();
        }
    }
}

/** One remote SSRC's audio: decoded and handed to the mixing worklet under its id. */
export class AudioReceiver {
    constructor(engine, id, counters) {
        this.engine = engine;
        this.id = id;
        this.counters = counters;
        this.decoder = this.newDecoder();
    }

    newDecoder() {
        const decoder = new AudioDecoder({
            output: (audio) => this.play(audio),
            error: () => {
                this.decoder = this.newDecoder();
            },
        });
        decoder.configure({ codec: 'opus', sampleRate: SAMPLE_RATE, numberOfChannels: 1 });
        return decoder;
    }

    push(rtp) {
        this.counters.packets++;
        if (this.decoder.state !== 'configured' || rtp.payload.length === 0) {
            return;
        }
        this.decoder.decode(new EncodedAudioChunk({ type: 'key',
            timestamp: Math.round(rtp.timestamp * 1e6 / CLOCK_RATE.audio), data: rtp.payload }));
    }

    play(audio) {
        try {
            const samples = new Float32Array(audio.numberOfFrames);
            audio.copyTo(samples, { planeIndex: 0, format: 'f32-planar' });
            let energy = 0;
            for (let i = 0; i < samples.length; i += 8) {
                energy += samples[i] * samples[i];
            }
            this.counters.level = Math.sqrt(energy / (samples.length / 8));
            this.counters.framesDecoded++;
            this.engine.playback.port.postMessage({ id: this.id, samples }, [samples.buffer]);
        } finally {
            audio.close();
        }
    }

    close() {
        if (this.decoder.state !== 'closed') {
            this.decoder.close();
        }
    }
}

// AudioWorklet processors of the web client, loaded once per AudioContext (48 kHz, the Opus RTP clock).

/** The microphone in 20 ms blocks (960 samples at 48 kHz), the Opus frame the sender encodes. */
class CaptureProcessor extends AudioWorkletProcessor {
    constructor() {
        super();
        this.block = new Float32Array(960);
        this.filled = 0;
    }

    process(inputs) {
        const input = inputs[0] && inputs[0][0];
        if (input) {
            let at = 0;
            while (at < input.length) {
                const n = Math.min(input.length - at, this.block.length - this.filled);
                this.block.set(input.subarray(at, at + n), this.filled);
                this.filled += n;
                at += n;
                if (this.filled === this.block.length) {
                    this.port.postMessage(this.block, [this.block.buffer]);
                    this.block = new Float32Array(960);
                    this.filled = 0;
                }
            }
        }
        return true;
    }
}

/**
 * Plays every remote participant's decoded audio, mixed. Each source has its own queue: playback of a source starts
 * once 60 ms are buffered (jitter), and a queue over 300 ms loses its oldest samples, so delay never builds up.
 */
class PlaybackProcessor extends AudioWorkletProcessor {
    constructor() {
        super();
        this.sources = new Map();
        this.port.onmessage = (event) => {
            const { id, samples } = event.data;
            let source = this.sources.get(id);
            if (!source) {
                source = { chunks: [], offset: 0, buffered: 0, playing: false };
                this.sources.set(id, source);
            }
            source.chunks.push(samples);
            source.buffered += samples.length;
            while (source.buffered - source.offset > 14400 && source.chunks.length > 1) {
                const dropped = source.chunks.shift();
                source.buffered -= dropped.length;
                source.offset = 0;
            }
        };
    }

    process(inputs, outputs) {
        const out = outputs[0][0];
        for (const source of this.sources.values()) {
            const available = source.buffered - source.offset;
            if (!source.playing) {
                if (available < 2880) {
                    continue;
                }
                source.playing = true;
            }
            let at = 0;
            while (at < out.length && source.chunks.length > 0) {
                const chunk = source.chunks[0];
                const n = Math.min(out.length - at, chunk.length - source.offset);
                for (let i = 0; i < n; i++) {
                    out[at + i] += chunk[source.offset + i];
                }
                at += n;
                source.offset += n;
                if (source.offset === chunk.length) {
                    source.chunks.shift();
                    source.buffered -= chunk.length;
                    source.offset = 0;
                }
            }
            if (at < out.length) {
                source.playing = false; // ran dry: buffer again before playing on
            }
        }
        for (let c = 1; c < outputs[0].length; c++) {
            outputs[0][c].set(out);
        }
        return true;
    }
}

registerProcessor('confero-capture', CaptureProcessor);
registerProcessor('confero-playback', PlaybackProcessor);

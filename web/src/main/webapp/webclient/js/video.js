// Video with the browser's own codec (WebCodecs VP8): a camera or screen track → VideoEncoder → RTP (RFC 7741);
// RTP from each remote SSRC → VideoDecoder → a canvas.

import { CLOCK_RATE, RtpSender, Vp8Depacketizer } from './rtp.js';

const KEY_FRAME_EVERY_MS = 3000;
const PLI_MIN_GAP_MS = 500;

/**
 * Frames of a track as VideoFrames: MediaStreamTrackProcessor where the browser has it (Chromium), else frames
 * grabbed from a <video> element playing the track (Firefox) at `fps`.
 */
function frameSource(track, fps, onFrame) {
    if (typeof MediaStreamTrackProcessor === 'function') {
        // A clone of its own: ending the processor must never end the camera the preview and later senders use.
        const own = track.clone();
        const reader = new MediaStreamTrackProcessor({ track: own }).readable.getReader();
        let stopped = false;
        (async () => {
            while (!stopped) {
                const { value, done } = await reader.read();
                if (done) {
                    break;
                }
                onFrame(value);
            }
        })().catch(() => {});
        return () => {
            stopped = true;
            reader.cancel().catch(() => {});
            own.stop();
        };
    }
    const video = document.createElement('video');
    video.muted = true;
    video.playsInline = true;
    video.srcObject = new MediaStream([track]);
    video.play().catch(() => {});
    const start = performance.now();
    const timer = setInterval(() => {
        if (video.readyState >= 2 && video.videoWidth > 0) {
            onFrame(new VideoFrame(video, { timestamp: Math.round((performance.now() - start) * 1000) }));
        }
    }, 1000 / fps);
    return () => {
        clearInterval(timer);
        video.srcObject = null;
    };
}

/** Encodes one track and hands RTP packets to `send`. A PLI from any receiver asks for the next key frame. */
export class VideoSender {
    constructor(track, ssrc, payloadType, send, counters, { bitrate = 800_000, fps = 30 } = {}) {
        this.rtp = new RtpSender(ssrc, payloadType);
        this.send = send;
        this.counters = counters;
        this.fps = fps;
        this.bitrate = bitrate;
        this.wantKeyFrame = true;
        this.lastKeyFrame = 0;
        this.configured = null;
        this.paused = false;
        this.encoder = new VideoEncoder({
            output: (chunk) => this.packetize(chunk),
            error: (e) => {
                console.warn('video encoder', e);
                this.configured = null;
                this.wantKeyFrame = true;
            },
        });
        this.stop = frameSource(track, fps, (frame) => this.encode(frame));
    }

    encode(frame) {
        try {
            if (this.paused || this.encoder.state === 'closed' || this.encoder.encodeQueueSize > 2) {
                return; // a busy encoder drops frames rather than adding delay
            }
            const size = `${frame.displayWidth}x${frame.displayHeight}`;
            if (this.configured !== size) {
                this.encoder.configure({ codec: 'vp8', width: frame.displayWidth, height: frame.displayHeight,
                    bitrate: this.bitrate, framerate: this.fps, latencyMode: 'realtime' });
                this.configured = size;
                this.wantKeyFrame = true;
            }
            const now = performance.now();
            const keyFrame = this.wantKeyFrame || now - this.lastKeyFrame > KEY_FRAME_EVERY_MS;
            if (keyFrame) {
                this.wantKeyFrame = false;
                this.lastKeyFrame = now;
            }
            this.encoder.encode(frame, { keyFrame });
        } finally {
            frame.close();
        }
    }

    packetize(chunk) {
        const data = new Uint8Array(chunk.byteLength);
        chunk.copyTo(data);
        const timestamp = Math.round(chunk.timestamp * CLOCK_RATE.video / 1e6);
        for (const packet of this.rtp.vp8(data, timestamp)) {
            this.send(packet);
        }
        this.counters.framesEncoded++;
        if (chunk.type === 'key') {
            this.counters.keyFramesEncoded++;
        }
    }

    requestKeyFrame() {
        this.wantKeyFrame = true;
    }

    close() {
        this.stop();
        if (this.encoder.state !== 'closed') {
            this.encoder.close();
        }
    }
}

/** One remote SSRC's video: depacketizes, decodes from a key frame on, and draws on its canvas. */
export class VideoReceiver {
    constructor(canvas, counters, askForKeyFrame) {
        this.canvas = canvas;
        this.context = canvas.getContext('2d');
        this.counters = counters;
        this.askForKeyFrame = askForKeyFrame;
        this.depacketizer = new Vp8Depacketizer();
        this.needKeyFrame = true;
        this.lastPli = 0;
        this.decoder = this.newDecoder();
    }

    newDecoder() {
        const decoder = new VideoDecoder({
            output: (frame) => this.draw(frame),
            error: () => {
                this.needKeyFrame = true;
                this.decoder = this.newDecoder();
            },
        });
        decoder.configure({ codec: 'vp8', optimizeForLatency: true });
        return decoder;
    }

    push(rtp) {
        this.counters.packets++;
        const frame = this.depacketizer.push(rtp);
        if (!frame) {
            return;
        }
        if (frame.lost) {
            this.counters.framesLost++;
            this.needKeyFrame = true;
            this.requestKeyFrame();
            return;
        }
        if (this.needKeyFrame && !frame.keyFrame) {
            this.requestKeyFrame();
            return;
        }
        this.needKeyFrame = false;
        if (this.decoder.state !== 'configured' || this.decoder.decodeQueueSize > 10) {
            this.needKeyFrame = true;
            return;
        }
        this.decoder.decode(new EncodedVideoChunk({ type: frame.keyFrame ? 'key' : 'delta',
            timestamp: Math.round(frame.timestamp * 1e6 / CLOCK_RATE.video), data: frame.data }));
    }

    requestKeyFrame() {
        const now = performance.now();
        if (now - this.lastPli > PLI_MIN_GAP_MS) {
            this.lastPli = now;
            this.askForKeyFrame();
        }
    }

    draw(frame) {
        try {
            if (this.canvas.width !== frame.displayWidth || this.canvas.height !== frame.displayHeight) {
                this.canvas.width = frame.displayWidth;
                this.canvas.height = frame.displayHeight;
            }
            this.context.drawImage(frame, 0, 0);
            this.counters.framesDecoded++;
            this.counters.width = frame.displayWidth;
            this.counters.height = frame.displayHeight;
            this.counters.lastFrameAt = Date.now();
        } finally {
            frame.close();
        }
    }

    close() {
        if (this.decoder.state !== 'closed') {
            this.decoder.close();
        }
    }
}

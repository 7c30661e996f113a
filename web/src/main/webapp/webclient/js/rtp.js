// RTP (RFC 3550) as the relay forwards it: version 2, no padding, no CSRC list; header extensions are skipped when
// read. Payload formats: VP8 (RFC 7741) and Opus (RFC 7587). The `confero` CLI writes exactly the same packets
// (cli/…/media/Vp8Packetizer.java), so a browser decodes the CLI's clip and the CLI counts the browser's packets.

/** Dynamic payload types, the same the CLI uses for its test streams. */
export const PAYLOAD_TYPE = Object.freeze({ opus: 111, vp8: 96, contentVp8: 97 });

/** RTP clock rates: VP8 is 90 kHz (RFC 7741 §4.1), Opus is always 48 kHz (RFC 7587 §4.1). */
export const CLOCK_RATE = Object.freeze({ video: 90000, audio: 48000 });

/**
 * Largest RTP packet this client sends. The relay drops anything over 1500 bytes (confero.media.max.packet.bytes) and
 * a WebSocket media connection takes frames up to 1500 bytes; 1200 leaves room for the tunnel's 4-byte channel prefix
 * and any path MTU a UDP participant might have.
 */
export const MAX_PACKET_BYTES = 1200;
const HEADER = 12;

/**
 * Every participant's SSRC: FNV-1a (32 bit) over the UTF-8 bytes of its participant id, so that receivers map a
 * stream to the roster without a signalling message, and the CLI computes the same (cli/…/media/Ssrc.java).
 */
export function ssrcOf(participantId) {
    let hash = 0x811c9dc5;
    for (const byte of new TextEncoder().encode(participantId)) {
        hash ^= byte;
        hash = Math.imul(hash, 0x01000193);
    }
    return hash >>> 0;
}

export function writeHeader(view, { payloadType, marker, sequence, timestamp, ssrc }) {
    view.setUint8(0, 0x80);
    view.setUint8(1, (marker ? 0x80 : 0) | (payloadType & 0x7f));
    view.setUint16(2, sequence & 0xffff);
    view.setUint32(4, timestamp >>> 0);
    view.setUint32(8, ssrc >>> 0);
}

/**
 * Parses an RTP packet; null for RTCP (RFC 5761: payload types 72–76 with the marker bit are RTCP packet types
 * 200–204, 205/206 are feedback) and for anything malformed.
 */
export function parseRtp(bytes) {
    if (bytes.length < HEADER || (bytes[0] & 0xc0) !== 0x80) {
        return null;
    }
    const packetType = bytes[1];
    if (packetType >= 192 && packetType <= 223) {
        return null;
    }
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let offset = HEADER + 4 * (bytes[0] & 0x0f);
    if (bytes[0] & 0x10) {
        if (bytes.length < offset + 4) {
            return null;
        }
        offset += 4 + 4 * view.getUint16(offset + 2);
    }
    let end = bytes.length;
    if (bytes[0] & 0x20) {
        end -= bytes[bytes.length - 1];
    }
    if (offset > end) {
        return null;
    }
    return {
        marker: (bytes[1] & 0x80) !== 0,
        payloadType: bytes[1] & 0x7f,
        sequence: view.getUint16(2),
        timestamp: view.getUint32(4),
        ssrc: view.getUint32(8),
        payload: bytes.subarray(offset, end),
    };
}

/** `CFTM` at the start of the payload: a `confero join` test packet, not media (cli/…/media/TestPacket.java). */
export function isTestPacket(rtp) {
    const p = rtp.payload;
    return p.length >= 4 && p[0] === 0x43 && p[1] === 0x46 && p[2] === 0x54 && p[3] === 0x4d;
}

/** RTCP Picture Loss Indication (RFC 4585 §6.3.1): asks the sender of `mediaSsrc` for a key frame. */
export function pictureLossIndication(senderSsrc, mediaSsrc) {
    const bytes = new Uint8Array(12);
    const view = new DataView(bytes.buffer);
    view.setUint8(0, 0x81); // V=2, FMT=1 (PLI)
    view.setUint8(1, 206); // PSFB
    view.setUint16(2, 2); // length in 32-bit words minus one
    view.setUint32(4, senderSsrc >>> 0);
    view.setUint32(8, mediaSsrc >>> 0);
    return bytes;
}

/** The media SSRC a PLI asks a key frame of, or null when the packet is no PLI. */
export function parsePictureLoss(bytes) {
    if (bytes.length < 12 || (bytes[0] & 0xc0) !== 0x80 || (bytes[0] & 0x1f) !== 1 || bytes[1] !== 206) {
        return null;
    }
    return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8);
}

/** One participant's outgoing RTP stream of one media type: sequence numbers and packetization. */
export class RtpSender {
    constructor(ssrc, payloadType) {
        this.ssrc = ssrc;
        this.payloadType = payloadType;
        this.sequence = Math.floor(Math.random() * 0x10000);
    }

    /**
     * A VP8 frame as packets of at most MAX_PACKET_BYTES (RFC 7741 §4.2): a one-byte payload descriptor with S set
     * on the first packet of the frame and PID 0, the marker bit on the last packet.
     */
    vp8(frame, timestamp) {
        const room = MAX_PACKET_BYTES - HEADER - 1;
        const packets = [];
        for (let offset = 0; offset < frame.length; offset += room) {
            const chunk = frame.subarray(offset, Math.min(frame.length, offset + room));
            const bytes = new Uint8Array(HEADER + 1 + chunk.length);
            const last = offset + room >= frame.length;
            writeHeader(new DataView(bytes.buffer), { payloadType: this.payloadType, marker: last,
                sequence: this.sequence++, timestamp, ssrc: this.ssrc });
            bytes[HEADER] = offset === 0 ? 0x10 : 0x00;
            bytes.set(chunk, HEADER + 1);
            packets.push(bytes);
        }
        return packets;
    }

    /** One Opus packet per RTP packet (RFC 7587 §4.2); the marker bit is not used for Opus. */
    opus(packet, timestamp) {
        const bytes = new Uint8Array(HEADER + packet.length);
        writeHeader(new DataView(bytes.buffer), { payloadType: this.payloadType, marker: false,
            sequence: this.sequence++, timestamp, ssrc: this.ssrc });
        bytes.set(packet, HEADER);
        return bytes;
    }
}

/**
 * Reassembles VP8 frames from RTP packets of one SSRC (RFC 7741 §4.4). A frame is complete when the packets from the
 * one with S=1 and PID 0 to the one with the marker bit have consecutive sequence numbers; an incomplete frame is
 * dropped and reported, so the caller can wait for the next key frame.
 */
export class Vp8Depacketizer {
    constructor() {
        this.timestamp = null;
        this.parts = [];
        this.expected = null;
        this.broken = false;
    }

    /** Returns {data, keyFrame, timestamp} for a completed frame, {lost: true} for a dropped one, else null. */
    push(rtp) {
        const descriptor = Vp8Depacketizer.descriptor(rtp.payload);
        if (!descriptor) {
            return null;
        }
        let result = null;
        if (rtp.timestamp !== this.timestamp) {
            if (this.parts.length > 0) {
                result = { lost: true };
            }
            this.timestamp = rtp.timestamp;
            this.parts = [];
            this.broken = !(descriptor.start && descriptor.partition === 0);
        } else if (this.expected !== null && rtp.sequence !== this.expected) {
            this.broken = true;
        }
        this.expected = (rtp.sequence + 1) & 0xffff;
        if (!this.broken) {
            this.parts.push(rtp.payload.subarray(descriptor.length));
        }
        if (!rtp.marker) {
            return result;
        }
        const parts = this.parts;
        const complete = !this.broken && parts.length > 0;
        this.parts = [];
        this.timestamp = null;
        if (!complete) {
            return { lost: true };
        }
        const size = parts.reduce((n, p) => n + p.length, 0);
        const data = new Uint8Array(size);
        let at = 0;
        for (const p of parts) {
            data.set(p, at);
            at += p.length;
        }
        // VP8 frame tag (RFC 6386 §9.1): bit 0 of the first byte is 0 for a key frame.
        return { data, keyFrame: (data[0] & 0x01) === 0, timestamp: rtp.timestamp };
    }

    /** The payload descriptor's length, S bit and partition index, including the optional X extensions. */
    static descriptor(payload) {
        if (payload.length < 1) {
            return null;
        }
        let length = 1;
        const first = payload[0];
        if (first & 0x80) {
            if (payload.length < 2) {
                return null;
            }
            const x = payload[1];
            length = 2;
            if (x & 0x80) {
                length += payload.length > length && (payload[length] & 0x80) ? 2 : 1; // I: 7- or 15-bit PictureID
            }
            if (x & 0x40) {
                length += 1; // L: TL0PICIDX
            }
            if (x & 0x30) {
                length += 1; // T/K: TID, Y, KEYIDX
            }
        }
        if (payload.length <= length) {
            return null;
        }
        return { length, start: (first & 0x10) !== 0, partition: first & 0x07 };
    }
}

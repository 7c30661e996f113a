package org.confero.media.relay;

import io.netty.buffer.ByteBuf;

/**
 * Issue 23: what a receive-only connection (a webinar attendee) may still send — RTCP feedback for the senders it
 * receives: receiver reports (RFC 3550 §6.4.2, with SDES and XR beside them in a compound packet) and transport- and
 * payload-specific feedback (RFC 4585: NACK, PLI; RFC 5104: FIR), without which a panelist never learns of an
 * attendee's loss and never sends it a keyframe. A packet qualifies only when every packet of its compound is one of
 * those: a sender report, BYE or APP from an attendee stays refused, as its RTP does.
 * <p>
 * Each binding has a budget of {@link #PER_SECOND} feedback packets per second (a fixed window, counted on the
 * endpoint): a receiver reports about once a second and asks for keyframes rarely, so anything faster is a flood that
 * would otherwise reach every panelist of the webinar from each of thousands of attendees.
 * <p>
 * Hot path: reads the packet's headers in place; no allocation, no lock. The window's two fields are written by the I/O
 * thread that reads the binding's packets; a race between two threads (UDP with {@code SO_REUSEPORT}) can only let a
 * few packets more through in one window.
 */
final class ReceiverFeedback {

    /** Feedback packets one receive-only binding may send in one second. */
    static final int PER_SECOND = 20;

    private static final long WINDOW_NANOS = 1_000_000_000L;
    private static final int RR = 201;
    private static final int SDES = 202;
    private static final int RTPFB = 205;
    private static final int PSFB = 206;
    private static final int XR = 207;

    private ReceiverFeedback() {
    }

    /**
     * True when {@code packet} is RTCP that a receiver sends about what it receives, every part of its compound. RTP
     * (payload types outside RTCP's 200–207 after RFC 5761's demultiplexing) is not.
     */
    static boolean isFeedback(ByteBuf packet) {
        int at = packet.readerIndex();
        int end = packet.writerIndex();
        if (end - at < 8) {
            return false;
        }
        while (at < end) {
            if (end - at < 4 || (packet.getUnsignedByte(at) >>> 6) != 2) {
                return false;
            }
            int type = packet.getUnsignedByte(at + 1);
            if (type != RR && type != SDES && type != RTPFB && type != PSFB && type != XR) {
                // A sender report (200) is a sender's; BYE and APP are no feedback; anything else is RTP.
                return false;
            }
            int length = (packet.getUnsignedShort(at + 2) + 1) * 4;
            if (length > end - at) {
                return false;
            }
            at += length;
        }
        // A compound starts with a report (RFC 3550 §6.1); RFC 5506's reduced-size RTCP with the feedback itself.
        int first = packet.getUnsignedByte(packet.readerIndex() + 1);
        return first == RR || first == RTPFB || first == PSFB;
    }

    /** Takes one packet from {@code endpoint}'s budget at {@code nowNanos}; false when this second's is spent. */
    static boolean withinBudget(Endpoint endpoint, long nowNanos) {
        if (endpoint.feedbackInWindow == 0 || nowNanos - endpoint.feedbackWindowStart >= WINDOW_NANOS) {
            endpoint.feedbackWindowStart = nowNanos;
            endpoint.feedbackInWindow = 0;
        }
        if (endpoint.feedbackInWindow >= PER_SECOND) {
            return false;
        }
        endpoint.feedbackInWindow++;
        return true;
    }
}

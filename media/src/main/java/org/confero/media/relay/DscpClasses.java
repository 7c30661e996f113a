package org.confero.media.relay;

import java.util.Arrays;

import org.confero.protocol.media.MediaType;

/**
 * The distinct DSCP code points of the configuration, numbered 0..n-1. IP_TOS is a per-socket option, so the relay
 * opens one UDP socket per class and sends each packet from the socket of its media type's class.
 */
public final class DscpClasses {

    private final int[] codePoints;
    private final int[] classOfType = new int[MediaType.values().length];

    public DscpClasses(RelayConfig config) {
        codePoints = Arrays.stream(MediaType.values()).mapToInt(config::dscp).distinct().sorted().toArray();
        for (MediaType type : MediaType.values()) {
            classOfType[type.ordinal()] = Arrays.binarySearch(codePoints, config.dscp(type));
        }
    }

    public int count() {
        return codePoints.length;
    }

    public int classOf(MediaType type) {
        return classOfType[type.ordinal()];
    }

    public int codePoint(int dscpClass) {
        return codePoints[dscpClass];
    }

    /** The IP_TOS / IPV6_TCLASS byte: DSCP in the upper six bits, ECN bits left zero (RFC 2474). */
    public int trafficClass(int dscpClass) {
        return codePoints[dscpClass] << 2;
    }
}

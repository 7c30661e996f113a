package org.confero.cli.load;

/**
 * What the load tool itself spent during the measuring window: its process CPU time per packet it sent or received, and
 * the cores that amounts to. When the tool is near a full core per sending thread, or uses a large share of the machine
 * it shares with the server, the figures measure the tool rather than the relay.
 *
 * @param cpuNanos
 *            CPU time of this process over the window, all threads
 * @param packetsSent
 *            packets the senders handed to the transport in the window
 * @param packetsReceived
 *            packets the receivers took in during the window (test packets and any other)
 * @param windowSeconds
 *            length of the window
 */
record LoadCost(long cpuNanos, long packetsSent, long packetsReceived, double windowSeconds) {

    LoadCost {
        if (cpuNanos < 0 || packetsSent < 0 || packetsReceived < 0 || !(windowSeconds > 0)) {
            throw new IllegalArgumentException("CPU time and packet counts must not be negative, the window positive");
        }
    }

    long packets() {
        return packetsSent + packetsReceived;
    }

    /** CPU nanoseconds per packet sent or received; NaN when no packet moved. */
    double nanosPerPacket() {
        return packets() == 0 ? Double.NaN : cpuNanos / (double) packets();
    }

    /** Average number of cores busy with this process during the window. */
    double cores() {
        return cpuNanos / 1e9 / windowSeconds;
    }

    /** Share of this machine's processors the tool kept busy (1.0: all of them). */
    double shareOf(int processors) {
        return cores() / processors;
    }
}

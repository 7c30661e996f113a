package org.confero.media.relay;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

import org.confero.protocol.media.MediaType;
import org.confero.protocol.media.Rfc4571;

/**
 * Everything the relay can be told. Defaults (the reference for admins; {@link #defaults()}):
 * <ul>
 * <li>{@code bindAddress} 0.0.0.0 (IPv4 wildcard), {@code udpPort} 8801, {@code tcpPort} 8801; port 0 picks an
 * ephemeral port (tests).</li>
 * <li>{@code ioThreads}: the number of processors. With epoll each thread owns its own UDP sockets (SO_REUSEPORT); with
 * NIO one thread serves UDP.</li>
 * <li>{@code udpReceiveBufferBytes} / {@code udpSendBufferBytes} 1 MiB each, {@code tcpSendBufferBytes} 0; 0 keeps the
 * kernel's default (the kernel caps requests at net.core.rmem_max / wmem_max).</li>
 * <li>{@code tcpQueueBytes} 128 KiB: what may wait for one TCP receiver before its packets are dropped.</li>
 * <li>{@code maxPacketBytes} 1500: longer datagrams and RFC 4571 frames are dropped as oversize.</li>
 * <li>{@code dscp}: audio 56, video 40, content 40 (DSCP code points, not TOS bytes).</li>
 * <li>{@code consentInterval} 5 s, {@code consentTimeout} 30 s (RFC 7675 section 5.1 values).</li>
 * <li>{@code nonceLifetime} 30 s: how long a return-routability nonce may be echoed.</li>
 * <li>{@code tcpBindTimeout} 10 s: a TCP connection not bound by then is closed.</li>
 * <li>{@code maxTokenLifetime} 1 h: the longest lifetime (expiry minus issue time) of a media token the relay accepts;
 * longer-lived tokens are refused as {@link DropReason#BAD_TOKEN}. It bounds how long the relay must remember a
 * revocation or a meeting's close: a token issued before one that is older than this has expired.</li>
 * <li>{@code bindsPerMinute} 30: new bindings one participant may make per media type within a minute (keep-alives on a
 * bound connection do not count); more are refused as {@link DropReason#BIND_RATE_LIMITED}.</li>
 * <li>{@code udpGsoMaxSegmentBytes} 1452: the longest packet the relay sends with UDP GSO (consecutive packets of one
 * size to one receiver as one UDP_SEGMENT send; epoll on Linux 4.18+). A segment must fit the route's MTU with its
 * headers: 1452 fits a 1500-byte MTU over IPv6 and IPv4. Longer packets leave one by one; 0 turns GSO off.</li>
 * </ul>
 */
public record RelayConfig(InetAddress bindAddress, int udpPort, int tcpPort, int ioThreads, int udpReceiveBufferBytes,
        int udpSendBufferBytes, int tcpSendBufferBytes, int tcpQueueBytes, int maxPacketBytes,
        Map<MediaType, Integer> dscp, Duration consentInterval, Duration consentTimeout, Duration nonceLifetime,
        Duration tcpBindTimeout, Duration maxTokenLifetime, int bindsPerMinute, int udpGsoMaxSegmentBytes) {

    public static final int DEFAULT_PORT = 8801;
    /** Largest GSO segment worth allowing: a jumbo frame's payload (9000 − 20 − 8). */
    public static final int MAX_GSO_SEGMENT_BYTES = 8972;

    public RelayConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        checkPort(udpPort, "udpPort");
        checkPort(tcpPort, "tcpPort");
        if (ioThreads < 1) {
            throw new IllegalArgumentException("ioThreads must be at least 1");
        }
        if (udpReceiveBufferBytes < 0 || udpSendBufferBytes < 0 || tcpSendBufferBytes < 0 || tcpQueueBytes < 1) {
            throw new IllegalArgumentException("buffer sizes must not be negative, tcpQueueBytes positive");
        }
        if (maxPacketBytes < 64 || maxPacketBytes > Rfc4571.MAX_FRAME) {
            throw new IllegalArgumentException("maxPacketBytes must be 64..65535");
        }
        EnumMap<MediaType, Integer> copy = new EnumMap<>(MediaType.class);
        for (MediaType type : MediaType.values()) {
            Integer value = Objects.requireNonNull(dscp, "dscp").get(type);
            if (value == null || value < 0 || value > 63) {
                throw new IllegalArgumentException("dscp needs a code point 0..63 for " + type);
            }
            copy.put(type, value);
        }
        dscp = Map.copyOf(copy);
        checkPositive(consentInterval, "consentInterval");
        checkPositive(consentTimeout, "consentTimeout");
        checkPositive(nonceLifetime, "nonceLifetime");
        checkPositive(tcpBindTimeout, "tcpBindTimeout");
        checkPositive(maxTokenLifetime, "maxTokenLifetime");
        if (bindsPerMinute < 1) {
            throw new IllegalArgumentException("bindsPerMinute must be at least 1");
        }
        if (udpGsoMaxSegmentBytes < 0 || udpGsoMaxSegmentBytes > MAX_GSO_SEGMENT_BYTES) {
            throw new IllegalArgumentException("udpGsoMaxSegmentBytes must be 0 (off) .." + MAX_GSO_SEGMENT_BYTES);
        }
    }

    public static RelayConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public int dscp(MediaType type) {
        return dscp.get(type);
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.bindAddress = bindAddress;
        b.udpPort = udpPort;
        b.tcpPort = tcpPort;
        b.ioThreads = ioThreads;
        b.udpReceiveBufferBytes = udpReceiveBufferBytes;
        b.udpSendBufferBytes = udpSendBufferBytes;
        b.tcpSendBufferBytes = tcpSendBufferBytes;
        b.tcpQueueBytes = tcpQueueBytes;
        b.maxPacketBytes = maxPacketBytes;
        b.dscp.putAll(dscp);
        b.consentInterval = consentInterval;
        b.consentTimeout = consentTimeout;
        b.nonceLifetime = nonceLifetime;
        b.tcpBindTimeout = tcpBindTimeout;
        b.maxTokenLifetime = maxTokenLifetime;
        b.bindsPerMinute = bindsPerMinute;
        b.udpGsoMaxSegmentBytes = udpGsoMaxSegmentBytes;
        return b;
    }

    private static void checkPort(int port, String what) {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException(what + " must be 0..65535");
        }
    }

    private static void checkPositive(Duration d, String what) {
        if (Objects.requireNonNull(d, what).isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive");
        }
    }

    public static final class Builder {
        private InetAddress bindAddress = anyIpv4();
        private int udpPort = DEFAULT_PORT;
        private int tcpPort = DEFAULT_PORT;
        private int ioThreads = Runtime.getRuntime().availableProcessors();
        private int udpReceiveBufferBytes = 1 << 20;
        private int udpSendBufferBytes = 1 << 20;
        private int tcpSendBufferBytes;
        private int tcpQueueBytes = 128 << 10;
        private int maxPacketBytes = 1500;
        private final EnumMap<MediaType, Integer> dscp = new EnumMap<>(
                Map.of(MediaType.AUDIO, 56, MediaType.VIDEO, 40, MediaType.CONTENT, 40));
        private Duration consentInterval = Duration.ofSeconds(5);
        private Duration consentTimeout = Duration.ofSeconds(30);
        private Duration nonceLifetime = Duration.ofSeconds(30);
        private Duration tcpBindTimeout = Duration.ofSeconds(10);
        private Duration maxTokenLifetime = Duration.ofHours(1);
        private int bindsPerMinute = 30;
        private int udpGsoMaxSegmentBytes = 1452;

        private Builder() {
        }

        public Builder bindAddress(InetAddress value) {
            bindAddress = value;
            return this;
        }

        public Builder udpPort(int value) {
            udpPort = value;
            return this;
        }

        public Builder tcpPort(int value) {
            tcpPort = value;
            return this;
        }

        public Builder ioThreads(int value) {
            ioThreads = value;
            return this;
        }

        public Builder udpReceiveBufferBytes(int value) {
            udpReceiveBufferBytes = value;
            return this;
        }

        public Builder udpSendBufferBytes(int value) {
            udpSendBufferBytes = value;
            return this;
        }

        public Builder tcpSendBufferBytes(int value) {
            tcpSendBufferBytes = value;
            return this;
        }

        public Builder tcpQueueBytes(int value) {
            tcpQueueBytes = value;
            return this;
        }

        public Builder maxPacketBytes(int value) {
            maxPacketBytes = value;
            return this;
        }

        public Builder dscp(MediaType type, int codePoint) {
            dscp.put(type, codePoint);
            return this;
        }

        public Builder consentInterval(Duration value) {
            consentInterval = value;
            return this;
        }

        public Builder consentTimeout(Duration value) {
            consentTimeout = value;
            return this;
        }

        public Builder nonceLifetime(Duration value) {
            nonceLifetime = value;
            return this;
        }

        public Builder tcpBindTimeout(Duration value) {
            tcpBindTimeout = value;
            return this;
        }

        public Builder maxTokenLifetime(Duration value) {
            maxTokenLifetime = value;
            return this;
        }

        public Builder bindsPerMinute(int value) {
            bindsPerMinute = value;
            return this;
        }

        public Builder udpGsoMaxSegmentBytes(int value) {
            udpGsoMaxSegmentBytes = value;
            return this;
        }

        public RelayConfig build() {
            return new RelayConfig(bindAddress, udpPort, tcpPort, ioThreads, udpReceiveBufferBytes, udpSendBufferBytes,
                    tcpSendBufferBytes, tcpQueueBytes, maxPacketBytes, dscp, consentInterval, consentTimeout,
                    nonceLifetime, tcpBindTimeout, maxTokenLifetime, bindsPerMinute, udpGsoMaxSegmentBytes);
        }

        private static InetAddress anyIpv4() {
            try {
                return InetAddress.getByAddress(new byte[4]);
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}

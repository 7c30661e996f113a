package org.confero.media.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.confero.media.relay.RelayTestSupport.WAIT;
import static org.confero.media.relay.RelayTestSupport.await;
import static org.confero.media.relay.RelayTestSupport.rtp;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import org.confero.protocol.media.MediaType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * DSCP as it appears on the wire: captures the relay's outgoing UDP on loopback with tshark and checks each packet's
 * DSCP against the media type of its receiver. Requires tshark (the project's test command installs it).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class DscpCaptureTest {

    ExecutorService executor;
    MediaRelay relay;
    Process tshark;

    @AfterEach
    void stop() {
        if (tshark != null) {
            tshark.destroyForcibly();
        }
        if (relay != null) {
            relay.stop();
        }
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Test
    void outgoingPacketsCarryTheDscpOfTheirMediaType(@TempDir Path dir) throws Exception {
        Path binary = onPath("tshark").orElseGet(() -> fail("tshark is not installed, so the DSCP capture test "
                + "cannot run. Install it: DEBIAN_FRONTEND=noninteractive apt-get install -y tshark"));
        executor = RelayTestSupport.executor("dscp");
        relay = new MediaRelay(RelayTestSupport.config().build(), RelayTestSupport.key(), executor, RelayListener.NONE);
        relay.start();
        relay.openMeeting("m1");
        int port = relay.status().udpAddress().orElseThrow().getPort();
        Path output = dir.resolve("fields.txt");
        Path errors = dir.resolve("tshark.err");
        tshark = new ProcessBuilder(binary.toString(), "-i", "lo", "-n", "-l", "-f", "udp port " + port, "-T", "fields",
                "-e", "udp.srcport", "-e", "udp.dstport", "-e", "ip.dsfield.dscp", "-a", "duration:60")
                        .redirectOutput(output.toFile()).redirectError(errors.toFile()).start();
        assertThat(await(() -> read(errors).contains("Capturing on") || !tshark.isAlive(), Duration.ofSeconds(30)))
                .as("tshark started capturing").isTrue();
        assertThat(tshark.isAlive()).as("tshark is running: %s", read(errors)).isTrue();
        // "Capturing on" can precede the moment packets are really seen: probe (junk the relay drops) until one shows.
        try (UdpMediaClient probe = new UdpMediaClient(relay.status().udpAddress().orElseThrow())) {
            assertThat(await(() -> {
                probe.send(new byte[] { 0x55 });
                return !fromRelay(output, port, false).isEmpty();
            }, Duration.ofSeconds(30))).as("tshark sees loopback traffic: %s", read(errors)).isTrue();
        }

        Map<Integer, Integer> expected = new HashMap<>();
        try (UdpMediaClient a1 = client(MediaType.AUDIO, "a1", expected);
                UdpMediaClient a2 = client(MediaType.AUDIO, "a2", expected);
                UdpMediaClient v1 = client(MediaType.VIDEO, "v1", expected);
                UdpMediaClient v2 = client(MediaType.VIDEO, "v2", expected);
                UdpMediaClient c1 = client(MediaType.CONTENT, "c1", expected);
                UdpMediaClient c2 = client(MediaType.CONTENT, "c2", expected)) {
            for (int i = 0; i < 10; i++) {
                a1.send(rtp(i, 160));
                v1.send(rtp(i, 1000));
                c1.send(rtp(i, 800));
            }
            assertThat(a2.receiveMedia(10, WAIT)).hasSize(10);
            assertThat(v2.receiveMedia(10, WAIT)).hasSize(10);
            assertThat(c2.receiveMedia(10, WAIT)).hasSize(10);
            // Every client got at least its challenge and its success, and the receivers their media. Not a packet
            // count: with UDP GSO a burst to one receiver is one send, which the capture on lo sees as one frame.
            assertThat(await(() -> destinations(fromRelay(output, port, true)).containsAll(expected.keySet()),
                    Duration.ofSeconds(20))).as("tshark saw packets from the relay to every client: %s", lines(output))
                            .isTrue();
        }
        Map<Integer, Set<Integer>> seen = new HashMap<>();
        for (String[] fields : fromRelay(output, port, true)) {
            seen.computeIfAbsent(Integer.parseInt(fields[1]), k -> new HashSet<>()).add(Integer.parseInt(fields[2]));
        }
        assertThat(seen.keySet()).containsAll(expected.keySet());
        for (Map.Entry<Integer, Integer> client : expected.entrySet()) {
            assertThat(seen.get(client.getKey())).as("DSCP of packets to port %d", client.getKey())
                    .containsExactly(client.getValue());
        }
    }

    private static Set<Integer> destinations(List<String[]> packets) {
        Set<Integer> ports = new HashSet<>();
        packets.forEach(fields -> ports.add(Integer.parseInt(fields[1])));
        return ports;
    }

    private UdpMediaClient client(MediaType type, String name, Map<Integer, Integer> expected) {
        UdpMediaClient client = new UdpMediaClient(relay.status().udpAddress().orElseThrow());
        client.bind(relay.admit("m1", name, type, Duration.ofMinutes(5)), type);
        expected.put(client.address().getPort(), relay.config().dscp(type));
        return client;
    }

    private static Optional<Path> onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Captured packets as {srcport, dstport, dscp}: those the relay sent, or (probe) those it received. */
    private static List<String[]> fromRelay(Path file, int port, boolean sent) {
        return lines(file).stream().map(l -> l.trim().split("\\s+")).filter(f -> f.length == 3)
                .filter(f -> Integer.parseInt(f[sent ? 0 : 1]) == port).toList();
    }

    private static List<String> lines(Path file) {
        return read(file).lines().filter(l -> !l.isBlank()).toList();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.confero.testsuite.cluster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** HAProxy's runtime API (the stats socket of confero.cfg), as an operator reads it: {@code show stat}. */
final class HaproxyStats {

    private final Path socket;

    HaproxyStats(Path socket) {
        this.socket = socket;
    }

    /** A server of backend {@code confero}: its state ({@code UP}, {@code DOWN}, …) and seconds since it changed. */
    record Server(String name, String status, long secondsSinceChange, String check) {
    }

    Map<String, Server> servers() throws IOException {
        String csv = command("show stat");
        List<String> lines = csv.lines().filter(l -> !l.isBlank()).toList();
        List<String> columns = Arrays.asList(lines.get(0).replaceFirst("^# ", "").split(",", -1));
        int proxy = columns.indexOf("pxname");
        int name = columns.indexOf("svname");
        int status = columns.indexOf("status");
        int lastChange = columns.indexOf("lastchg");
        int check = columns.indexOf("check_status");
        Map<String, Server> servers = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            if (f[proxy].equals("confero") && !f[name].equals("BACKEND") && !f[name].equals("FRONTEND")) {
                servers.put(f[name], new Server(f[name], f[status],
                        f[lastChange].isEmpty() ? 0 : Long.parseLong(f[lastChange]), f[check]));
            }
        }
        return servers;
    }

    String command(String command) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.US_ASCII)));
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(8192);
            while (channel.read(buffer) >= 0) {
                answer.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}

package org.confero.testsuite.netns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real HTTP proxy (Debian's tinyproxy) on the web link's host address, as an office proxy would be: the only way out
 * of the client namespace in the proxy test. It allows CONNECT to the test server's HTTPS port only, and logs every
 * connection, which the test reads as proof of the path taken.
 */
final class Tinyproxy implements AutoCloseable {

    static final int PORT = 8888;

    private final Process process;
    private final Path log;

    private Tinyproxy(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static Tinyproxy start(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path log = dir.resolve("tinyproxy.log");
        Files.deleteIfExists(log);
        Path config = dir.resolve("tinyproxy.conf");
        Files.writeString(config,
                String.join("\n", "Port " + PORT, "Listen " + TestNetwork.WEB, "Timeout 120", "MaxClients 20",
                        "Allow 10.77.0.0/16", "ConnectPort " + TestNetwork.HTTPS, "LogLevel Connect",
                        "LogFile \"" + log + "\"", "PidFile \"" + dir.resolve("tinyproxy.pid") + "\"", ""));
        Process p = new ProcessBuilder("tinyproxy", "-d", "-c", config.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("tinyproxy.out").toFile()).start();
        for (int i = 0; i < 50; i++) {
            try (java.net.Socket s = new java.net.Socket(TestNetwork.WEB, PORT)) {
                return new Tinyproxy(p, log);
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        p.destroyForcibly();
        throw new IOException("tinyproxy did not listen on " + TestNetwork.WEB + ":" + PORT);
    }

    String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}

package org.confero.testsuite.support;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Plain HTTP and WebSocket from {@link #PROXY_ADDRESS}, the address the loopback test server trusts as a proxy
 * (arquillian.xml: {@code confero.trusted.proxies}), on a socket of our own — the JDK's HTTP client cannot choose its
 * local address. Each request names the client it stands for in {@code X-Forwarded-For}, so that a test has source
 * addresses of its own and leaves 127.0.0.1, which every other test uses, under no limit.
 */
public final class ProxiedClient implements AutoCloseable {

    /** The test server's trusted proxy; no other test connects from it. */
    public static final String PROXY_ADDRESS = "127.0.0.2";

    private static final int TIMEOUT_MS = 15_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String host;
    private final String client;

    /** An HTTP answer; header names in lower case. */
    public record Answer(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** A WebSocket frame from the server. */
    public record Frame(int opcode, byte[] payload) {
        public static final int TEXT = 0x1;
        public static final int CLOSE = 0x8;

        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** For a close frame: its status code (RFC 6455 §5.5.1), or 1005 when it has none. */
        public int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
        }

        public String closeReason() {
            return payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
        }
    }

    /** Connects to {@code server}'s host and port from the proxy address, for the client {@code client}. */
    public ProxiedClient(URI server, String client) throws IOException {
        this(server, client, PROXY_ADDRESS);
    }

    /**
     * Connects from {@code localAddress} (a loopback address of the caller's choice); {@code client} null sends no
     * {@code X-Forwarded-For}, as a client that is no proxy.
     */
    public ProxiedClient(URI server, String client, String localAddress) throws IOException {
        this.host = server.getHost() + ":" + server.getPort();
        this.client = client;
        socket = new Socket();
        socket.setSoTimeout(TIMEOUT_MS);
        socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
        socket.connect(new InetSocketAddress(server.getHost(), server.getPort()), TIMEOUT_MS);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** One HTTP/1.0 exchange (the answer ends with the connection: no chunking to undo); the socket is spent after. */
    public Answer request(String method, String path, String jsonBody, String... headers) throws IOException {
        byte[] body = jsonBody == null ? new byte[0] : jsonBody.getBytes(StandardCharsets.UTF_8);
        StringBuilder request = head(method + " " + path + " HTTP/1.0", headers);
        if (jsonBody != null) {
            request.append("Content-Type: application/json\r\n");
        }
        request.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
        Answer head = readHead();
        return new Answer(head.status(), head.headers(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }

    /**
     * A WebSocket opening handshake (RFC 6455). After a {@code 101} the socket speaks frames; any other answer comes
     * with its body (the server sets Content-Length).
     */
    public Answer upgrade(String path) throws IOException {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        StringBuilder request = head("GET " + path + " HTTP/1.1",
                new String[] { "Upgrade", "websocket", "Connection", "Upgrade", "Sec-WebSocket-Version", "13",
                        "Sec-WebSocket-Key", Base64.getEncoder().encodeToString(nonce) });
        out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        Answer head = readHead();
        if (head.status() == 101) {
            return head;
        }
        String length = head.header("Content-Length");
        byte[] body = length == null ? new byte[0] : in.readNBytes(Integer.parseInt(length));
        return new Answer(head.status(), head.headers(), new String(body, StandardCharsets.UTF_8));
    }

    /** A text frame, masked as a client's must be. */
    public void sendText(String text) throws IOException {
        sendFrame(Frame.TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A close frame with a normal closure (1000); the server answers with its own. */
    public void sendClose() throws IOException {
        sendFrame(Frame.CLOSE, new byte[] { 0x03, (byte) 0xe8 });
    }

    /** The next whole frame from the server (the control channel sends each message as one frame). */
    public Frame readFrame() throws IOException {
        int first = readByte();
        int second = readByte();
        long length = second & 0x7f;
        if (length == 126) {
            length = ((readByte() & 0xff) << 8) | (readByte() & 0xff);
        } else if (length == 127) {
            length = ByteBuffer.wrap(in.readNBytes(8)).getLong();
        }
        if (length > 1 << 20) {
            throw new IOException("a frame of " + length + " bytes is not what this test expects");
        }
        byte[] payload = in.readNBytes((int) length);
        if (payload.length < length) {
            throw new EOFException("connection closed within a frame");
        }
        return new Frame(first & 0x0f, payload);
    }

    private void sendFrame(int opcode, byte[] payload) throws IOException {
        if (payload.length > 0xffff) {
            throw new IllegalArgumentException("this test client sends frames of up to 64 KiB");
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x80 | opcode);
        if (payload.length <= 125) {
            frame.write(0x80 | payload.length);
        } else {
            frame.write(0x80 | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length & 0xff);
        }
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    private StringBuilder head(String requestLine, String[] headers) {
        StringBuilder request = new StringBuilder(requestLine).append("\r\nHost: ").append(host).append("\r\n");
        if (client != null) {
            request.append("X-Forwarded-For: ").append(client).append("\r\n");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        return request;
    }

    private Answer readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = readByte();
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim(), (a, b) -> a + ", " + b);
            }
        }
        return new Answer(status, headers, "");
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("connection closed by the server");
        }
        return b;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

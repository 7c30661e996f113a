package org.confero.testsuite.cluster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * HTTP over TLS on a socket of our own, for what the JDK's HTTP client cannot do: connect from a chosen loopback
 * address (so that the client address the server reports is unmistakably ours), and read the headers of a WebSocket
 * upgrade's 101 and speak a frame after it.
 */
final class RawHttps implements AutoCloseable {

    private static final int TIMEOUT_MS = 15_000;

    private final SSLSocket socket;
    private final InputStream in;
    private final OutputStream out;

    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    RawHttps(SSLContext tls, String localAddress, String host, int port) throws IOException {
        socket = (SSLSocket) tls.getSocketFactory().createSocket();
        socket.setSoTimeout(TIMEOUT_MS);
        socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setServerNames(List.of(new SNIHostName(host)));
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        parameters.setApplicationProtocols(new String[] { "http/1.1" });
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** An HTTP/1.0 GET (the answer ends with the connection: no chunking to undo). */
    Response get(String hostHeader, String path, String... headers) throws IOException {
        StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.0\r\nHost: " + hostHeader + "\r\n");
        for (int i = 0; i < headers.length; i += 2) {
            request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        Response head = readHead();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        in.transferTo(body);
        return new Response(head.status(), head.headers(), body.toString(StandardCharsets.UTF_8));
    }

    /** A WebSocket opening handshake (RFC 6455); the answer's status line and headers, the body left unread. */
    Response upgrade(String hostHeader, String path, String... headers) throws IOException {
        byte[] nonce = new byte[16];
        new SecureRandom().nextBytes(nonce);
        StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n" + "Sec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(nonce) + "\r\n");
        for (int i = 0; i < headers.length; i += 2) {
            request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return readHead();
    }

    /** After an upgrade: a masked ping frame; returns the opcode and payload of the frame that answers it. */
    byte[] pingAndReadAnswer(byte[] payload) throws IOException {
        byte[] mask = { 1, 2, 3, 4 };
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x89); // FIN + ping
        frame.write(0x80 | payload.length);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
        int first = in.read();
        int length = in.read() & 0x7f;
        byte[] answer = new byte[1 + length];
        answer[0] = (byte) (first & 0x0f);
        for (int i = 0; i < length; i++) {
            answer[1 + i] = (byte) in.read();
        }
        return answer;
    }

    private Response readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed in the response head: " + head);
            }
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
        return new Response(status, headers, "");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

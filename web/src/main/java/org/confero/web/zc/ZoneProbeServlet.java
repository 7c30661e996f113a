package org.confero.web.zc;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.confero.common.ServerIdentity;
import org.confero.common.api.ProblemType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The probe a client runs against every zone controller of every listed zone. Built to cost the server almost nothing:
 * a servlet (no JAX-RS, no JSON library, no database), answers of a few dozen bytes, uploads read into one small reused
 * buffer and discarded.
 *
 * <ul>
 * <li>{@code GET /api/v1/zc/probe?seq=N} — a round trip: echoes {@code seq} with the zone and identity.node(), never
 * cached. A client sends a burst (say 10, 50 ms apart) and derives RTT, jitter and loss from the answers.</li>
 * <li>{@code POST /api/v1/zc/probe} with up to {@code confero.zc.probe.max.bytes} (default 256 KiB) of any content — a
 * throughput sample: the answer says how many bytes arrived and how long reading them took.</li>
 * </ul>
 * Only on servers with the {@code zc} role; elsewhere 404.
 */
@WebServlet(urlPatterns = "/api/v1/zc/probe")
public class ZoneProbeServlet extends HttpServlet {

    @Inject
    private ServerIdentity identity;

    private static final long serialVersionUID = 1L;

    @Inject
    @ConfigProperty(name = "confero.zc.probe.max.bytes", defaultValue = "262144")
    int maxBytes;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!identity.plays("zc")) {
            response.sendError(404);
            return;
        }
        long seq = parseSeq(request.getParameter("seq"));
        answer(response, 200, "{\"zone\":\"" + identity.zone() + "\",\"node\":\"" + identity.node() + "\",\"seq\":"
                + seq + ",\"serverTimeMillis\":" + System.currentTimeMillis() + "}");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!identity.plays("zc")) {
            response.sendError(404);
            return;
        }
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            answer(response, 413, tooLarge());
            return;
        }
        long start = System.nanoTime();
        long received = 0;
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = request.getInputStream()) {
            int read;
            while ((read = in.read(buffer)) > 0) {
                received += read;
                if (received > maxBytes) {
                    answer(response, 413, tooLarge());
                    return;
                }
            }
        }
        long micros = (System.nanoTime() - start) / 1000;
        answer(response, 200, "{\"zone\":\"" + identity.zone() + "\",\"node\":\"" + identity.node()
                + "\",\"receivedBytes\":" + received + ",\"readMicros\":" + micros + "}");
    }

    private String tooLarge() {
        ProblemType type = ProblemType.PAYLOAD_TOO_LARGE;
        return "{\"type\":\"" + type.uri() + "\",\"title\":\"" + type.title() + "\",\"status\":413,"
                + "\"detail\":\"a throughput sample is at most " + maxBytes + " bytes\"}";
    }

    private static long parseSeq(String text) {
        if (text == null || text.length() > 18) {
            return 0;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void answer(HttpServletResponse response, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType(status == 200 ? "application/json" : "application/problem+json");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}

package org.confero.testsuite.webinar;

import jakarta.annotation.Resource;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

import org.confero.media.api.MediaConnection;
import org.confero.media.api.MediaConnectionFactory;

/**
 * Test-only window on the relay's counters: {@code GET /relay-drops?meeting=…&reason=…} answers how many packets the
 * relay dropped for that reason in that meeting (0 when the meeting is not open), as plain text. The relay's own
 * connection factory, as the application uses it; nothing is changed.
 */
@WebServlet("/relay-drops")
public class RelayDropsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Resource(lookup = MediaConnectionFactory.JNDI_NAME)
    private transient MediaConnectionFactory factory;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String meeting = request.getParameter("meeting");
        String reason = request.getParameter("reason");
        long dropped;
        try (MediaConnection relay = factory.getConnection()) {
            dropped = relay.statistics(meeting).map(stats -> stats.dropped(reason)).orElse(0L);
        } catch (jakarta.resource.ResourceException e) {
            response.sendError(503, "no relay");
            return;
        }
        response.setContentType("text/plain");
        response.getWriter().print(dropped);
    }
}

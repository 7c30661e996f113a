package org.confero.web.client;

import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import org.confero.common.ServerIdentity;
import org.confero.common.api.ProblemType;

/**
 * {@code GET /join/<meeting>} (and {@code /join} with an empty form): the web client's join page, the last rung of the
 * connection process — the link a client that could not connect prints, and the way guests join from a browser with no
 * plug-in. The page reads the meeting number from its own URL, so one static page serves every meeting. Only servers
 * with the {@code web} role serve it; a path that is no meeting number is a {@code 404} problem.
 */
@WebServlet(urlPatterns = { "/join", "/join/*" })
public class JoinPageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String PAGE = "/webclient/join.html";
    /** Digits with the spaces or dashes people type in meeting numbers; the page itself checks the number. */
    private static final Pattern MEETING = Pattern.compile("/?|/[0-9][0-9 -]{0,23}");

    @Inject
    private ServerIdentity identity;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        if (!identity.plays("web")) {
            notFound(response, "this server does not serve the web client");
            return;
        }
        if (!MEETING.matcher(path).matches()) {
            notFound(response, "not a meeting number: /join/<meeting number>");
            return;
        }
        response.setHeader("Cache-Control", "no-cache");
        request.getRequestDispatcher(PAGE).forward(request, response);
    }

    private static void notFound(HttpServletResponse response, String detail) throws IOException {
        byte[] body = ("{\"type\":\"" + ProblemType.NOT_FOUND.uri() + "\",\"title\":\"" + ProblemType.NOT_FOUND.title()
                + "\",\"status\":404,\"detail\":\"" + detail + "\"}").getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        response.setContentType("application/problem+json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}

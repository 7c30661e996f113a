package org.confero.web.rest;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.jboss.logging.Logger;

/**
 * The container's error page (web.xml {@code error-page}): what Undertow and Elytron answer with before a request
 * reaches JAX-RS — a failed HTTP Basic challenge (401), an unknown path (404), a method the default servlet does not
 * serve (405), and any other {@code sendError} — becomes an RFC 9457 problem like every answer of the API, instead of
 * Undertow's HTML page. Headers set before the error stay (the 401's {@code WWW-Authenticate} challenge). It never
 * writes an exception's message or stack trace: a 500 carries only the incident id under which it is logged.
 */
@WebServlet(urlPatterns = ContainerErrorServlet.PATH)
public class ContainerErrorServlet extends HttpServlet {

    /** The error page's path, as web.xml names it. */
    public static final String PATH = "/container-error";

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ContainerErrorServlet.class);
    private static final Jsonb JSON = JsonbBuilder.create(JsonbSettings.config());

    // Every method: the error dispatch keeps the failed request's method (a 405 for DELETE is dispatched as DELETE).
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (!(code instanceof Integer status)) {
            // Asked for directly, not as an error page: there is nothing here.
            write(response, Problems.forStatus(404, "No resource at " + request.getRequestURI()));
            return;
        }
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri instanceof String s ? s : request.getRequestURI();
        ProblemView problem = problem(status, request.getMethod(), path,
                (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION));
        write(response, problem.withInstance(path));
    }

    /** The problem for a container error: the status's generic type and a detail that says what to do. */
    static ProblemView problem(int status, String method, String path, Throwable failure) {
        if (status >= 500 && failure != null) {
            String incidentId = UUID.randomUUID().toString();
            LOG.errorf(failure, "Incident %s: %s %s failed", incidentId, method, path);
            return Problems.internalError(incidentId);
        }
        return Problems.forStatus(status, detail(status, method));
    }

    private static String detail(int status, String method) {
        return switch (status) {
        case 401 -> "Send HTTP Basic credentials of a user or an API token (Authorization: Bearer <token>); "
                + "the credentials sent were not accepted";
        case 403 -> "The caller may not use this resource";
        case 404 -> "No resource at this path";
        case 405 -> "The method " + method + " is not allowed on this resource";
        case 415 -> "This resource does not accept the request's content type";
        case 500 -> "The server failed to handle the request";
        default -> "The server answered this request with status " + status;
        };
    }

    private static void write(HttpServletResponse response, ProblemView problem) throws IOException {
        byte[] body = JSON.toJson(problem).getBytes(StandardCharsets.UTF_8);
        response.setStatus(problem.status());
        response.setContentType(Problems.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}

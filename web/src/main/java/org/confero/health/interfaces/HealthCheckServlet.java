package org.confero.health.interfaces;

import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.confero.health.api.HealthReport;
import org.confero.health.api.HealthReporter;

/**
 * The load balancer's probe ({@code /CAMServer/healthCheck} in CAMServer). A servlet rather than a JAX-RS resource: it
 * must stay cheap and must answer even when the REST layer is misconfigured. Never cached, no authentication (it
 * reveals only which dependency is down).
 */
@WebServlet(urlPatterns = "/healthCheck")
public class HealthCheckServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @EJB
    private HealthReporter monitor;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HealthReport report = monitor.check();
        byte[] body = HealthJson.toJson(report).toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(HealthJson.httpStatus(report));
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}

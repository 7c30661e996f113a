package org.confero.web.metrics;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.confero.common.api.ProblemType;
import org.confero.metrics.ConferoMeters;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * {@code GET /prometheus} on a managed domain's servers: this server's Confero series in the Prometheus text format,
 * written by Micrometer's Prometheus registry ({@link ConferoMeters#scrape()}), for a scraper that presents the scrape
 * token ({@link ScrapeToken}). WildFly's own Prometheus endpoint exists only on a standalone server's management
 * interface; domain servers have none, so this one lives on the application's ports — and must never be reachable from
 * the public side: the load balancer refuses the path (wildfly-config/haproxy/confero.cfg), the token refuses everyone
 * else, and credentials over plain HTTP are refused unless the peer is a trusted one (CredentialGate), so Prometheus
 * scrapes HTTPS.
 *
 * <p>
 * 404 unless {@code confero.metrics.scrape.enabled} (standalone servers leave it off: WildFly serves the series there).
 * A missing or wrong token is a 401 the credential gate counts as a failed login, so guessing is rate-limited like a
 * password.
 */
@WebServlet(urlPatterns = "/prometheus", loadOnStartup = 1)
public class PrometheusScrapeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(PrometheusScrapeServlet.class);
    /** Prometheus' text exposition format, what Micrometer's scrape() writes. */
    private static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

    @EJB
    private transient ConferoMeters meters;

    @Inject
    @ConfigProperty(name = "confero.data.path", defaultValue = "${jboss.server.data.dir}/confero")
    transient String dataPath;

    private transient volatile ScrapeToken token;

    /**
     * Creates the token file at deployment, so that it is there for Prometheus (which sends nothing while its
     * credentials file is missing) before the first scrape.
     */
    @Override
    public void init() {
        if (meters.scrapeEnabled()) {
            try {
                token();
            } catch (IOException e) {
                LOG.errorf("Cannot create the scrape token %s: %s", ScrapeToken.file(dataPath), e.toString());
            }
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        Optional<String> scrape = meters.scrape();
        if (scrape.isEmpty()) {
            problem(response, ProblemType.NOT_FOUND, "no scrape endpoint on this server (confero.metrics.scrape.enabled"
                    + " is off; a standalone server serves its series on the management interface)");
            return;
        }
        ScrapeToken current;
        try {
            current = token();
        } catch (IOException e) {
            LOG.errorf("Cannot read the scrape token %s: %s", ScrapeToken.file(dataPath), e.toString());
            problem(response, ProblemType.UNAVAILABLE, "the scrape token cannot be read");
            return;
        }
        if (!current.admits(request.getHeader("Authorization"))) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"confero-metrics\"");
            problem(response, ProblemType.UNAUTHENTICATED, "scrape with the bearer token of keys/metrics-scrape.token");
            return;
        }
        byte[] body = scrape.get().getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(TEXT_FORMAT);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** The file is created by whichever server starts first; the others read it. */
    private ScrapeToken token() throws IOException {
        ScrapeToken current = token;
        if (current == null) {
            current = ScrapeToken.loadOrCreate(ScrapeToken.file(dataPath));
            token = current;
        }
        return current;
    }

    private static void problem(HttpServletResponse response, ProblemType type, String detail) throws IOException {
        byte[] body = Json.createObjectBuilder().add("type", type.uri()).add("title", type.title())
                .add("status", type.status()).add("detail", detail).build().toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(type.status());
        response.setContentType("application/problem+json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}

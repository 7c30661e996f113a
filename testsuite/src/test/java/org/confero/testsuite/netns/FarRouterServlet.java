package org.confero.testsuite.netns;

import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.confero.router.RouterLoad;
import org.confero.router.RouterRegistry;

/**
 * Test fixture deployed next to the EAR: the heartbeat of a router of zone {@code far}, as another server of that zone
 * would write it into the replicated {@code routers} cache, so that the far zone counts as available and zone choice
 * comes down to the client's measurements. POST starts it (fresh every second for two minutes), DELETE stops it. Nobody
 * is ever assigned to it: the controllers answering on this server place participants in its own zone.
 */
@WebServlet("/far-router")
public class FarRouterServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final String NODE = "far-router";

    @Resource
    private ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> beating;

    @Override
    protected synchronized void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        stop();
        RouterRegistry registry = registry();
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        beating = scheduler.scheduleAtFixedRate(() -> {
            if (System.nanoTime() < until) {
                registry.heartbeat(new RouterLoad(NODE, "far", 0, 0, 500, false, Instant.now(),
                        "https://" + TestNetwork.FAR + ":" + TestNetwork.HTTPS + "/api/v1/mmr", TestNetwork.FAR,
                        TestNetwork.MEDIA, TestNetwork.MEDIA, 0, 0));
            }
        }, 0, 1, TimeUnit.SECONDS);
        resp.setStatus(204);
    }

    @Override
    protected synchronized void doDelete(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        stop();
        registry().remove(NODE);
        resp.setStatus(204);
    }

    private void stop() {
        if (beating != null) {
            beating.cancel(false);
            beating = null;
        }
    }

    private static RouterRegistry registry() throws IOException {
        try {
            return (RouterRegistry) new InitialContext()
                    .lookup("java:global/confero/ejb/RouterRegistry!" + RouterRegistry.class.getName());
        } catch (NamingException e) {
            throw new IOException(e);
        }
    }
}

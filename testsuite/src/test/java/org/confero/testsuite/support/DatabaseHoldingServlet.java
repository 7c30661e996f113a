package org.confero.testsuite.support;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

/**
 * Test fixtures deployed next to the EAR that hold something in the real database — a lock, an exclusive mode — on a
 * connection of their own for {@code ?seconds=N} (at most 60), as another session would, then let go. {@code POST}
 * answers {@code 202} once it is held.
 */
public abstract class DatabaseHoldingServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Resource(lookup = "java:jboss/datasources/ConferoDS")
    private DataSource dataSource;

    @Resource
    private ManagedExecutorService executor;

    /** Takes hold; called on the holding connection. */
    protected abstract void take(Connection connection) throws SQLException;

    /** Lets go; called on the same connection, also when the wait was interrupted. */
    protected abstract void release(Connection connection) throws SQLException;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long seconds = Math.min(60, Long.parseLong(request.getParameter("seconds")));
        CountDownLatch held = new CountDownLatch(1);
        executor.submit(() -> {
            try (Connection connection = dataSource.getConnection()) {
                take(connection);
                held.countDown();
                try {
                    TimeUnit.SECONDS.sleep(seconds);
                } finally {
                    release(connection);
                }
            } catch (SQLException | InterruptedException e) {
                log("holding the database failed", e);
            }
            return null;
        });
        try {
            if (!held.await(10, TimeUnit.SECONDS)) {
                response.sendError(500, "could not take hold of the database");
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            response.sendError(500, "interrupted");
            return;
        }
        response.setStatus(202);
    }
}

package org.confero.testsuite.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

/**
 * Test-only fault injection, deployed next to the EAR: makes the real database stop answering for a while. H2's
 * exclusive mode pauses every other session's statements until it is lifted, which is how a hung database server looks
 * to the application.
 */
@WebServlet("/hang-database")
public class DatabaseHangServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Resource(lookup = "java:jboss/datasources/ConferoDS")
    private DataSource dataSource;

    @Resource
    private ManagedExecutorService executor;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long seconds = Math.min(30, Long.parseLong(request.getParameter("seconds")));
        CountDownLatch exclusive = new CountDownLatch(1);
        executor.submit(() -> {
            try (Connection connection = dataSource.getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("SET EXCLUSIVE 1");
                exclusive.countDown();
                try {
                    TimeUnit.SECONDS.sleep(seconds); // the length of the outage
                } finally {
                    statement.execute("SET EXCLUSIVE 0"); // also when undeployed early: the pool keeps the session
                }
            } catch (SQLException | InterruptedException e) {
                log("database hang failed", e);
            }
            return null;
        });
        try {
            if (!exclusive.await(10, TimeUnit.SECONDS)) {
                response.sendError(500, "could not take the database into exclusive mode");
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

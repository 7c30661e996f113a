package org.confero.testsuite.zc;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.confero.testsuite.api.FirstStartCredentials;
import org.confero.testsuite.support.ConferoDeployment;
import org.confero.testsuite.support.ConnectionSteps;
import org.confero.testsuite.support.Http;
import org.confero.testsuite.support.ProxiedClient;
import org.confero.testsuite.support.ProxiedClient.Answer;
import org.confero.testsuite.support.ProxiedClient.Frame;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The limits of issue 18 at their defaults, on the real server: lookups and assignments per source address and minute,
 * control WebSockets per source address, and the control channel's join deadline. Every test speaks for clients of its
 * own (documentation addresses, 198.51.100.0/24) through the test server's trusted proxy ({@link ProxiedClient}), so
 * the limits it exhausts are not those of 127.0.0.1 that the rest of the suite uses — and the per-source limits are
 * shown to count the forwarded client, not the proxy.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LimitsIT {

    private static final String CONTROL = "/api/v1/mmr/control";
    private static final String PING = "{\"type\":\"ping\"}";

    @ArquillianResource
    private URL base;

    private final Http http = new Http();
    private URI server;
    private URI api;
    private String admin;
    private ConnectionSteps steps;

    @Deployment(testable = false)
    static EnterpriseArchive confero() {
        return ConferoDeployment.ear();
    }

    @BeforeEach
    void setUp() throws Exception {
        server = base.toURI();
        api = server.resolve("/api/v1/");
        admin = Http.basic("admin", FirstStartCredentials.adminPassword());
        steps = new ConnectionSteps(http, api, admin);
    }

    @Test
    @Timeout(120)
    void theLookupOverTheLimitOfItsSourceIsRefusedWithRetryAfterAndCounted() throws Exception {
        String meeting = steps.newMeeting("Limits");
        int perMinute = limit("lookups").getInt("setting");
        long refusedBefore = refusals("lookups");

        for (int i = 0; i < perMinute; i++) {
            assertThat(lookup(meeting, "198.51.100.11").status()).as("lookup %d of %d", i + 1, perMinute)
                    .isEqualTo(200);
        }
        Answer refused = lookup(meeting, "198.51.100.11");

        assertTooMany(refused, "too-many-attempts");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(json(refused).getString("detail")).contains(perMinute + " meeting lookups");
        assertThat(lookup(meeting, "198.51.100.12").status()).as("another client behind the same proxy").isEqualTo(200);
        assertThat(http.get(api.resolve("meetings/" + meeting + "/join-info")).statusCode())
                .as("the proxy's own address is not what was limited").isEqualTo(200);
        assertThat(refusals("lookups")).isEqualTo(refusedBefore + 1);
    }

    @Test
    @Timeout(120)
    void theAssignmentOverTheLimitOfItsSourceIsRefusedEvenWithAGoodJoinToken() throws Exception {
        String meeting = steps.newMeeting("Limits");
        String joinToken = json(lookup(meeting, "198.51.100.20")).getString("joinToken");
        int perMinute = limit("assigns").getInt("setting");
        long refusedBefore = refusals("assigns");

        // Every assignment counts, the ones the zone controller refuses too: a forged token costs it work as well.
        for (int i = 0; i < perMinute; i++) {
            assertThat(assign("not.a.token", "198.51.100.21").status()).as("assignment %d of %d", i + 1, perMinute)
                    .isNotEqualTo(429);
        }
        Answer refused = assign(joinToken, "198.51.100.21");

        assertTooMany(refused, "too-many-attempts");
        assertThat(refused.header("Retry-After")).isNotNull();
        assertThat(assign(joinToken, "198.51.100.22").status()).as("another client behind the same proxy")
                .isEqualTo(200);
        assertThat(refusals("assigns")).isEqualTo(refusedBefore + 1);
    }

    @Test
    @Timeout(120)
    void theControlConnectionOverTheLimitOfItsSourceIsRefusedWhileTheOthersStayOpen() throws Exception {
        int perSource = limit("control-connections").getInt("setting");
        long refusedBefore = refusals("control-connections");
        List<ProxiedClient> open = new ArrayList<>();
        try {
            // Unjoined, so the join deadline runs: the assertions up to the refusal stay well within it.
            for (int i = 0; i < perSource; i++) {
                open.add(upgraded("198.51.100.31"));
            }
            // A pong proves the server opened the connection (and so counted it): the 101 of the upgrade may reach
            // the client before the server's onOpen took the connection's place.
            for (ProxiedClient connection : open) {
                connection.sendText(PING);
                assertThat(connection.readFrame().text()).contains("pong");
            }
            try (ProxiedClient extra = new ProxiedClient(server, "198.51.100.31")) {
                Answer refused = extra.upgrade(CONTROL);
                assertTooMany(refused, "too-many-connections");
            }
            for (ProxiedClient connection : open) {
                connection.sendText(PING);
                assertThat(connection.readFrame().text()).contains("pong");
            }
            try (ProxiedClient other = upgraded("198.51.100.32")) {
                other.sendText(PING);
                assertThat(other.readFrame().text()).as("another client behind the same proxy").contains("pong");
            }
            assertThat(refusals("control-connections")).isEqualTo(refusedBefore + 1);

            // A connection that closes makes room for the next from the same source.
            ProxiedClient leaving = open.remove(0);
            leaving.sendClose();
            assertThat(leaving.readFrame().opcode()).isEqualTo(Frame.CLOSE);
            leaving.close();
            try (ProxiedClient next = upgradedOnceRoom("198.51.100.31")) {
                next.sendText(PING);
                assertThat(next.readFrame().text()).contains("pong");
            }
        } finally {
            for (ProxiedClient connection : open) {
                connection.close();
            }
        }
    }

    @Test
    @Timeout(60)
    void aControlConnectionThatOnlyPingsIsClosedAtTheJoinDeadlineWhileAJoinedOneStays() throws Exception {
        int deadlineSeconds = limit("join-deadline").getInt("setting");
        String joinToken = json(lookup(steps.newMeeting("Limits"), "198.51.100.40")).getString("joinToken");
        long refusedBefore = refusals("join-deadline");

        try (ProxiedClient pinging = upgraded("198.51.100.41"); ProxiedClient joining = upgraded("198.51.100.42")) {
            long opened = System.nanoTime();
            joining.sendText("{\"type\":\"join\",\"joinToken\":\"" + joinToken + "\"}");
            assertThat(json(joining.readFrame().text()).getString("type")).isIn("joined", "waiting");

            Frame last;
            do {
                pinging.sendText(PING);
                last = pinging.readFrame();
                if (last.opcode() == Frame.TEXT) {
                    assertThat(last.text()).contains("pong");
                    Thread.sleep(1000); // the pace of a client's pings, not synchronisation
                }
            } while (last.opcode() != Frame.CLOSE);
            Duration lived = Duration.ofNanos(System.nanoTime() - opened);

            assertThat(last.closeCode()).isEqualTo(1008);
            assertThat(last.closeReason()).isEqualTo("join deadline");
            assertThat(lived).as("pings did not keep it open past the deadline")
                    .isBetween(Duration.ofSeconds(deadlineSeconds - 1), Duration.ofSeconds(deadlineSeconds + 5));
            joining.sendText(PING);
            assertThat(nextText(joining)).as("the joined connection is open past the deadline").contains("pong");
        }
        // Other tests' unjoined connections may reach their deadline meanwhile, hence at least.
        assertThat(refusals("join-deadline")).isGreaterThanOrEqualTo(refusedBefore + 1);
    }

    @Test
    @Timeout(30)
    void onlyAdminsSeeTheLimitsAndTheApiDescribesThem() throws Exception {
        assertThat(http.get(api.resolve("limits")).statusCode()).isEqualTo(401);
        HttpResponse<String> view = http.send("GET", api.resolve("limits"), null, "Authorization", admin);
        assertThat(view.statusCode()).isEqualTo(200);
        assertThat(Http.json(view).getJsonArray("limits").getValuesAs(JsonObject.class))
                .extracting(l -> l.getString("name") + "=" + l.getInt("setting") + " " + l.getString("property"))
                .contains("lookups=120 confero.limits.lookups.per.minute",
                        "assigns=120 confero.limits.assigns.per.minute",
                        "control-connections=100 confero.control.connections.per.source",
                        "join-deadline=10 confero.control.join.deadline.seconds");
        assertThat(http.get(server.resolve("/openapi")).body()).contains("/api/v1/limits");
    }

    private Answer lookup(String meeting, String client) throws Exception {
        try (ProxiedClient proxy = new ProxiedClient(server, client)) {
            return proxy.request("GET", "/api/v1/meetings/" + meeting + "/join-info?name=Probe", null);
        }
    }

    private Answer assign(String joinToken, String client) throws Exception {
        try (ProxiedClient proxy = new ProxiedClient(server, client)) {
            return proxy.request("POST", "/api/v1/zc/assign", "{\"joinToken\":\"" + joinToken + "\"}");
        }
    }

    private ProxiedClient upgraded(String client) throws Exception {
        ProxiedClient connection = new ProxiedClient(server, client);
        Answer answer = connection.upgrade(CONTROL);
        assertThat(answer.status()).as(client + ": " + answer.body()).isEqualTo(101);
        return connection;
    }

    /** The server learns of a close a moment after the client has read its answer; upgrades until one is let in. */
    private ProxiedClient upgradedOnceRoom(String client) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            ProxiedClient connection = new ProxiedClient(server, client);
            Answer answer = connection.upgrade(CONTROL);
            if (answer.status() == 101) {
                return connection;
            }
            connection.close();
            assertThat(answer.status()).isEqualTo(429);
            assertThat(System.nanoTime()).as("room for the next connection within 5 s").isLessThan(deadline);
            Thread.sleep(100); // polling interval, not synchronisation: the upgrade is tried again
        }
    }

    private static String nextText(ProxiedClient connection) throws Exception {
        Frame frame;
        do {
            frame = connection.readFrame();
        } while (frame.opcode() == Frame.TEXT && !frame.text().contains("pong"));
        return frame.text();
    }

    private static void assertTooMany(Answer refused, String type) {
        assertThat(refused.status()).as(refused.body()).isEqualTo(429);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(json(refused).getString("type")).isEqualTo("https://confero.org/problems/" + type);
    }

    private JsonObject limit(String name) throws Exception {
        HttpResponse<String> view = http.send("GET", api.resolve("limits"), null, "Authorization", admin);
        assertThat(view.statusCode()).as(view.body()).isEqualTo(200);
        return Http.json(view).getJsonArray("limits").getValuesAs(JsonObject.class).stream()
                .filter(l -> l.getString("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no limit " + name + " in " + view.body()));
    }

    private long refusals(String name) throws Exception {
        return limit(name).getJsonNumber("refusals").longValue();
    }

    private static JsonObject json(Answer answer) {
        return json(answer.body());
    }

    private static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}

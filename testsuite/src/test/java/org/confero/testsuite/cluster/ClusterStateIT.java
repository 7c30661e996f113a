package org.confero.testsuite.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.confero.cli.media.MediaProfile;
import org.confero.cli.media.Pacer;
import org.confero.cli.media.TestParticipant;
import org.confero.client.ClientOptions;
import org.confero.client.ConferoClient;
import org.confero.client.ConnectionListener;
import org.confero.client.assign.AssignmentParser;
import org.confero.client.control.ControlSession;
import org.confero.client.http.HttpTransport;
import org.confero.client.http.TlsTrust;
import org.confero.client.tunnel.TunnelConnection;
import org.confero.protocol.rest.AssignmentView;
import org.confero.protocol.media.MediaType;
import org.confero.testsuite.support.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The local domain (web-1; mmr-1 and mmr-2 of zone default; tunnel-1) started by the admin's own script: what one
 * server writes the others read — the shared database, router heartbeats and meeting placements in the replicated
 * caches — and two participants whose joins went through different zone controllers meet on one router and hear each
 * other.
 */
class ClusterStateIT {

    private static LocalDomain domain;
    private static String admin;
    private final Http http = new Http();

    @BeforeAll
    static void startTheDomain() throws Exception {
        domain = LocalDomain.start();
        admin = Http.basic("admin", domain.adminPassword());
    }

    @AfterAll
    static void stopTheDomain() throws Exception {
        if (domain != null) {
            domain.close();
        }
    }

    @Test
    @Timeout(180)
    void whatOneServerWritesTheOthersRead() throws Exception {
        HttpResponse<String> created = http.send("POST", URI.create(domain.http("web-1") + "/api/v1/meetings"),
                "{\"topic\":\"across servers\",\"durationMinutes\":30}", "Authorization", admin);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String meeting = Http.json(created).getString("id");

        // The database is shared: the routers' servers read the meeting web-1 wrote.
        for (String server : List.of("mmr-1", "mmr-2")) {
            HttpResponse<String> read = http.send("GET",
                    URI.create(domain.http(server) + "/api/v1/meetings/" + meeting), null, "Authorization", admin);
            assertThat(read.statusCode()).as(server + ": " + read.body()).isEqualTo(200);
            assertThat(Http.json(read).getString("topic")).isEqualTo("across servers");
        }

        // Router heartbeats are replicated: web-1, which is no router, sees zone default available.
        JsonObject info = Http.json(
                http.get(URI.create(domain.http("web-1") + "/api/v1/meetings/" + meeting + "/join-info?name=probe")));
        JsonObject zone = info.getJsonArray("zones").getJsonObject(0);
        assertThat(zone.getString("id")).isEqualTo("default");
        assertThat(zone.getBoolean("available")).as(zone.toString()).isTrue();

        // Placements are replicated: mmr-1's and mmr-2's controllers agree on the meeting's router.
        JsonObject first = assign("mmr-1", meeting);
        JsonObject second = assign("mmr-2", meeting);
        assertThat(second.getString("router")).isEqualTo(first.getString("router"));
        assertThat(second.getString("reason")).isEqualTo("meeting hosted there");
    }

    @Test
    @Timeout(180)
    void twoParticipantsJoinThroughTheDomainAndHearEachOther() throws Exception {
        HttpResponse<String> created = http.send("POST", URI.create(domain.http("web-1") + "/api/v1/meetings"),
                "{\"topic\":\"media\",\"durationMinutes\":30}", "Authorization", admin);
        String meeting = Http.json(created).getString("id");
        ClientOptions options = ClientOptions.builder().trustStore(domain.certificate(), new char[0])
                .proxy(Optional.empty()).build();
        try (ConferoClient client = new ConferoClient(options, ConnectionListener.NONE)) {
            URI web = URI.create(domain.https("web-1"));
            TestParticipant ann = new TestParticipant(client.join(web, meeting, "Ann", null),
                    List.of(MediaProfile.AUDIO));
            TestParticipant bob = new TestParticipant(client.join(web, meeting, "Bob", null),
                    List.of(MediaProfile.AUDIO));
            assertThat(bob.session().assignment().router()).isEqualTo(ann.session().assignment().router());
            AtomicBoolean sending = new AtomicBoolean(true);
            List<Pacer.Stream> streams = new java.util.ArrayList<>(ann.streams());
            streams.addAll(bob.streams());
            Thread sender = new Thread(() -> new Pacer(streams).run(sending::get), "cluster-media");
            sender.start();
            try {
                long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (System.nanoTime() < until && (heard(ann) == 0 || heard(bob) == 0)) {
                    Thread.sleep(100);
                }
            } finally {
                sending.set(false);
                sender.join(5000);
            }
            assertThat(heard(ann)).as("Ann heard Bob").isPositive();
            assertThat(heard(bob)).as("Bob heard Ann").isPositive();
            ann.session().leave();
            bob.session().leave();
        }
    }

    /**
     * tunnel-1 plays no other role: it reaches the zone controllers and routers of the other servers only through what
     * the cluster shares (zones in the database, routers in the replicated registry).
     */
    @Test
    @Timeout(180)
    void aTunnelServerOfItsOwnCarriesTheJoinToTheRouters() throws Exception {
        assertThat(http.get(URI.create(domain.http("tunnel-1") + "/tunnel/ping")).statusCode()).isEqualTo(204);
        assertThat(http.get(URI.create(domain.http("mmr-1") + "/tunnel/ping")).statusCode())
                .as("a router without the tunnel role is no tunnel").isEqualTo(404);
        HttpResponse<String> listed = http.send("PUT", URI.create(domain.http("web-1") + "/api/v1/tunnels/t1"),
                "{\"url\":\"" + domain.https("tunnel-1") + "\",\"state\":\"enabled\"}", "Authorization", admin);
        assertThat(listed.statusCode()).as(listed.body()).isIn(200, 201);
        try {
            HttpResponse<String> created = http.send("POST", URI.create(domain.http("web-1") + "/api/v1/meetings"),
                    "{\"topic\":\"tunnelled\",\"durationMinutes\":30}", "Authorization", admin);
            String meeting = Http.json(created).getString("id");
            JsonObject info = Http.json(http.get(
                    URI.create(domain.http("web-1") + "/api/v1/meetings/" + meeting + "/join-info?name=tunnelled")));
            assertThat(info.getJsonArray("tunnels").getJsonObject(0).getString("url"))
                    .isEqualTo(domain.https("tunnel-1"));

            java.net.http.HttpClient client = HttpTransport.client(
                    TlsTrust.context(false, Optional.of(domain.certificate()), new char[0]), Optional.empty(),
                    Duration.ofSeconds(10), java.util.concurrent.Executors.newFixedThreadPool(2));
            try (TunnelConnection tunnel = TunnelConnection.open(client, URI.create(domain.https("tunnel-1")),
                    info.getString("joinToken"), Duration.ofSeconds(10))) {
                AssignmentView assignment = AssignmentParser.parse(tunnel.postJson(
                        URI.create(domain.https("mmr-1") + "/api/v1/zc/assign"),
                        Json.createObjectBuilder().add("joinToken", info.getString("joinToken")).build().toString()),
                        url -> url);
                assertThat(assignment.router()).contains("mmr-");
                ControlSession control = ControlSession.join(tunnel.opener(), URI.create(assignment.controlUrl()),
                        meeting, info.getString("joinToken"), message -> {
                        }, Duration.ofSeconds(10), Duration.ofSeconds(20));
                assertThat(control.welcome().getString("type")).isEqualTo("joined");
                control.leave();
            }
        } finally {
            http.send("DELETE", URI.create(domain.http("web-1") + "/api/v1/tunnels/t1"), null, "Authorization", admin);
        }
    }

    private static long heard(TestParticipant p) {
        return p.receptions().get(MediaType.AUDIO).snapshot().testPackets();
    }

    private JsonObject assign(String server, String meeting) throws Exception {
        JsonObject info = Http.json(http
                .get(URI.create(domain.http("web-1") + "/api/v1/meetings/" + meeting + "/join-info?name=" + server)));
        HttpResponse<String> answer = http.send("POST", URI.create(domain.http(server) + "/api/v1/zc/assign"),
                Json.createObjectBuilder().add("joinToken", info.getString("joinToken")).build().toString());
        assertThat(answer.statusCode()).as(server + ": " + answer.body()).isEqualTo(200);
        return Http.json(answer);
    }
}

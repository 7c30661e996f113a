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
import jakarta.json.JsonValue;

import org.confero.cli.media.MediaProfile;
import org.confero.cli.media.Pacer;
import org.confero.cli.media.TestParticipant;
import org.confero.client.ClientOptions;
import org.confero.client.ConferoClient;
import org.confero.client.ConnectionListener;
import org.confero.client.MeetingSession;
import org.confero.client.assign.AssignmentParser;
import org.confero.client.control.ControlSession;
import org.confero.client.http.HttpTransport;
import org.confero.client.http.TlsTrust;
import org.confero.client.tunnel.TunnelConnection;
import org.confero.protocol.rest.AssignmentView;
import org.confero.protocol.media.MediaType;
import org.confero.testsuite.support.Await;
import org.confero.testsuite.support.Http;
import org.confero.testsuite.support.InProcessCli;
import org.confero.testsuite.support.PrometheusServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The local domain (web-1; mmr-1 and mmr-2 of zone default; tunnel-1) started by the admin's own script: what one
 * server writes the others read — the shared database, router heartbeats and meeting placements in the replicated
 * caches — and two participants whose joins went through different zone controllers meet on one router and hear each
 * other. The routers take two participants each (CONFERO_LOCAL_MMR_CAPACITY=2, set by the testsuite): a meeting's third
 * participant overflows to the other router, and the two routers cascade. Last, a router is killed with SIGKILL and its
 * participants move to the other, media and chat included. Throughout, a real Prometheus scrapes every server's
 * /prometheus with the README's domain configuration (wildfly-config/prometheus/domain.yml) and the tests read what it
 * stored: participants per router, cascade links, the failover, backup times.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class ClusterStateIT {

    private static final List<String> SERVERS = List.of("web-1", "mmr-1", "mmr-2", "tunnel-1");

    private static LocalDomain domain;
    private static String admin;
    private static PrometheusServer prometheus;
    private final Http http = new Http();

    @BeforeAll
    static void startTheDomain() throws Exception {
        domain = LocalDomain.start();
        admin = Http.basic("admin", domain.adminPassword());
        // wildfly-config/prometheus/domain.yml as the README gives it; only the targets (every server's HTTPS port),
        // the token and certificate files of this domain, and a 1 s interval differ.
        String configuration = PrometheusServer.configuration(
                PrometheusServer.repositoryFile("wildfly-config/prometheus/domain.yml"),
                java.util.Map.of("scrape_interval", "1s", "credentials_file", domain.scrapeToken().toString(),
                        "ca_file", domain.certificate().toString()),
                SERVERS.stream().map(ClusterStateIT::target).toList());
        prometheus = PrometheusServer.start(configuration, java.nio.file.Path
                .of(System.getProperty("confero.test.server")).getParent().resolve("prometheus-domain"));
    }

    @AfterAll
    static void stopTheDomain() throws Exception {
        try {
            if (prometheus != null) {
                prometheus.close();
            }
        } finally {
            if (domain != null) {
                domain.close();
            }
        }
    }

    /**
     * Every server of the domain serves its own series at /prometheus (WildFly has no Prometheus endpoint on domain
     * servers) behind the scrape token, and Prometheus scrapes all four with the README's configuration. Without the
     * token a scrape is refused; through the load balancer, even with it, the path does not exist.
     */
    @Test
    @org.junit.jupiter.api.Order(1)
    @Timeout(180)
    void prometheusScrapesEveryServerOfTheDomain() throws Exception {
        Await.until(Duration.ofSeconds(30), () -> prometheus.query("up{job=\"confero-domain\"} == 1").size(),
                n -> n == SERVERS.size(), "Prometheus scraping all four servers (" + prometheus.targets() + ")");
        assertThat(prometheus.labelValues("router", "confero_router_capacity{job=\"confero-domain\"}"))
                .as("every server's own series")
                .containsExactlyInAnyOrder("primary:web-1", "primary:mmr-1", "primary:mmr-2", "primary:tunnel-1");
        assertThat(prometheus.value("confero_router_capacity", "router", "primary:mmr-1")).hasValue(2);

        String token = java.nio.file.Files.readString(domain.scrapeToken()).strip();
        HttpResponse<String> anonymous = http.get(URI.create(domain.http("mmr-1") + "/prometheus"));
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        HttpResponse<String> wrong = http.send("GET", URI.create(domain.http("mmr-1") + "/prometheus"), null,
                "Authorization", "Bearer " + new StringBuilder(token).reverse());
        assertThat(wrong.statusCode()).isEqualTo(401);
        HttpResponse<String> scraped = http.send("GET", URI.create(domain.http("mmr-1") + "/prometheus"), null,
                "Authorization", "Bearer " + token);
        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(scraped.body()).containsPattern("(?m)^confero_participants_active\\{[^}]*router=\"primary:mmr-1\"");

        // The public side: HAProxy with the production configuration in front of mmr-1 and mmr-2 refuses the path.
        java.nio.file.Path state = java.nio.file.Path.of(System.getProperty("confero.test.server")).getParent()
                .resolve("haproxy-metrics");
        String haproxy = domain.scripts().resolve("haproxy-local.sh").toString();
        org.confero.testsuite.support.Commands.run(List.of("bash", haproxy, "start", state.toString()), null,
                Duration.ofSeconds(60));
        try {
            java.util.Properties env = new java.util.Properties();
            try (var reader = java.nio.file.Files.newBufferedReader(state.resolve("haproxy.env"))) {
                env.load(reader);
            }
            java.net.http.HttpClient balancer = java.net.http.HttpClient.newBuilder()
                    .sslContext(org.confero.testsuite.support.TestServerTls.context(state.resolve("confero-lb.crt")))
                    .connectTimeout(Duration.ofSeconds(10)).build();
            for (String path : List.of("/prometheus", "/%70rometheus", "//prometheus", "/prometheus;x=1")) {
                HttpResponse<String> outside = balancer.send(
                        java.net.http.HttpRequest.newBuilder(URI.create(env.getProperty("CONFERO_LB_URL") + path))
                                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(outside.statusCode()).as("through the balancer: " + path).isEqualTo(404);
                assertThat(outside.body()).doesNotContain("confero_");
            }
        } finally {
            org.confero.testsuite.support.Commands.run(List.of("bash", haproxy, "stop", state.toString()), null,
                    Duration.ofSeconds(30));
        }
    }

    /** A server's HTTPS address as Prometheus scrapes it (the certificate names localhost). */
    private static String target(String server) {
        return URI.create(domain.https(server)).getAuthority();
    }

    /** The value Prometheus holds now for {@code promql} (one sample whose labels include {@code labels}). */
    private static double stored(String promql, String... labels) throws Exception {
        return prometheus.value(promql, labels).orElse(Double.NaN);
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
     * The scheduled backup is a cluster singleton: every server's timer fires for each slot (every 15 s here,
     * CONFERO_LOCAL_BACKUP_INTERVAL_SECONDS), and each slot yields exactly one backup in the shared backup directory,
     * made by one of the four servers — the same list whichever server is asked.
     */
    @Test
    @Timeout(180)
    void eachScheduledBackupSlotRunsOnExactlyOneServer() throws Exception {
        String lastBackup = "max(confero_backup_last_success_seconds{job=\"confero-domain\"})";
        double before = prometheus.value(lastBackup).orElse(0);
        List<JsonObject> scheduled = Await.until(Duration.ofSeconds(90), () -> scheduledBackups("web-1"),
                list -> list.stream().map(b -> b.getString("slot")).distinct().count() >= 3,
                "three slots of the backup schedule");
        java.util.Map<String, Long> perSlot = scheduled.stream().collect(java.util.stream.Collectors
                .groupingBy(b -> b.getString("slot"), java.util.TreeMap::new, java.util.stream.Collectors.counting()));
        assertThat(perSlot).as(scheduled.toString()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(perSlot.values()).as("backups per slot: " + perSlot).containsOnly(1L);
        for (JsonObject backup : scheduled) {
            assertThat(java.time.Instant.parse(backup.getString("slot")).getEpochSecond() % 15).isZero();
            assertThat(backup.getString("server")).matches(".*(web-1|mmr-1|mmr-2|tunnel-1)");
            assertThat(backup.getString("status")).isEqualTo("complete");
        }
        // Every server sees the same backups: they share the directory, and none wrote a slot another had written.
        List<String> ids = scheduled.stream().map(b -> b.getString("id")).toList();
        assertThat(scheduledBackups("mmr-2").stream().map(b -> b.getString("id")).toList()).containsAll(ids);

        // Prometheus: the time of the last successful backup advances with the slots (one every 15 s).
        double later = Await.until(Duration.ofSeconds(40), () -> stored(lastBackup), t -> t > before,
                "Prometheus: a newer last backup than " + before);
        Await.until(Duration.ofSeconds(40), () -> stored(lastBackup), t -> t > later,
                "Prometheus: the last backup time advancing past " + later);
        assertThat(stored("time() - " + lastBackup)).as("seconds since the last backup").isBetween(0.0, 60.0);
    }

    private List<JsonObject> scheduledBackups(String server) throws Exception {
        HttpResponse<String> listed = http.send("GET", URI.create(domain.http(server) + "/api/v1/backups"), null,
                "Authorization", admin);
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        try (var reader = Json.createReader(new java.io.StringReader(listed.body()))) {
            return reader.readArray().getValuesAs(JsonObject.class).stream()
                    .filter(b -> "scheduled".equals(b.getString("trigger", ""))).toList();
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

    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE - 1)
    @Timeout(240)
    void aMeetingThatOutgrowsItsRouterCascadesToTheOtherBothWays() throws Exception {
        awaitIdleRouters();
        String meeting = createMeeting("cascade");
        ChatInbox annChat = new ChatInbox();
        ChatInbox bobChat = new ChatInbox();
        ChatInbox cidChat = new ChatInbox();
        try (ConferoClient client = new ConferoClient(options(), ConnectionListener.NONE)) {
            MeetingSession ann = client.join(web(), meeting, "Ann", null, annChat);
            MeetingSession bob = client.join(web(), meeting, "Bob", null, bobChat);
            String home = ann.assignment().router();
            assertThat(bob.assignment().router()).isEqualTo(home);
            awaitParticipants(home, 2);
            MeetingSession cid = client.join(web(), meeting, "Cid", null, cidChat);
            String other = cid.assignment().router();
            assertThat(other).as(cid.assignment().reason()).isNotEqualTo(home);
            assertThat(cid.assignment().reason()).contains("threshold");
            awaitCascadeLink(meeting, home, other);
            // What Prometheus scraped from the two routers while the meeting spans them.
            Await.until(Duration.ofSeconds(20),
                    () -> List.of(stored("sum by (router) (confero_participants_active)", "router", home),
                            stored("sum by (router) (confero_participants_active)", "router", other),
                            stored("sum(confero_cascade_links{job=\"confero-domain\"})")),
                    v -> v.get(0) == 2 && v.get(1) == 1 && v.get(2) > 0,
                    "Prometheus: 2 participants on " + home + ", 1 on " + other + ", cascade links > 0");
            assertThat(cid.control().welcome().getJsonArray("roster"))
                    .extracting(v -> v.asJsonObject().getString("name")).as("the roster spans the routers")
                    .containsExactlyInAnyOrder("Ann", "Bob", "Cid");

            Hearing annHears = hear(ann);
            Hearing bobHears = hear(bob);
            Hearing cidHears = hear(cid);
            try (PacketSender fromCid = new PacketSender("cid", 3, audio(cid), 100);
                    PacketSender fromAnn = new PacketSender("ann", 1, audio(ann), 100)) {
                fromCid.finish();
                fromAnn.finish();
            }
            Await.until(Duration.ofSeconds(10),
                    () -> annHears.from(3, 0, 100) + bobHears.from(3, 0, 100) + cidHears.from(1, 0, 100), n -> n >= 294,
                    "cascaded media");
            Thread.sleep(500); // a duplicate would come right behind its original
            assertThat(annHears.from(3, 0, 100)).as("Ann (home router) hears Cid (other router)")
                    .isGreaterThanOrEqualTo(98);
            assertThat(bobHears.from(3, 0, 100)).as("Bob hears Cid").isGreaterThanOrEqualTo(98);
            assertThat(cidHears.from(1, 0, 100)).as("Cid hears Ann").isGreaterThanOrEqualTo(98);
            assertThat(cidHears.packets()).as("no packet crossed the link twice").isEqualTo(cidHears.distinct());
            assertThat(annHears.packets()).isEqualTo(annHears.distinct());
            assertThat(bobHears.packets()).as("Bob hears Ann on his own router and Cid once")
                    .isEqualTo(bobHears.distinct());

            cid.control().chat("hello from the other router");
            ann.control().chat("hello from the home router");
            Await.until(Duration.ofSeconds(10),
                    () -> annChat.texts().size() + bobChat.texts().size() + cidChat.texts().size(), n -> n >= 6,
                    "chat on both routers");
            for (ChatInbox inbox : List.of(annChat, bobChat, cidChat)) {
                assertThat(inbox.texts()).containsExactlyInAnyOrder("hello from the other router",
                        "hello from the home router");
            }
            for (MeetingSession s : List.of(ann, bob, cid)) {
                s.leave();
            }
        }
    }

    /**
     * SIGKILL of the router that hosts Ann and Bob: their clients notice the dead control channel, get another router
     * from a zone controller (which checks the report and drops the dead router from the registry and placements),
     * resume their seats there and re-bind media; chat sent meanwhile is replayed. Runs last: the router stays dead.
     */
    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE)
    @Timeout(300)
    void killingARouterMovesItsParticipantsToTheOtherWithMediaAndChat() throws Exception {
        awaitIdleRouters();
        String meeting = createMeeting("failover");
        ChatInbox annChat = new ChatInbox();
        ChatInbox bobChat = new ChatInbox();
        ChatInbox cidChat = new ChatInbox();
        List<String> moves = new java.util.concurrent.CopyOnWriteArrayList<>();
        ConnectionListener moved = new ConnectionListener() {
            @Override
            public void relocated(String fromRouter, String toRouter, Duration took) {
                moves.add(fromRouter + "->" + toRouter + " in " + took.toMillis() + " ms");
            }
        };
        try (ConferoClient client = new ConferoClient(options(), moved)) {
            MeetingSession ann = client.join(web(), meeting, "Ann", null, annChat);
            MeetingSession bob = client.join(web(), meeting, "Bob", null, bobChat);
            String doomed = ann.assignment().router();
            awaitParticipants(doomed, 2);
            MeetingSession cid = client.join(web(), meeting, "Cid", null, cidChat);
            String survivor = cid.assignment().router();
            assertThat(survivor).isNotEqualTo(doomed);
            awaitCascadeLink(meeting, doomed, survivor);
            Hearing annHears = hear(ann);
            Hearing cidHears = hear(cid);
            try (PacketSender fromAnn = new PacketSender("ann", 1, audio(ann), 3000);
                    PacketSender fromCid = new PacketSender("cid", 3, audio(cid), 3000)) {
                Await.until(Duration.ofSeconds(10), () -> annHears.packets() > 0 && cidHears.packets() > 0, ok -> ok,
                        "media before the kill");
                cid.control().chat("before the crash");
                Await.until(Duration.ofSeconds(10), () -> annChat.texts().contains("before the crash"), ok -> ok,
                        "chat before the kill");

                long killed = killServer(doomed);
                cid.control().chat("while the router is down");
                Await.until(Duration.ofSeconds(30),
                        () -> annHears.firstAfter(killed + 100_000_000L) > 0
                                && cidHears.firstAfter(killed + 100_000_000L) > 0,
                        ok -> ok, "media flowing again after the kill");
                long annBack = annHears.firstAfter(killed + 100_000_000L) - killed;
                long cidBack = cidHears.firstAfter(killed + 100_000_000L) - killed;
                // Ann's media is back; Bob moves on his own thread and may still be on his way.
                Await.until(Duration.ofSeconds(15),
                        () -> ann.assignment().router().equals(survivor) && bob.assignment().router().equals(survivor),
                        ok -> ok, "both moved to " + survivor);
                // Prometheus: the zone controller counted the failover of the router it removed, whose own scrape
                // now fails.
                Await.until(Duration.ofSeconds(20),
                        () -> List.of(stored("sum(confero_router_failovers_total{router=\"" + doomed + "\"})"),
                                stored("up{instance=\"" + target(serverOf(doomed)) + "\"}")),
                        v -> v.get(0) >= 1 && v.get(1) == 0,
                        "Prometheus: a failover of " + doomed + " counted, its scrape down");

                ann.control().chat("after the move");
                Await.until(Duration.ofSeconds(10),
                        () -> cidChat.texts().contains("after the move") && bobChat.texts().contains("after the move"),
                        ok -> ok, "chat after the move");
                Await.until(Duration.ofSeconds(10),
                        () -> annChat.texts().contains("while the router is down")
                                && bobChat.texts().contains("while the router is down"),
                        ok -> ok, "chat sent during the failover, replayed");
                for (ChatInbox inbox : List.of(annChat, bobChat, cidChat)) {
                    assertThat(inbox.ids()).as("no message twice").doesNotHaveDuplicates();
                }
                assertThat(annChat.texts()).containsExactly("before the crash", "while the router is down",
                        "after the move");
                String figures = String.format(java.util.Locale.ROOT,
                        "kill -9 %s -> Ann (moved) hears Cid again: %d ms; Cid hears Ann again: %d ms; moves: %s%n",
                        doomed, annBack / 1_000_000, cidBack / 1_000_000, moves);
                java.nio.file.Files.writeString(java.nio.file.Path.of(System.getProperty("confero.test.server"))
                        .getParent().resolve("failover.txt"), figures);
                System.out.print(figures);
                assertThat(Duration.ofNanos(Math.max(annBack, cidBack))).as(figures).isLessThan(Duration.ofSeconds(10));
            }
            for (MeetingSession s : List.of(ann, bob, cid)) {
                s.leave();
            }
        }
    }

    /**
     * Without a load balancer in front (here confero.public.url is web-1's own URL) clients fail over along
     * confero.cluster.hosts in order. The CLI learns the list in one run; in the next, with web-1 dead, the server
     * after it on the list answers — a listing and a new meeting (whose request never reached web-1).
     */
    @Test
    @Timeout(420)
    void withoutALoadBalancerTheCliFailsOverAlongTheClusterHostsInOrder() throws Exception {
        java.nio.file.Path cache = java.nio.file.Files.createTempDirectory("confero-cli-cache");
        java.util.Map<String, String> env = java.util.Map.of("CONFERO_PASSWORD", domain.adminPassword(),
                "CONFERO_CACHE_DIR", cache.toString(), "CONFERO_CA_CERT", domain.certificate().toString());
        String web1 = domain.https("web-1");
        String before = createMeeting("listed before web-1 died");

        InProcessCli.Output first = InProcessCli.run(env, "meetings", "list", "--server", web1, "--user", "admin",
                "--json");
        assertThat(first.code()).as(first.err()).isEqualTo(org.confero.cli.ExitCode.OK);
        assertThat(first.out()).contains(before);
        java.nio.file.Path stored;
        try (var files = java.nio.file.Files.list(cache.resolve("servers"))) {
            stored = files.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        JsonObject list = Json.createReader(new java.io.StringReader(java.nio.file.Files.readString(stored)))
                .readObject();
        assertThat(list.getString("mode")).isEqualTo("cluster");
        assertThat(list.getJsonArray("urls").getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).toList()).as("confero.cluster.hosts order").containsExactly(
                        domain.https("web-1"), domain.https("mmr-1"), domain.https("mmr-2"), domain.https("tunnel-1"));

        domain.kill("web-1");
        try {
            InProcessCli.Output listed = InProcessCli.run(env, "meetings", "list", "--server", web1, "--user", "admin",
                    "--json");
            assertThat(listed.code()).as(listed.err()).isEqualTo(org.confero.cli.ExitCode.OK);
            assertThat(listed.out()).contains(before);
            InProcessCli.Output created = InProcessCli.run(env, "meetings", "create", "--topic",
                    "made while web-1 was dead", "--server", web1, "--user", "admin", "--json");
            assertThat(created.code()).as(created.err()).isEqualTo(org.confero.cli.ExitCode.OK);
            String id = Json
                    .createReader(new java.io.StringReader(created.out().strip().lines()
                            .filter(l -> l.contains("\"created\"")).findFirst().orElseThrow()))
                    .readObject().getString("id", null);
            HttpResponse<String> read = http.send("GET", URI.create(domain.http("mmr-2") + "/api/v1/meetings/" + id),
                    null, "Authorization", admin);
            assertThat(read.statusCode()).as("the meeting is in the shared database: " + created.out()).isEqualTo(200);
        } finally {
            domain.restart("web-1");
        }
    }

    private String createMeeting(String topic) throws Exception {
        HttpResponse<String> created = http.send("POST", URI.create(domain.http("web-1") + "/api/v1/meetings"),
                "{\"topic\":\"" + topic + "\",\"durationMinutes\":30}", "Authorization", admin);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Http.json(created).getString("id");
    }

    private ClientOptions options() {
        return ClientOptions.builder().trustStore(domain.certificate(), new char[0]).proxy(Optional.empty()).build();
    }

    private URI web() {
        return URI.create(domain.https("web-1"));
    }

    private static Hearing hear(MeetingSession session) {
        Hearing hearing = new Hearing();
        session.media(MediaType.AUDIO).orElseThrow().deliverTo(hearing::accept);
        return hearing;
    }

    private static java.util.function.Supplier<org.confero.client.media.MediaConnection> audio(MeetingSession session) {
        return () -> session.media(MediaType.AUDIO).orElseThrow();
    }

    /** Until the router's heartbeat counts the participants, a zone controller still sees room on it. */
    private void awaitParticipants(String router, int participants) throws Exception {
        Await.until(Duration.ofSeconds(15),
                () -> cluster("web-1").getJsonArray("routers").stream().map(JsonValue::asJsonObject)
                        .filter(r -> r.getString("node").equals(router))
                        .anyMatch(r -> r.getInt("participants") >= participants),
                ok -> ok, router + " reporting " + participants + " participants");
    }

    /** Participants of earlier tests left; the heartbeats say so a moment later (thresholds of 2 are tight). */
    private void awaitIdleRouters() throws Exception {
        Await.until(
                Duration.ofSeconds(15), () -> cluster("web-1").getJsonArray("routers").stream()
                        .map(JsonValue::asJsonObject).allMatch(r -> r.getInt("participants") == 0),
                ok -> ok, "routers without participants");
    }

    /** The router whose name sorts first dials the link; it reports it. */
    private void awaitCascadeLink(String meeting, String a, String b) throws Exception {
        String dialler = a.compareTo(b) < 0 ? a : b;
        String peer = dialler.equals(a) ? b : a;
        Await.until(Duration.ofSeconds(15), () -> {
            JsonObject links = cluster(serverOf(dialler)).getJsonObject("cascadeLinks");
            return links.containsKey(meeting) && links.getJsonArray(meeting).getString(0).equals(peer);
        }, ok -> ok, "cascade link " + dialler + " -> " + peer + " for meeting " + meeting);
    }

    private JsonObject cluster(String server) throws Exception {
        HttpResponse<String> view = http.send("GET", URI.create(domain.http(server) + "/api/v1/cluster"), null,
                "Authorization", admin);
        assertThat(view.statusCode()).as(view.body()).isEqualTo(200);
        return Http.json(view);
    }

    /** A router's node name is {@code <host>:<server>} ({@code primary:mmr-1}); the domain knows servers. */
    private static String serverOf(String node) {
        return node.substring(node.indexOf(':') + 1);
    }

    /** SIGKILL of the server process; returns System.nanoTime() of the kill. */
    private static long killServer(String node) throws Exception {
        String pid = org.confero.testsuite.support.Commands
                .exec(List.of("pgrep", "-f", "--", "-D\\[Server:" + serverOf(node) + "\\]"), null,
                        Duration.ofSeconds(10))
                .output().strip().split("\\s+")[0];
        long killed = System.nanoTime();
        org.confero.testsuite.support.Commands.run(List.of("kill", "-9", pid), null, Duration.ofSeconds(10));
        return killed;
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

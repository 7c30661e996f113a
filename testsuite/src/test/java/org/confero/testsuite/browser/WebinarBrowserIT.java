package org.confero.testsuite.browser;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.confero.testsuite.api.FirstStartCredentials;
import org.confero.testsuite.support.Await;
import org.confero.testsuite.support.ConferoDeployment;
import org.confero.testsuite.support.ConnectionSteps;
import org.confero.testsuite.support.ConnectionSteps.Joined;
import org.confero.testsuite.support.DefaultZone;
import org.confero.testsuite.support.Http;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 23: the web client's webinar views in headless Chromium (fake camera and microphone), as BrowserIT drives it. A
 * panelist joins by the panelist link ({@code #panelist=<code>}), an attendee by the plain link: the attendee's page
 * shows the live bar and the stage, decodes the panelist's video and audio while sending nothing, raises a hand and
 * asks in Q&A; the panelist's page shows the question in its open queue, answers it, and the question moves to the
 * answered list on both pages. The host — a control channel of the test, signed in as the admin, since the web client
 * joins as a guest — promotes the attendee: its page starts sending and the panelist decodes it; demoted, it stops.
 * Every assertion reads the pages' own counters ({@code window.conferoClient.stats()}) or what they show.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WebinarBrowserIT {

    private static final String TLS_BASE = "https://localhost:8543";
    private static final Duration MEDIA_WAIT = Duration.ofSeconds(60);

    @ArquillianResource
    private URL base;

    private final Http http = new Http();
    private final List<Browser> browsers = new ArrayList<>();
    private URI api;
    private String admin;
    private JsonObject originalZone;

    @Deployment(testable = false)
    static EnterpriseArchive confero() {
        return ConferoDeployment.ear();
    }

    @BeforeEach
    void setUp() throws Exception {
        api = base.toURI().resolve("/api/v1/");
        admin = Http.basic("admin", FirstStartCredentials.adminPassword());
        HttpResponse<String> current = http.send("GET", api.resolve("zones/default"), null, "Authorization", admin);
        assertThat(current.statusCode()).as(current.body()).isEqualTo(200);
        originalZone = Http.json(current);
        DefaultZone.put(http, api, admin, originalZone, TLS_BASE + "/api/v1/zc");
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Browser b : browsers) {
            b.close();
        }
        DefaultZone.put(http, api, admin, originalZone, null);
    }

    @Test
    @Timeout(300)
    void anAttendeeSeesTheStageAsksAndIsPromotedToSendWhileThePanelistAnswersFromItsQueue() throws Exception {
        String webinar = newWebinar();
        String code = panelistCode(webinar);
        Browser pete = browser("pete");
        Browser ann = browser("ann");
        String peteId = joined(pete, TLS_BASE + "/join/" + webinar + "#panelist=" + code, "Pete Panelist");
        String annId = joined(ann, TLS_BASE + "/join/" + webinar, "Ann Attendee");
        try {
            // The attendee's page: the stage with the panelist's media, a live bar, raise hand and Q&A; no sending.
            decoding(ann, peteId, 30, 50);
            JsonObject seen = ann.stats().getJsonObject("webinar");
            assertThat(seen.getString("role")).isEqualTo("attendee");
            assertThat(seen.getBoolean("canSend")).isFalse();
            assertThat(ann.stats().getJsonObject("sent").getJsonObject("video").getInt("framesEncoded")).isZero();
            assertThat(ann.script("return document.getElementById('hand').hidden")).isEqualTo(false);
            assertThat(ann.script("return document.getElementById('tab-qa').hidden")).isEqualTo(false);
            assertThat(ann.script("return document.getElementById('room').classList.contains('attendee')"))
                    .isEqualTo(true);
            Await.until(Duration.ofSeconds(10), () -> ann.text("webinar-bar"),
                    t -> t.contains("Attendee") && t.contains("1 attendee") && t.contains("1 on stage"),
                    "the attendee's live bar");
            assertThat(pete.text("webinar-bar")).contains("Panelist");
            ann.screenshot("webinar-attendee.png");

            ann.click("people-button");
            ann.click("tab-qa");
            ann.type("qa-input", "Is this recorded?\n");
            Await.until(Duration.ofSeconds(10), () -> ann.text("questions"), t -> t.contains("Is this recorded?"),
                    "the attendee's question waiting in its own list");

            // The panelist's queue: open, then answered on both pages.
            pete.click("people-button");
            pete.click("tab-qa");
            Await.until(Duration.ofSeconds(10), () -> pete.text("questions"),
                    t -> t.contains("Ann Attendee") && t.contains("Is this recorded?") && t.contains("waiting"),
                    "the question in the panelist's open queue");
            assertThat(pete.stats().getJsonObject("webinar").getInt("openQuestions")).isEqualTo(1);
            pete.screenshot("webinar-panelist-queue.png");
            pete.script("window.prompt = () => 'Yes, it is.'");
            pete.script("document.querySelector('#questions button').click()");
            Await.until(Duration.ofSeconds(10), () -> ann.text("answered"), t -> t.contains("Yes, it is."),
                    "the answer on the attendee's page");
            Await.until(Duration.ofSeconds(10), () -> pete.stats().getJsonObject("webinar"),
                    w -> w.getInt("openQuestions") == 0 && w.getInt("answeredQuestions") == 1,
                    "the question moved to the panelist's answered list");
            assertThat(pete.text("answered")).contains("Is this recorded?").contains("Yes, it is.");
            assertThat(ann.text("questions")).doesNotContain("Is this recorded?");

            URI control = ConnectionSteps.webSocket(base.toURI(), "/api/v1/mmr/control");
            try (Joined host = ConnectionSteps.join(control, hostToken(webinar))) {
                ann.click("hand");
                assertThat(host.control().await("hand").getString("name")).isEqualTo("Ann Attendee");

                // Promoted: the attendee's page starts sending and the panelist decodes it, without a rejoin.
                host.control().send("{\"type\":\"promote\",\"participantId\":\"" + annId + "\"}");
                Await.until(MEDIA_WAIT, () -> ann.stats(),
                        s -> "panelist".equals(s.getJsonObject("webinar").getString("role"))
                                && s.getJsonObject("sent").getJsonObject("video").getInt("framesEncoded") > 30,
                        "the promoted attendee's page sending video");
                decoding(pete, annId, 30, 50);
                assertThat(ann.stats().getInt("controlReconnects")).as("the same control connection").isZero();
                assertThat(ann.script("return document.getElementById('room').classList.contains('attendee')"))
                        .isEqualTo(false);
                assertThat(ann.text("webinar-bar")).contains("Panelist");
                ann.screenshot("webinar-promoted.png");

                host.control().send("{\"type\":\"demote\",\"participantId\":\"" + annId + "\"}");
                Await.until(Duration.ofSeconds(15), () -> ann.stats().getJsonObject("webinar"),
                        w -> !w.getBoolean("canSend") && "attendee".equals(w.getString("role")),
                        "the demoted page an attendee's again");
            }
        } catch (AssertionError | RuntimeException e) {
            StringBuilder all = new StringBuilder(String.valueOf(e.getMessage())).append('\n');
            for (Browser b : browsers) {
                all.append(b.console()).append('\n');
            }
            throw new AssertionError(all.toString(), e);
        }
    }

    private Browser browser(String name) {
        Browser b = new Browser(name);
        browsers.add(b);
        return b;
    }

    /** Opens {@code url}, joins, and waits until control and all three media sockets are up. */
    private static String joined(Browser browser, String url, String name) throws Exception {
        browser.open(url);
        browser.join(name);
        JsonObject stats = Await.until(Duration.ofSeconds(40), browser::stats,
                s -> "in-meeting".equals(s.getString("state", "")) && allBound(s), name + " in the webinar");
        return stats.getString("participantId");
    }

    private static boolean allBound(JsonObject stats) {
        JsonObject media = stats.getJsonObject("media");
        return media != null && List.of("audio", "video", "content").stream()
                .allMatch(k -> media.get(k) instanceof JsonObject m && m.getBoolean("bound"));
    }

    private static void decoding(Browser browser, String remoteId, int videoFrames, int audioFrames) throws Exception {
        Await.until(MEDIA_WAIT, browser::stats, s -> {
            JsonObject remotes = s.getJsonObject("remotes");
            JsonObject r = remotes != null && remotes.get(remoteId) instanceof JsonObject o ? o : null;
            return r != null && r.getJsonObject("video").getInt("framesDecoded") >= videoFrames
                    && r.getJsonObject("audio").getInt("framesDecoded") >= audioFrames;
        }, videoFrames + " video and " + audioFrames + " audio frames decoded from " + remoteId);
    }

    private String newWebinar() throws Exception {
        HttpResponse<String> created = http.send("POST", api.resolve("meetings"),
                "{\"topic\":\"Browser webinar\",\"webinar\":true}", "Authorization", admin);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Http.json(created).getString("id");
    }

    private String panelistCode(String webinar) throws Exception {
        HttpResponse<String> link = http.send("GET", api.resolve("meetings/" + webinar + "/panelist-link"), null,
                "Authorization", admin);
        assertThat(link.statusCode()).as(link.body()).isEqualTo(200);
        return Http.json(link).getString("panelistCode");
    }

    private String hostToken(String webinar) throws Exception {
        HttpResponse<String> info = http.send("GET", api.resolve("meetings/" + webinar + "/join-info?name=Hana"), null,
                "Authorization", admin);
        assertThat(info.statusCode()).as(info.body()).isEqualTo(200);
        return Http.json(info).getString("joinToken");
    }
}

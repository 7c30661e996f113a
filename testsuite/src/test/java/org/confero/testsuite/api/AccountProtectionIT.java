package org.confero.testsuite.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import org.confero.testsuite.support.ConferoDeployment;
import org.confero.testsuite.support.Http;
import org.confero.testsuite.support.ProxiedClient;
import org.confero.testsuite.support.ProxiedClient.Answer;
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
 * Issue 19, attacks 3 and 4 against the real server: guessing a meeting's passcode from many addresses never locks the
 * right passcode out while the guessing addresses are refused; a bearer token cannot take its owner's account over (no
 * password change with a token, none without the current password) and cannot mint tokens that outlive it. Every
 * refusal is problem+json, and the victim's state is checked unchanged after it. Guessing addresses come through the
 * test server's trusted proxy ({@link ProxiedClient}) from 192.0.2.0/24, which no other test uses.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AccountProtectionIT {

    private static final String PASSWORD = "correct horse battery";
    private static final String NEW_PASSWORD = "a brand new long password";

    private final Http http = new Http();

    @ArquillianResource
    private URL base;

    private URI server;
    private URI api;
    private String admin;

    @Deployment(testable = false)
    static EnterpriseArchive confero() {
        return ConferoDeployment.ear();
    }

    @BeforeEach
    void setUp() throws Exception {
        server = base.toURI();
        api = server.resolve("/api/v1/");
        admin = Http.basic("admin", FirstStartCredentials.adminPassword());
    }

    @Test
    @Timeout(180)
    void theRightPasscodeWorksAfterSixtyWrongOnesFromOtherAddresses() throws Exception {
        HttpResponse<String> created = http.send("POST", api.resolve("meetings"), """
                {"topic":"Guessed","passcode":"739104"}""", "Authorization", admin);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String meeting = Http.json(created).getString("id");

        // 50 wrong passcodes from 10 addresses, 5 each: each address is refused past its own limit, even with the
        // right passcode. That reaches the meeting's ceiling (50): 10 more addresses get one wrong guess each.
        for (int source = 1; source <= 10; source++) {
            String address = "192.0.2." + source;
            for (int i = 0; i < 5; i++) {
                assertThat(lookup(meeting, address, "000000").status()).as("%s guess %d", address, i + 1)
                        .isEqualTo(403);
            }
            assertTooMany(lookup(meeting, address, "000001"));
        }
        for (int source = 11; source <= 20; source++) {
            String address = "192.0.2." + source;
            assertThat(lookup(meeting, address, "000000").status()).as(address).isEqualTo(403);
            assertTooMany(lookup(meeting, address, "000001"));
        }
        Answer guesserWithTheRightOne = lookup(meeting, "192.0.2.1", "739104");
        assertTooMany(guesserWithTheRightOne);
        assertThat(Long.parseLong(guesserWithTheRightOne.header("Retry-After"))).isBetween(1L, 301L);

        // Past the meeting's ceiling a fresh address still has its passcode checked: the right one gets in...
        Answer fresh = lookup(meeting, "192.0.2.200", "739104");
        assertThat(fresh.status()).as(fresh.body()).isEqualTo(200);
        assertThat(json(fresh).getString("joinToken")).contains(".");
        // ...a wrong one is told so, and that address gets no second guess while the meeting is being guessed.
        assertThat(lookup(meeting, "192.0.2.201", "000000").status()).isEqualTo(403);
        assertTooMany(lookup(meeting, "192.0.2.201", "000002"));
        // The meeting itself is unharmed for those who know its passcode.
        assertThat(lookup(meeting, "192.0.2.202", "739104").status()).isEqualTo(200);
    }

    @Test
    @Timeout(60)
    void aTokenCannotChangeThePasswordOfItsOwner() throws Exception {
        String user = newHost("victim");
        String bearer = "Bearer " + Http.json(createToken(Http.basic(user, PASSWORD), """
                {"name":"stolen","expiresInDays":7}""")).getString("token");

        HttpResponse<String> refused = http.send("PATCH", api.resolve("users/me"), """
                {"password":"%s","currentPassword":"%s"}""".formatted(NEW_PASSWORD, PASSWORD), "Authorization", bearer);

        assertProblem(refused, 403, "forbidden");
        assertThat(Http.json(refused).getString("detail")).contains("sign in with the password");
        assertThat(http.send("GET", api.resolve("users/me"), null, "Authorization", Http.basic(user, PASSWORD))
                .statusCode()).as("the old password still works").isEqualTo(200);
        assertThat(http.send("GET", api.resolve("users/me"), null, "Authorization", Http.basic(user, NEW_PASSWORD))
                .statusCode()).as("the new one does not").isEqualTo(401);
        assertThat(http.send("GET", api.resolve("users/me"), null, "Authorization", bearer).statusCode())
                .as("the token still reads the account").isEqualTo(200);
    }

    @Test
    @Timeout(60)
    void anAdminTokenCannotChangeAnyonesPassword() throws Exception {
        String user = newHost("victim-of-admin");
        String adminBearer = "Bearer " + Http.json(createToken(admin, """
                {"name":"admin automation","expiresInDays":1}""")).getString("token");

        assertProblem(http.send("PATCH", api.resolve("users/" + user), """
                {"password":"%s"}""".formatted(NEW_PASSWORD), "Authorization", adminBearer), 403, "forbidden");

        assertThat(http.send("GET", api.resolve("users/me"), null, "Authorization", Http.basic(user, PASSWORD))
                .statusCode()).isEqualTo(200);
    }

    @Test
    @Timeout(60)
    void aPasswordChangeNeedsTheCurrentPassword() throws Exception {
        String user = newHost("changer");
        String auth = Http.basic(user, PASSWORD);

        assertProblem(http.send("PATCH", api.resolve("users/me"), """
                {"password":"%s"}""".formatted(NEW_PASSWORD), "Authorization", auth), 400, "invalid-request");
        assertProblem(http.send("PATCH", api.resolve("users/me"), """
                {"password":"%s","currentPassword":"not the password"}""".formatted(NEW_PASSWORD), "Authorization",
                auth), 403, "forbidden");
        assertThat(http.send("GET", api.resolve("users/me"), null, "Authorization", auth).statusCode())
                .as("refused changes left the old password").isEqualTo(200);

        HttpResponse<String> changed = http.send("PATCH", api.resolve("users/me"), """
                {"password":"%s","currentPassword":"%s"}""".formatted(NEW_PASSWORD, PASSWORD), "Authorization", auth);

        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(http.send("GET", api.resolve("users/me"), null, "Authorization", Http.basic(user, NEW_PASSWORD))
                .statusCode()).isEqualTo(200);
        assertThat(http.send("GET", api.resolve("users/me"), null, "Authorization", auth).statusCode()).isEqualTo(401);
    }

    @Test
    @Timeout(60)
    void anAdminChangingItsOwnPasswordThroughTheAdminPathNeedsTheCurrentOne() throws Exception {
        String other = "admin2-" + System.nanoTime();
        HttpResponse<String> created = http.send("POST", api.resolve("users"), """
                {"username":"%s","role":"admin","password":"%s"}""".formatted(other, PASSWORD), "Authorization", admin);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String auth = Http.basic(other, PASSWORD);

        assertProblem(http.send("PATCH", api.resolve("users/" + other), """
                {"password":"%s"}""".formatted(NEW_PASSWORD), "Authorization", auth), 400, "invalid-request");

        assertThat(http.send("GET", api.resolve("users/me"), null, "Authorization", auth).statusCode()).isEqualTo(200);
    }

    @Test
    @Timeout(60)
    void tokensExpireAndATokenCannotMintOneThatOutlivesIt() throws Exception {
        String user = newHost("integrator");
        String auth = Http.basic(user, PASSWORD);

        JsonObject longest = Http.json(createToken(auth, "{\"name\":\"default lifetime\"}"));
        assertThat(Instant.parse(longest.getString("expiresAt"))).as("no expiry asked: the maximum, 90 days")
                .isBetween(Instant.now().plus(Duration.ofDays(89)), Instant.now().plus(Duration.ofDays(91)));
        assertProblem(http.send("POST", api.resolve("tokens"), "{\"name\":\"forever\",\"expiresInDays\":3650}",
                "Authorization", auth), 400, "invalid-request");

        JsonObject weekly = Http.json(createToken(auth, "{\"name\":\"weekly\",\"expiresInDays\":7}"));
        String bearer = "Bearer " + weekly.getString("token");
        int before = tokens(auth);

        assertProblem(http.send("POST", api.resolve("tokens"), "{\"name\":\"renewal\",\"expiresInDays\":30}",
                "Authorization", bearer), 403, "forbidden");
        assertThat(tokens(auth)).as("the refused token was not created").isEqualTo(before);

        JsonObject child = Http.json(createToken(bearer, "{\"name\":\"child\"}"));
        assertThat(Instant.parse(child.getString("expiresAt"))).as("a token's token expires with it at the latest")
                .isBeforeOrEqualTo(Instant.parse(weekly.getString("expiresAt")));
    }

    private String newHost(String prefix) throws Exception {
        String user = prefix + "-" + System.nanoTime();
        HttpResponse<String> created = http.send("POST", api.resolve("users"), """
                {"username":"%s","role":"host","password":"%s"}""".formatted(user, PASSWORD), "Authorization", admin);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return user;
    }

    private HttpResponse<String> createToken(String authorization, String body) throws Exception {
        HttpResponse<String> created = http.send("POST", api.resolve("tokens"), body, "Authorization", authorization);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return created;
    }

    private int tokens(String authorization) throws Exception {
        HttpResponse<String> listed = http.send("GET", api.resolve("tokens"), null, "Authorization", authorization);
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        try (var reader = Json.createReader(new StringReader(listed.body()))) {
            return reader.readArray().size();
        }
    }

    private Answer lookup(String meeting, String client, String passcode) throws Exception {
        try (ProxiedClient proxy = new ProxiedClient(server, client)) {
            return proxy.request("GET", "/api/v1/meetings/" + meeting + "/join-info?name=Probe", null,
                    "X-Confero-Passcode", passcode);
        }
    }

    private static JsonObject json(Answer answer) {
        try (var reader = Json.createReader(new StringReader(answer.body()))) {
            return reader.readObject();
        }
    }

    private static void assertTooMany(Answer refused) {
        assertThat(refused.status()).as(refused.body()).isEqualTo(429);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(json(refused).getString("type")).isEqualTo("https://confero.org/problems/too-many-attempts");
        assertThat(refused.header("Retry-After")).isNotNull();
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(value -> assertThat(value).startsWith("application/problem+json"));
        JsonObject problem = Http.json(response);
        assertThat(problem.getString("type")).isEqualTo("https://confero.org/problems/" + type);
        assertThat(problem.getInt("status")).isEqualTo(status);
    }
}

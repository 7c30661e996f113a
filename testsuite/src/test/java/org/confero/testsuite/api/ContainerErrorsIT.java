package org.confero.testsuite.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.confero.testsuite.support.ConferoDeployment;
import org.confero.testsuite.support.Http;
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
 * Every error is {@code application/problem+json} with its status and stable type, including the ones the container
 * answers before a request reaches JAX-RS (Elytron's 401 challenge, Undertow's 403, 404 and 405), never an HTML page or
 * a stack trace; and the bodyless admin operations (backup, restore) cannot be triggered by a cross-site form.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ContainerErrorsIT {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15)).build();

    @ArquillianResource
    private URL base;

    private URI root;
    private String admin;

    @Deployment(testable = false)
    static EnterpriseArchive confero() {
        return ConferoDeployment.ear();
    }

    @BeforeEach
    void setUp() throws Exception {
        root = base.toURI().resolve("/");
        admin = Http.basic("admin", FirstStartCredentials.adminPassword());
    }

    @Test
    @Timeout(60)
    void aRefusedBasicLoginIsAProblemThatKeepsTheChallenge() throws Exception {
        HttpResponse<String> refused = send("GET", "api/v1/meetings", null, null, "Authorization",
                Http.basic("admin", "not the password"));

        assertProblem(refused, 401, "unauthenticated");
        assertThat(refused.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(challenge -> assertThat(challenge).startsWithIgnoringCase("Basic"));
        HttpResponse<String> unknownUser = send("GET", "api/v1/meetings", null, null, "Authorization",
                Http.basic("nobody-" + System.nanoTime(), "whatever it is"));
        assertProblem(unknownUser, 401, "unauthenticated");
    }

    @Test
    @Timeout(60)
    void forbiddenIsAProblemInTheContainerAndInTheApi() throws Exception {
        // Undertow refuses a directory listing itself.
        assertProblem(send("GET", "webclient/css/", null, null), 403, "forbidden");
        // A host calling an admin operation: refused by the API.
        String host = "errors-host-" + System.nanoTime();
        HttpResponse<String> created = send("POST", "api/v1/users", """
                {"username":"%s","role":"host","password":"a long password 3"}""".formatted(host), "application/json",
                "Authorization", admin);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertProblem(send("GET", "api/v1/backups", null, null, "Authorization", Http.basic(host, "a long password 3")),
                403, "forbidden");
    }

    @Test
    @Timeout(60)
    void unknownPathsAreProblemsInsideAndOutsideTheApi() throws Exception {
        HttpResponse<String> page = send("GET", "no-such-page-" + System.nanoTime(), null, null);
        assertProblem(page, 404, "not-found");
        assertThat(page.body()).doesNotContain("<html").doesNotContain("Exception");
        assertProblem(send("GET", "api/v1/no-such-resource", null, null), 404, "not-found");
        assertProblem(send("GET", "api/v2/meetings", null, null), 404, "not-found");
    }

    @Test
    @Timeout(60)
    void wrongMethodsAreProblemsInsideAndOutsideTheApi() throws Exception {
        assertProblem(send("PUT", "index.html", "x", "text/plain"), 405, "method-not-allowed");
        assertProblem(send("DELETE", "index.html", null, null), 405, "method-not-allowed");
        assertProblem(send("DELETE", "api/v1/backups", null, null, "Authorization", admin), 405, "method-not-allowed");
    }

    @Test
    @Timeout(60)
    void unsupportedMediaTypesAreProblems() throws Exception {
        assertProblem(
                send("POST", "api/v1/meetings", "topic=x", "application/x-www-form-urlencoded", "Authorization", admin),
                415, "unsupported-media-type");
    }

    @Test
    @Timeout(60)
    void crossSiteFormsCannotStartABackupOrARestore() throws Exception {
        // What a cross-site page can send with the admin's cached credentials, without a CORS preflight.
        assertProblem(
                send("POST", "api/v1/backups", "a=b", "application/x-www-form-urlencoded", "Authorization", admin), 415,
                "unsupported-media-type");
        assertProblem(send("POST", "api/v1/backups", "{}", "text/plain", "Authorization", admin), 415,
                "unsupported-media-type");
        assertProblem(
                send("POST", "api/v1/backups", "--x--", "multipart/form-data; boundary=x", "Authorization", admin), 415,
                "unsupported-media-type");
        assertProblem(send("POST", "api/v1/backups", null, null, "Authorization", admin), 415,
                "unsupported-media-type");
        assertProblem(send("POST", "api/v1/backups/20000101T000000000Z-abcdef/restore", "a=b",
                "application/x-www-form-urlencoded", "Authorization", admin), 415, "unsupported-media-type");
        // A script says so with a header (or a JSON content type); the restore point does not exist, so nothing runs.
        assertProblem(send("POST", "api/v1/backups/20000101T000000000Z-abcdef/restore", null, null, "Confero-Request",
                "1", "Authorization", admin), 404, "not-found");
        assertProblem(send("POST", "api/v1/backups/20000101T000000000Z-abcdef/restore", "{}", "application/json",
                "Authorization", admin), 404, "not-found");
    }

    private HttpResponse<String> send(String method, String path, String body, String contentType, String... headers)
            throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(root.resolve(path)).timeout(Duration.ofSeconds(30)).method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProblem(HttpResponse<String> response, int status, String slug) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).as(response.body())
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonObject problem = Http.json(response);
        assertThat(problem.getString("type")).isEqualTo("https://confero.org/problems/" + slug);
        assertThat(problem.getInt("status")).isEqualTo(status);
        assertThat(response.body()).doesNotContain("\tat ").doesNotContain("Exception");
    }
}

package org.confero.web.rest.mapper;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ejb.EJBAccessException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.InternalServerErrorException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.RedirectionException;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.Duration;

import org.confero.common.api.DomainException;
import org.confero.common.api.ProblemType;
import org.confero.web.rest.RestHarness;
import org.confero.web.rest.RestHarness.Answer;
import org.confero.web.rest.TestResources.Bookings;
import org.junit.jupiter.api.Test;

class ProblemMappersTest {

    private final RestHarness api = RestHarness.of(Throwing.class, new Bookings());

    @Test
    void aDomainExceptionKeepsItsTypeAndDetail() {
        Answer answer = api.send(RestHarness.get("/throw/domain"));

        assertProblem(answer, 409, "meeting-ended");
        assertThat(answer.json().getString("detail")).isEqualTo("meeting 123 456 789 has ended");
        assertThat(answer.json().getString("title")).isEqualTo(ProblemType.MEETING_ENDED.title());
        assertThat(answer.json().getString("type")).isEqualTo("https://confero.org/problems/meeting-ended");
        assertThat(answer.json().getString("instance")).isEqualTo("/throw/domain");
    }

    @Test
    void aDomainExceptionWithAWaitSendsRetryAfterInWholeSecondsRoundedUp() {
        Answer answer = api.send(RestHarness.get("/throw/too-many"));

        assertProblem(answer, 429, "too-many-attempts");
        assertThat(answer.header("Retry-After")).isEqualTo("31");
    }

    @Test
    void anUnknownPathIsNotFound() {
        assertProblem(api.send(RestHarness.get("/nothing/here")), 404, "not-found");
    }

    @Test
    void aQueryParameterOfTheWrongTypeIsBadInputNotAMissingResource() {
        Answer answer = api.send(RestHarness.get("/throw/typed?count=many"));

        assertProblem(answer, 400, "invalid-request");
        assertThat(answer.json().getString("detail"))
                .isEqualTo("query parameter 'count' has a value of the wrong type");
    }

    @Test
    void aWrongMethodIs405AndKeepsTheAllowHeader() {
        Answer answer = api.send(RestHarness.request("DELETE", "/bookings"));

        assertProblem(answer, 405, "method-not-allowed");
        assertThat(answer.header("Allow")).contains("POST");
    }

    @Test
    void aBodyOfAnotherTypeIs415() {
        Answer answer = api
                .send(RestHarness.request("POST", "/bookings").contentType("text/plain").content("topic=x".getBytes()));

        assertProblem(answer, 415, "unsupported-media-type");
    }

    @Test
    void anUnproducibleAcceptIs406AnsweredAsProblemJsonAnyway() {
        Answer answer = api.send(RestHarness.json("POST", "/bookings", "{}").accept("text/html"));

        assertProblem(answer, 406, "not-acceptable");
    }

    @Test
    void notAuthorizedIs401WithTheBasicChallenge() {
        Answer answer = api.send(RestHarness.get("/throw/unauthorized"));

        assertProblem(answer, 401, "unauthenticated");
        assertThat(answer.headers("WWW-Authenticate")).containsExactly("Basic realm=\"Confero\"");
    }

    @Test
    void forbiddenForAGuestAsksThemToAuthenticate() {
        Answer answer = api.send(RestHarness.get("/throw/forbidden"));

        assertProblem(answer, 401, "unauthenticated");
        assertThat(answer.header("WWW-Authenticate")).isEqualTo("Basic realm=\"Confero\"");
    }

    @Test
    void anEjbRefusingTheCallerIsForbiddenNotAnInternalError() {
        assertProblem(api.send(RestHarness.get("/throw/ejb-access")), 403, "forbidden");
    }

    @Test
    void anotherClientErrorKeepsItsStatusWithAGenericProblem() {
        Answer answer = api.send(RestHarness.get("/throw/gone"));

        assertProblem(answer, 410, "about:blank");
        assertThat(answer.json().getString("title")).isEqualTo("Gone");
        assertThat(answer.body()).doesNotContain("archived in cold storage");
    }

    @Test
    void unavailableKeepsRetryAfter() {
        Answer answer = api.send(RestHarness.get("/throw/unavailable"));

        assertProblem(answer, 503, "unavailable");
        assertThat(answer.header("Retry-After")).isEqualTo("120");
    }

    @Test
    void aRedirectionIsNotAnError() {
        Answer answer = api.send(RestHarness.get("/throw/redirect"));

        assertThat(answer.status()).isEqualTo(307);
        assertThat(answer.header("Location")).isEqualTo("https://example.com/elsewhere");
    }

    @Test
    void anUnexpectedFailureIs500WithAnIncidentIdAndNothingElse() {
        Answer answer = api.send(RestHarness.get("/throw/bug"));

        assertProblem(answer, 500, "internal-error");
        String incident = answer.json().getString("incidentId");
        assertThat(incident).matches("[0-9a-f-]{36}");
        assertThat(answer.json().getString("detail")).contains(incident);
        assertNothingLeaks(answer);
    }

    @Test
    void aBare500WebApplicationExceptionIsReportedAsAnIncidentToo() {
        Answer answer = api.send(RestHarness.get("/throw/internal"));

        assertProblem(answer, 500, "internal-error");
        assertThat(answer.json().containsKey("incidentId")).isTrue();
        assertNothingLeaks(answer);
    }

    @Test
    void eachIncidentHasItsOwnId() {
        String first = api.send(RestHarness.get("/throw/bug")).json().getString("incidentId");
        String second = api.send(RestHarness.get("/throw/bug")).json().getString("incidentId");

        assertThat(first).isNotEqualTo(second);
    }

    static void assertProblem(Answer answer, int status, String type) {
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.json().getInt("status")).isEqualTo(status);
        String actualType = answer.json().getString("type");
        assertThat(actualType.equals("about:blank") ? actualType : answer.problemType()).isEqualTo(type);
        assertThat(answer.json().getString("title")).isNotBlank();
        assertThat(answer.json().getString("detail")).isNotBlank();
    }

    private static void assertNothingLeaks(Answer answer) {
        assertThat(answer.body()).doesNotContain("hunter2").doesNotContain("Exception").doesNotContain("at org.")
                .doesNotContain("Throwing");
    }

    @Path("throw")
    @Produces(MediaType.APPLICATION_JSON)
    public static class Throwing {

        @GET
        @Path("domain")
        public String domain() {
            throw new DomainException(ProblemType.MEETING_ENDED, "meeting 123 456 789 has ended");
        }

        @GET
        @Path("too-many")
        public String tooMany() {
            throw new DomainException(ProblemType.TOO_MANY_ATTEMPTS, "too many wrong passcodes",
                    Duration.ofMillis(30_200));
        }

        @GET
        @Path("typed")
        public String typed(@QueryParam("count") int count) {
            return String.valueOf(count);
        }

        @GET
        @Path("unauthorized")
        public String unauthorized() {
            throw new NotAuthorizedException("Basic realm=\"Confero\"");
        }

        @GET
        @Path("forbidden")
        public String forbidden() {
            throw new ForbiddenException();
        }

        @GET
        @Path("ejb-access")
        public String ejbAccess() {
            throw new EJBAccessException("WFLYEJB0364: Invocation on method hunter2 is not allowed");
        }

        @GET
        @Path("gone")
        public String gone() {
            throw new ClientErrorException("archived in cold storage", Response.Status.GONE);
        }

        @GET
        @Path("unavailable")
        public String unavailable() {
            throw new ServiceUnavailableException(120L);
        }

        @GET
        @Path("redirect")
        public String redirect() {
            throw new RedirectionException(Response.Status.TEMPORARY_REDIRECT,
                    URI.create("https://example.com/elsewhere"));
        }

        @GET
        @Path("bug")
        public String bug() {
            throw new IllegalStateException("connection to jdbc:postgresql://db/confero as hunter2 refused");
        }

        @GET
        @Path("internal")
        public String internal() {
            throw new InternalServerErrorException("disk /var/lib/confero full, hunter2");
        }

        @GET
        @Path("{id}")
        public String byId(@PathParam("id") String id) {
            return id;
        }
    }
}

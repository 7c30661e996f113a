package org.confero.web.rest.mapper;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;

import org.confero.web.rest.RestHarness;
import org.confero.web.rest.RestHarness.Answer;
import org.confero.web.rest.TestResources.Bookings;
import org.junit.jupiter.api.Test;

/** What RESTEasy 6.2 and Yasson 3.0 really throw for bad request bodies, and what the client is told. */
class BodyReadingFailuresTest {

    private final Bookings bookings = new Bookings();
    private final RestHarness api = RestHarness.of(bookings, Failing.class);

    @Test
    void aWellFormedBodyReachesTheResource() {
        Answer answer = post("{\"topic\":\"Standup\",\"minutes\":15,\"start\":\"2025-01-31T09:00:00Z\"}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().getString("topic")).isEqualTo("Standup");
        assertThat(bookings.calls()).isEqualTo(1);
    }

    @Test
    void brokenSyntaxSaysWhereWithoutEchoingTheBody() {
        Answer answer = post("{\"topic\": \"secret-topic-value\" \"minutes\": 15}");

        assertMalformed(answer);
        assertThat(answer.json().getString("detail"))
                .isEqualTo("the body is not valid JSON (line 1, column 40); expected COMMA");
        assertThat(answer.body()).doesNotContain("secret-topic-value");
    }

    @Test
    void aValueOfTheWrongTypeNamesTheProperty() {
        Answer answer = post("{\"topic\": \"Standup\", \"minutes\": \"fifteen\"}");

        assertMalformed(answer);
        assertThat(answer.json().getString("detail"))
                .isEqualTo("property 'minutes' has a value of the wrong type or format (expected a number)");
    }

    @Test
    void aBadInstantSaysWhatFormatIsExpected() {
        Answer answer = post("{\"start\": \"tomorrow morning\"}");

        assertMalformed(answer);
        assertThat(answer.json().getString("detail")).contains("'start'").contains("ISO-8601").doesNotContain("Yasson")
                .doesNotContain("tomorrow");
    }

    @Test
    void anUnknownPropertyIsRefusedByName() {
        Answer answer = post("{\"topik\": \"Standup\"}");

        assertMalformed(answer);
        assertThat(answer.json().getString("detail")).startsWith("unknown property 'topik'").doesNotContain("class");
    }

    @Test
    void anUnknownPropertyDeepInsideIsRefusedToo() {
        Answer answer = post("{\"participants\": [{\"mail\": \"a@example.com\"}]}");

        assertMalformed(answer);
        assertThat(answer.json().getString("detail")).startsWith("unknown property 'mail'");
    }

    @Test
    void anEmptyBodyIsRefusedRatherThanHandedOnAsNull() {
        assertMalformed(post(""));
        assertMalformed(post("null"));
        assertThat(bookings.calls()).isZero();
    }

    @Test
    void anArrayWhereAnObjectBelongsIsRefused() {
        Answer answer = post("[1, 2]");

        assertMalformed(answer);
        assertThat(answer.json().getString("detail")).startsWith("the body does not have the shape");
    }

    @Test
    void aConnectionLostMidBodyIsNotCalledBadJson() {
        InputStream start = new ByteArrayInputStream("{\"topic\": \"Stand".getBytes(StandardCharsets.UTF_8));
        InputStream lost = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("UT000128: Remote peer closed connection before all data could be read");
            }
        };

        Answer answer = api.send(RestHarness.request("POST", "/bookings").contentType("application/json")
                .content(new SequenceInputStream(start, lost)));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.problemType()).isEqualTo("invalid-request");
        assertThat(answer.json().getString("detail")).isEqualTo("the request body could not be read to its end");
        assertThat(bookings.calls()).isZero();
    }

    @Test
    void failingToWriteAnAnswerIsTheServersFaultNotTheClients() {
        Answer answer = api.send(RestHarness.get("/failing"));

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.problemType()).isEqualTo("internal-error");
        assertThat(answer.body()).doesNotContain("database password");
    }

    private Answer post(String body) {
        return api.send(RestHarness.json("POST", "/bookings", body));
    }

    private void assertMalformed(Answer answer) {
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.problemType()).isEqualTo("malformed-json");
        assertThat(answer.json().getString("instance")).isEqualTo("/bookings");
        assertThat(bookings.calls()).isZero();
    }

    @Path("failing")
    public static class Failing {

        /** A getter that throws: JSON-B fails while writing, with the same exception types as when reading. */
        public static class Unwritable {
            public String getValue() {
                throw new IllegalStateException("database password is hunter2");
            }
        }

        @GET
        @Produces(MediaType.APPLICATION_JSON)
        public Unwritable get() {
            return new Unwritable();
        }
    }
}

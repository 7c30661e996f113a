package org.confero.web.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.confero.web.rest.RestHarness.Answer;
import org.confero.web.rest.TestResources.Bookings;
import org.jboss.resteasy.mock.MockHttpRequest;
import org.junit.jupiter.api.Test;

class BodySizeLimitTest {

    private static final int LIMIT = 64;

    private final Bookings bookings = new Bookings();
    private final RestHarness api = RestHarness.with(LIMIT, token -> Optional.empty(), ContainerSecurity.guest(),
            bookings);

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedBeforeAnythingIsRead() {
        CountingStream body = new CountingStream(bodyOf(200));

        Answer answer = api.send(post(body).header("Content-Length", "200"));

        assertTooLarge(answer);
        assertThat(body.read).isZero();
    }

    @Test
    void aDeclaredLengthPastTwoGibibytesIsRefusedToo() {
        Answer answer = api.send(post(new ByteArrayInputStream(new byte[0])).header("Content-Length", "5000000000"));

        assertTooLarge(answer);
    }

    @Test
    void aChunkedBodyIsRefusedOnceReadingPassesTheLimit() {
        // No Content-Length: the limit can only be found out while reading.
        Answer answer = api.send(post(bodyOf(200)));

        assertTooLarge(answer);
    }

    @Test
    void aBodyOfExactlyTheLimitIsAccepted() {
        Answer answer = api.send(post(bodyOf(LIMIT)));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(bookings.calls()).isEqualTo(1);
    }

    @Test
    void theStreamCountsEveryWayOfReading() throws IOException {
        InputStream bounded = new BoundedEntityStream(new ByteArrayInputStream(new byte[10]), 4);

        assertThat(bounded.read()).isZero();
        assertThat(bounded.skip(1)).isEqualTo(1);
        assertThat(bounded.read(new byte[8], 0, 8)).isEqualTo(2);
        assertThat(bounded.markSupported()).isFalse();
        assertThatThrownBy(bounded::read).isInstanceOf(BoundedEntityStream.PayloadTooLargeException.class)
                .satisfies(e -> assertThat(((BoundedEntityStream.PayloadTooLargeException) e).getResponse().getStatus())
                        .isEqualTo(413));
    }

    @Test
    void theStreamEndsNormallyAtTheLimitWhenTheBodyDoes() throws IOException {
        InputStream bounded = new BoundedEntityStream(new ByteArrayInputStream(new byte[4]), 4);

        assertThat(bounded.readAllBytes()).hasSize(4);
        assertThat(bounded.read()).isEqualTo(-1);
    }

    private void assertTooLarge(Answer answer) {
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.problemType()).isEqualTo("payload-too-large");
        assertThat(answer.json().getString("detail")).isEqualTo("the request body is larger than 64 bytes");
        assertThat(bookings.calls()).isZero();
    }

    private static MockHttpRequest post(InputStream body) {
        return RestHarness.request("POST", "/bookings").contentType("application/json").content(body);
    }

    /** A valid JSON object of exactly {@code size} bytes. */
    private static InputStream bodyOf(int size) {
        String prefix = "{\"topic\":\"";
        String suffix = "\"}";
        String json = prefix + "x".repeat(size - prefix.length() - suffix.length()) + suffix;
        assertThat(json).hasSize(size);
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }

    private static final class CountingStream extends InputStream {

        private final InputStream in;
        private int read;

        CountingStream(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                read++;
            }
            return b;
        }
    }
}
